/**
 * The request-to-speak queue (Art. 7.1.d: the chair adjusts the sound at the
 * sites as the meeting goes). Hands are kept in the order they were raised;
 * one site at a time holds the floor.
 */
export interface Floor {
  queue: readonly string[];
  holder: string | null;
}

export const emptyFloor: Floor = { queue: [], holder: null };

export function raiseHand(floor: Floor, site: string): Floor {
  if (floor.queue.includes(site) || floor.holder === site) return floor;
  return { ...floor, queue: [...floor.queue, site] };
}

export function lowerHand(floor: Floor, site: string): Floor {
  return floor.queue.includes(site) ? { ...floor, queue: floor.queue.filter((queued) => queued !== site) } : floor;
}

/** The granted site leaves the queue; whoever held the floor before loses it. */
export function grantFloor(floor: Floor, site: string): { floor: Floor; previous: string | null } {
  const previous = floor.holder === site ? null : floor.holder;
  return { floor: { queue: floor.queue.filter((queued) => queued !== site), holder: site }, previous };
}

export function revokeFloor(floor: Floor): { floor: Floor; previous: string | null } {
  return { floor: { ...floor, holder: null }, previous: floor.holder };
}
