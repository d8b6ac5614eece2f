import type { Period } from '@diemcau/shared';
import { addDays, formatLocalDate, localParts, parseLocalDate, zonedToUtc } from '../meetings/rules/zonedTime';

/** A period of local days and the instants that bound it: [start, end). */
export interface ResolvedPeriod extends Period {
  start: Date;
  end: Date;
  /** Local calendar months the period touches, 'YYYY-MM'. */
  months: string[];
  days: number;
}

/** The period asked for, or the calendar year of `now` in the zone (Art. 15: reports are yearly). */
export function resolvePeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date, timeZone: string): ResolvedPeriod {
  const year = localParts(now, timeZone).year;
  const from = parseLocalDate(query.from ?? `${year}-01-01`);
  const to = parseLocalDate(query.to ?? `${year}-12-31`);
  const midnight = (date: { year: number; month: number; day: number }) => zonedToUtc({ ...date, hour: 0, minute: 0, second: 0 }, timeZone);
  const months: string[] = [];
  for (let cursor = { ...from, day: 1 }; formatLocalDate(cursor) <= formatLocalDate(to);) {
    months.push(formatLocalDate(cursor).slice(0, 7));
    cursor = cursor.month === 12 ? { year: cursor.year + 1, month: 1, day: 1 } : { year: cursor.year, month: cursor.month + 1, day: 1 };
  }
  const start = midnight(from);
  const end = midnight(addDays(to, 1));
  return {
    from: formatLocalDate(from),
    to: formatLocalDate(to),
    start,
    end,
    months,
    days: Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000) + 1,
  };
}

/** The local month 'YYYY-MM' of an instant. */
export const localMonth = (instant: Date, timeZone: string): string => formatLocalDate(localParts(instant, timeZone)).slice(0, 7);
