/**
 * The wording of a pre-emption depends on the kind of meeting that took the slot (Art. 4.2);
 * pre-emptions recorded before the kind was kept, or anything unexpected, read "a priority meeting".
 */
export function preemptingKind(byKind: unknown): 'provincial' | 'emergency' | 'unknown' {
  return byKind === 'provincial' || byKind === 'emergency' ? byKind : 'unknown';
}
