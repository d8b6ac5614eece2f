import { assertBridgeLimit, blockingWithin, conflictsAmong, overlaps } from './calendar';
import { leadTimeCheck } from './leadTime';
import type { BookingPolicy } from './policy';
import type { BookedMeeting, MeetingCandidate } from './types';
import { withinOfficeHours, type WorkCalendar } from './workDays';

export interface TimeSlot {
  startsAt: Date;
  endsAt: Date;
}

const MAX_SUGGESTIONS = 3;
const DAY_MS = 86_400_000;

/**
 * Up to three other starts for the candidate, same duration, nearest to the requested start first
 * (an earlier and a later start equally far away: earlier first). Suggested starts are the requested
 * start shifted by whole steps, so a meeting asked for at 08:00 is offered 07:30, 08:30, ….
 *
 * Only slots that are truly free are offered: a provincial or urgent meeting could approve into a
 * slot by pre-empting, but offering that would hide the cost. Every suggestion must also be
 * bookable if requested `now`: not in the past and within its lead time (Art. 6.4, 6.5), and lie
 * inside office hours on a working day. An urgent meeting is the exception: it may be placed
 * whenever the bridge is free, evenings and holidays included (Art. 6.5).
 */
export function suggestFreeSlots(
  candidate: MeetingCandidate,
  calendar: readonly BookedMeeting[],
  policy: BookingPolicy,
  now: Date,
  days: WorkCalendar,
): TimeSlot[] {
  assertBridgeLimit(policy);
  const requested = candidate.startsAt.getTime();
  const duration = candidate.endsAt.getTime() - requested;
  const step = policy.slotStepMinutes * 60_000;
  const reach = policy.slotSearchDays * DAY_MS;
  if (!(duration > 0) || !(step > 0) || !(reach > 0)) return [];

  // Filter once for the whole search window, then per slot only scan what is left.
  const window = {
    startsAt: new Date(Math.max(now.getTime(), requested - reach)),
    endsAt: new Date(requested + reach + duration),
  };
  const relevant = blockingWithin(candidate, window, calendar);

  const isFree = (slot: TimeSlot): boolean => {
    const others = relevant.filter((meeting) => overlaps(meeting, slot));
    return conflictsAmong({ ...candidate, ...slot }, others, policy.maxConcurrentMeetings).length === 0;
  };
  const isBookableNow = (slot: TimeSlot): boolean =>
    slot.startsAt.getTime() >= now.getTime() && leadTimeCheck(candidate.kind, slot.startsAt, now, policy, days).ok;
  const isOfficeTime = (slot: TimeSlot): boolean => candidate.kind === 'emergency' || withinOfficeHours(slot, policy, days);

  const found: TimeSlot[] = [];
  for (let offset = step; offset <= reach && found.length < MAX_SUGGESTIONS; offset += step) {
    for (const start of [requested - offset, requested + offset]) {
      const slot = { startsAt: new Date(start), endsAt: new Date(start + duration) };
      if (found.length < MAX_SUGGESTIONS && isOfficeTime(slot) && isFree(slot) && isBookableNow(slot)) found.push(slot);
    }
  }
  return found;
}
