/*
 * What the chair's clicks take to reach every room of a large meeting, timed
 * in the generator's rooms: the console's request is sent at t0 on the
 * generator's clock, and each room notes on the same clock when its new view
 * arrived (layout push) or when the first packet of the newly unmuted room's
 * sound came (unmute → heard).
 */
import type { ChairConsole } from './ChairConsole';
import { REFERENCE_GRID } from './bridgeCensus';
import type { SyntheticRoom } from './SyntheticRoom';
import { percentile } from './stats';

/** How long a round waits for the slowest room before counting the rest as missed. */
const ROUND_TIMEOUT_MS = 5_000;
const POLL_MS = 10;
/** Between rounds, so the subscriptions a change starts have settled before the next one. */
const SETTLE_MS = 2_000;

export interface RoundFigures {
  perRoom: number[];
  /** Per round, the time until the last room had it: "every kiosk". */
  everyRoom: number[];
  missed: number;
  /** Why the rounds stopped early: a request of the chair failed (a starved generator's console can be dropped). */
  stoppedBy?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `arrivedAt` gives a time for every room (or the timeout) and collects the delays from t0. */
async function round(
  rooms: readonly SyntheticRoom[],
  t0: number,
  clock: () => number,
  arrivedAt: (room: SyntheticRoom) => number | undefined,
  into: RoundFigures,
): Promise<void> {
  const arrived = () => rooms.map((room) => arrivedAt(room)).filter((at): at is number => at !== undefined && at >= t0);
  while (arrived().length < rooms.length && clock() - t0 < ROUND_TIMEOUT_MS) await sleep(POLL_MS);
  const delays = arrived().map((at) => at - t0);
  into.perRoom.push(...delays);
  into.missed += rooms.length - delays.length;
  if (delays.length === rooms.length) into.everyRoom.push(Math.max(...delays));
}

const layoutOf = (sites: readonly string[]) => ({ template: REFERENCE_GRID, panes: sites.map((siteCode) => ({ kind: 'site' as const, siteCode })) });

/** Sends one request of the chair; a failure ends the rounds, recorded with what was measured so far. */
async function attempt(figures: RoundFigures, request: () => Promise<void>): Promise<boolean> {
  try {
    await request();
    return true;
  } catch (error) {
    figures.stoppedBy = (error as Error).message;
    return false;
  }
}

/**
 * Alternates the common layout between the reference view (the first 16 sites) and
 * 16 others, `rounds` times, and times each change to every room.
 */
export async function timeLayoutPush(
  chair: ChairConsole,
  rooms: readonly SyntheticRoom[],
  codes: readonly string[],
  rounds: number,
  clock: () => number,
): Promise<RoundFigures> {
  const reference = codes.slice(0, 16);
  const other = [codes[0]!, ...codes.slice(1).reverse()].slice(0, 16);
  const figures: RoundFigures = { perRoom: [], everyRoom: [], missed: 0 };
  for (let index = 0; index < rounds; index++) {
    const sites = index % 2 === 0 ? other : reference;
    const t0 = clock();
    if (!(await attempt(figures, () => chair.request('chair:setLayout', { layout: layoutOf(sites), target: 'all' })))) return figures;
    await round(rooms, t0, clock, (room) => room.viewShowing(sites), figures);
    await sleep(SETTLE_MS);
  }
  // The reference view again, as the rest of the run expects.
  if (rounds % 2 === 1) await attempt(figures, () => chair.request('chair:setLayout', { layout: layoutOf(reference), target: 'all' }));
  return figures;
}

/**
 * Unmutes `rounds` muted rooms one at a time (each a room never heard before in the run, so
 * every other room gets a new audio stream) and times the first packet of its sound at every
 * other room; each is muted again before the next.
 */
export async function timeUnmuteHeard(
  chair: ChairConsole,
  rooms: readonly SyntheticRoom[],
  muted: readonly string[],
  rounds: number,
  clock: () => number,
): Promise<RoundFigures> {
  const figures: RoundFigures = { perRoom: [], everyRoom: [], missed: 0 };
  for (const siteCode of muted.slice(-rounds)) {
    const listeners = rooms.filter((room) => room.siteCode !== siteCode);
    const t0 = clock();
    if (!(await attempt(figures, () => chair.request('chair:mute', { siteCode, muted: false })))) return figures;
    await round(listeners, t0, clock, (room) => room.heardSince(siteCode), figures);
    if (!(await attempt(figures, () => chair.request('chair:mute', { siteCode, muted: true })))) return figures;
    await sleep(SETTLE_MS);
  }
  return figures;
}

/** The figures of a set of rounds, for the run's table. */
export function roundTable(name: string, figures: RoundFigures): Record<string, number | string | null> {
  return {
    [`${name} per room p50 (ms)`]: percentile(figures.perRoom, 50),
    [`${name} per room p95 (ms)`]: percentile(figures.perRoom, 95),
    [`${name} to every room p50 (ms)`]: percentile(figures.everyRoom, 50),
    [`${name} to every room p95 (ms)`]: percentile(figures.everyRoom, 95),
    [`${name} to every room max (ms)`]: figures.everyRoom.length ? Math.max(...figures.everyRoom) : null,
    [`${name} rounds complete`]: figures.everyRoom.length,
    [`${name} rooms missed`]: figures.missed,
    [`${name} stopped by`]: figures.stoppedBy ?? null,
  };
}
