import type { BookingPolicy } from './policy';
import type { MeetingKind } from './types';
import { isWorkingDay, type WorkCalendar } from './workDays';
import { addDays, localParts, parseClock, zonedToUtc } from './zonedTime';

export interface RequestDeadline {
  /** The latest instant at which the request may reach the Office. */
  deadline: Date;
  article: '6.4' | '6.5';
}

export type LeadTimeResult = { ok: true } | ({ ok: false } & RequestDeadline);

/** Session start times of one day, latest first, without duplicates. */
function sessionClocks(policy: BookingPolicy): Array<{ hour: number; minute: number }> {
  const clocks = [parseClock(policy.sessionStarts.morning), parseClock(policy.sessionStarts.afternoon)];
  const unique = new Map(clocks.map((c) => [c.hour * 60 + c.minute, c]));
  return [...unique.entries()].sort(([a], [b]) => b - a).map(([, clock]) => clock);
}

/** Longer than any run of holidays and weekends: a calendar with no working day in a year is a mistake. */
const MAX_DAYS_BACK = 366;

/**
 * Session starts at or before `at`, latest first. A meeting starting before the morning session or
 * on a day nobody works (a weekend, a public holiday) therefore belongs to the last session before
 * it: Friday afternoon for a Saturday meeting, the afternoon before Tết for a meeting during it.
 */
function* sessionStartsUpTo(at: Date, policy: BookingPolicy, days: WorkCalendar): Generator<Date> {
  if (![...new Set(policy.workingDays)].some((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    throw new RangeError('workingDays must contain at least one ISO weekday (1 = Monday … 7 = Sunday)');
  }
  const clocks = sessionClocks(policy);
  const today = localParts(at, policy.timeZone);
  for (let back = 0; back <= MAX_DAYS_BACK; back++) {
    const day = addDays(today, -back);
    if (!isWorkingDay(day, policy, days)) continue;
    for (const clock of clocks) {
      const start = zonedToUtc({ ...day, ...clock, second: 0 }, policy.timeZone);
      if (start.getTime() <= at.getTime()) yield start;
    }
  }
  throw new RangeError(`no working day in the ${MAX_DAYS_BACK} days before ${at.toISOString()}: check the holiday calendar`);
}

/**
 * Art. 6.4: site and bridge technicians prepare together during the half-day session before the
 * meeting's own session, so the Office must have the request by the time that session opens.
 * Public holidays hold no session (Labour Code 2019 Art. 112), make-up working days do.
 */
function preparationSessionStart(startsAt: Date, policy: BookingPolicy, days: WorkCalendar): Date {
  const sessions = sessionStartsUpTo(startsAt, policy, days);
  sessions.next(); // the meeting's own session
  return sessions.next().value as Date;
}

/** When the request must reach the Office at the latest, so the UI can say so before it is sent. */
export function requestDeadline(kind: MeetingKind, startsAt: Date, policy: BookingPolicy, days: WorkCalendar): RequestDeadline {
  if (Number.isNaN(startsAt.getTime())) throw new RangeError('startsAt is not a valid date');
  if (kind === 'emergency') {
    // Art. 6.5: an urgent meeting skips the half-day preparation but the bridge still needs hours.
    return { deadline: new Date(startsAt.getTime() - policy.emergencyLeadMinutes * 60_000), article: '6.5' };
  }
  return { deadline: preparationSessionStart(startsAt, policy, days), article: '6.4' };
}

/** A request made exactly at the deadline is still in time. */
export function leadTimeCheck(kind: MeetingKind, startsAt: Date, requestedAt: Date, policy: BookingPolicy, days: WorkCalendar): LeadTimeResult {
  const limit = requestDeadline(kind, startsAt, policy, days);
  return requestedAt.getTime() <= limit.deadline.getTime() ? { ok: true } : { ok: false, ...limit };
}
