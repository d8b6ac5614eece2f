/**
 * Which rooms every other room hears (Art. 7.1.c: the Office adjusts "the sound at the sites as the
 * meeting goes"). A room is heard unless the chair muted it or it paused its own microphone; above
 * `cap` such rooms, the most recent speakers go through and the chair's room always does. Ranking by
 * the last time a room spoke, rather than by its level at this instant, keeps a room that pauses for
 * breath from being cut off by one that coughs.
 */
export interface AudibleInput {
  /** Rooms with a live microphone that the chair has not muted, in a stable order (the meeting's). */
  candidates: readonly string[];
  /** The chair's room, heard whatever the cap. */
  chairSite: string | null;
  /** When each room last spoke above the speech threshold (ms); rooms that never spoke are absent. */
  lastSpoke: ReadonlyMap<string, number>;
  cap: number;
}

export function selectAudible({ candidates, chairSite, lastSpoke, cap }: AudibleInput): Set<string> {
  const others = candidates.filter((site) => site !== chairSite);
  const ranked =
    others.length <= cap
      ? others
      : others
          .map((site, order) => ({ site, order, spoke: lastSpoke.get(site) ?? -Infinity }))
          .sort((a, b) => b.spoke - a.spoke || a.order - b.order)
          .slice(0, cap)
          .map((entry) => entry.site);
  const audible = new Set(ranked);
  if (chairSite !== null && candidates.includes(chairSite)) audible.add(chairSite);
  return audible;
}
