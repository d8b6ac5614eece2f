import type { BridgeTotals } from '@diemcau/shared';
import type { Room } from '../media/Room';

/** A worker's CPU time (user and system) at one moment of the wall clock, both in milliseconds. */
export interface CpuReading {
  cpuMs: number;
  atMs: number;
}

/**
 * The share of one core a worker used between two readings, in percent. The
 * first reading of a worker has nothing to compare with: 0 until the next one.
 */
export function cpuPercent(previous: CpuReading | undefined, current: CpuReading): number {
  if (!previous) return 0;
  const elapsed = current.atMs - previous.atMs;
  if (elapsed <= 0) return 0;
  return Math.max(0, Math.round(((current.cpuMs - previous.cpuMs) / elapsed) * 1000) / 10);
}

/** Rooms, peers, transports, producers and consumers over all open rooms and their workers. */
export function bridgeTotals(rooms: readonly Room[]): BridgeTotals {
  const totals: BridgeTotals = { rooms: rooms.length, peers: 0, transports: 0, producers: 0, consumers: 0 };
  for (const room of rooms) {
    for (const counts of room.mediaCounts()) {
      totals.peers += counts.peers;
      totals.transports += counts.transports;
      totals.producers += counts.producers;
      totals.consumers += counts.consumers;
    }
  }
  return totals;
}
