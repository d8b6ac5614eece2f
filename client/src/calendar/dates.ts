import { localDate } from '../i18n';

/*
 * Arithmetic on Vietnam calendar dates written 'YYYY-MM-DD'. Dates carry no zone, so UTC arithmetic
 * on them is exact; turning them into instants is the i18n helpers' job.
 */
const toUtc = (date: string) => new Date(`${date}T00:00:00Z`);
const fromUtc = (day: Date) => day.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const day = toUtc(date);
  day.setUTCDate(day.getUTCDate() + days);
  return fromUtc(day);
}

/** Weeks start on Monday, as on Vietnamese office calendars. */
export function mondayOf(date: string): string {
  const sundayZero = toUtc(date).getUTCDay();
  return addDays(date, -((sundayZero + 6) % 7));
}

export function daysFrom(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addDays(first, index));
}

export function today(): string {
  return localDate(new Date());
}

export const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toUtc(value).getTime());
