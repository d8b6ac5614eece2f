import type { BookingPolicy } from './policy';
import { formatLocalDate, isoWeekday, localParts, parseClock, zonedToUtc, type LocalDate } from './zonedTime';

/**
 * The exceptions to the working week, as local dates 'YYYY-MM-DD' in the policy's zone: public
 * holidays (with the days off given in compensation) and the make-up working days the government
 * sometimes swaps for them. Held in the store and edited by the admin; the rules only read it.
 */
export interface WorkCalendar {
  daysOff: ReadonlySet<string>;
  makeUpDays: ReadonlySet<string>;
}

export const noExceptions: WorkCalendar = Object.freeze({ daysOff: new Set<string>(), makeUpDays: new Set<string>() });

/** A make-up day is worked whatever its weekday; a day off is not, whatever its weekday. */
export function isWorkingDay(date: LocalDate, policy: BookingPolicy, days: WorkCalendar): boolean {
  const key = formatLocalDate(date);
  if (days.makeUpDays.has(key)) return true;
  if (days.daysOff.has(key)) return false;
  return policy.workingDays.includes(isoWeekday(date));
}

/**
 * Whether the slot lies inside one stretch of office hours on a working day. A slot crossing the
 * lunch break or running past closing time does not.
 */
export function withinOfficeHours(slot: { startsAt: Date; endsAt: Date }, policy: BookingPolicy, days: WorkCalendar): boolean {
  const day = localParts(slot.startsAt, policy.timeZone);
  if (!isWorkingDay(day, policy, days)) return false;
  return policy.officeHours.some(({ start, end }) => {
    const opens = zonedToUtc({ ...day, ...parseClock(start), second: 0 }, policy.timeZone);
    const closes = zonedToUtc({ ...day, ...parseClock(end), second: 0 }, policy.timeZone);
    return opens.getTime() <= slot.startsAt.getTime() && slot.endsAt.getTime() <= closes.getTime();
  });
}
