import type { BookingPolicy } from './policy';
import type { BookedMeeting, MeetingCandidate, MeetingStatus } from './types';

/**
 * Statuses that hold the calendar. A request holds nothing until the Office approves it: between two
 * departmental requests for the same slot, the first approved wins (Art. 4.2, Art. 10).
 */
export const blockingStatuses: readonly MeetingStatus[] = Object.freeze(['approved', 'prepared', 'live']);

export function isBlocking(status: MeetingStatus): boolean {
  return blockingStatuses.includes(status);
}

export interface Conflict {
  meeting: BookedMeeting;
  /** Rooms (the chair room included) the candidate and this meeting would both need. */
  sharedSiteIds: number[];
  /** This meeting runs at an instant when the candidate would push the bridge past its limit. */
  overBridgeLimit: boolean;
}

interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** Half-open [startsAt, endsAt): back-to-back meetings do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

export function assertBridgeLimit(policy: BookingPolicy): void {
  // With a limit below one even an empty calendar would refuse everything while naming no culprit.
  if (!Number.isInteger(policy.maxConcurrentMeetings) || policy.maxConcurrentMeetings < 1) {
    throw new RangeError(`maxConcurrentMeetings must be a whole number of at least 1, got ${policy.maxConcurrentMeetings}`);
  }
}

/** The calendar entries that can collide with anything inside `window`. */
export function blockingWithin(candidate: MeetingCandidate, window: Interval, calendar: readonly BookedMeeting[]): BookedMeeting[] {
  return calendar.filter((meeting) => meeting.id !== candidate.id && isBlocking(meeting.status) && overlaps(meeting, window));
}

/**
 * The stretches of the candidate's interval during which the candidate plus the meetings already
 * running would exceed the limit. A sweep, because meetings overlapping the candidate need not
 * overlap each other: five short meetings in a row are never more than one at a time.
 */
function overLimitStretches(candidate: Interval, others: readonly BookedMeeting[], limit: number): Array<[number, number]> {
  const start = candidate.startsAt.getTime();
  const end = candidate.endsAt.getTime();
  const events: Array<{ at: number; delta: 1 | -1 }> = [];
  for (const meeting of others) {
    events.push({ at: Math.max(start, meeting.startsAt.getTime()), delta: 1 });
    events.push({ at: Math.min(end, meeting.endsAt.getTime()), delta: -1 });
  }
  // Ends before starts at the same instant: the intervals are half-open.
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  const stretches: Array<[number, number]> = [];
  let running = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    running += event.delta;
    const next = events[i + 1];
    if (next && next.at > event.at && running + 1 > limit) stretches.push([event.at, next.at]);
  }
  return stretches;
}

/**
 * Conflicts of the candidate among meetings already known to be blocking and overlapping it. Shared
 * with the free-slot search, which pre-filters the calendar once for many candidate windows.
 */
export function conflictsAmong(candidate: MeetingCandidate, others: readonly BookedMeeting[], limit: number): Conflict[] {
  const wanted = new Set(candidate.siteIds);
  const stretches = overLimitStretches(candidate, others, limit);
  const conflicts: Conflict[] = [];
  for (const meeting of others) {
    const sharedSiteIds = [...new Set(meeting.siteIds.filter((id) => wanted.has(id)))].sort((a, b) => a - b);
    const overBridgeLimit = stretches.some(([from, to]) => meeting.startsAt.getTime() < to && from < meeting.endsAt.getTime());
    if (sharedSiteIds.length > 0 || overBridgeLimit) conflicts.push({ meeting, sharedSiteIds, overBridgeLimit });
  }
  return conflicts.sort((a, b) => a.meeting.startsAt.getTime() - b.meeting.startsAt.getTime() || a.meeting.id.localeCompare(b.meeting.id));
}

/** The blocking meetings the candidate would collide with, and why; empty when it fits. */
export function findConflicts(candidate: MeetingCandidate, calendar: readonly BookedMeeting[], policy: BookingPolicy): Conflict[] {
  assertBridgeLimit(policy);
  return conflictsAmong(candidate, blockingWithin(candidate, candidate, calendar), policy.maxConcurrentMeetings);
}
