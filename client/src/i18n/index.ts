import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { dictionaries } from './dictionaries';
import { dateTimeText, locale, pageLanguage, STORAGE_KEY, TIME_ZONE, type Language } from './language';
import { logRejection } from '../ui/logRejection';

export { TIME_ZONE, type Language } from './language';

void i18next
  .use(initReactI18next)
  .init({
    resources: { vi: { translation: dictionaries.vi }, en: { translation: dictionaries.en } },
    lng: pageLanguage(),
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
  })
  .catch(logRejection);
document.documentElement.lang = i18next.language;

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language).catch(logRejection);
  document.documentElement.lang = language;
}

export function formatDateTime(iso: string, language: string = i18next.language): string {
  return dateTimeText(iso, language);
}

export { i18next };

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

function wallClockParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = Object.fromEntries(wallClock.formatToParts(instant).map((part) => [part.type, part.value]));
  // Some ICU versions print midnight as 24 despite h23.
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour === '24' ? '00' : parts.hour!, minute: parts.minute! };
}

/** The calendar date 'YYYY-MM-DD' in Vietnam at this instant. */
export function localDate(instant: string | Date): string {
  const { year, month, day } = wallClockParts(new Date(instant));
  return `${year}-${month}-${day}`;
}

/** The wall-clock time 'HH:MM' in Vietnam at this instant. */
export function localTime(instant: string | Date): string {
  const { hour, minute } = wallClockParts(new Date(instant));
  return `${hour}:${minute}`;
}

/**
 * The instant at which clocks in Vietnam show this date ('YYYY-MM-DD') and time ('HH:MM'), as ISO 8601
 * with the zone's offset: what people type is always Vietnam time, whatever the PC's own zone.
 */
export function zonedInstant(date: string, time: string): string {
  const asIfUtc = Date.parse(`${date}T${time}:00Z`);
  const shown = wallClockParts(new Date(asIfUtc));
  const offsetMinutes = (Date.parse(`${shown.year}-${shown.month}-${shown.day}T${shown.hour}:${shown.minute}:00Z`) - asIfUtc) / 60_000;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const pad = (value: number) => String(Math.floor(Math.abs(value))).padStart(2, '0');
  return `${date}T${time}:00${sign}${pad(offsetMinutes / 60)}:${pad(offsetMinutes % 60)}`;
}

/** A day, spelled out: "Thứ Ba, 9 tháng 12, 2025". Accepts an instant or a local date 'YYYY-MM-DD'. */
export function formatDate(instantOrDate: string, language: string = i18next.language): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(instantOrDate) ? zonedInstant(instantOrDate, '12:00') : instantOrDate;
  return new Intl.DateTimeFormat(locale(language), { timeZone: TIME_ZONE, dateStyle: 'full' }).format(new Date(instant));
}

/** A short day heading for calendar columns: "T3 09/12". */
export function formatDayHeading(date: string, language: string = i18next.language): string {
  return new Intl.DateTimeFormat(locale(language), { timeZone: TIME_ZONE, weekday: 'short', day: '2-digit', month: '2-digit' }).format(
    new Date(zonedInstant(date, '12:00')),
  );
}

/** "Thứ Ba, 9 tháng 12, 2025, 09:00–10:30", or both ends in full when the meeting spans days. */
export function formatTimeRange(startsAt: string, endsAt: string, language: string = i18next.language): string {
  if (localDate(startsAt) !== localDate(endsAt)) {
    return `${formatDateTime(startsAt, language)} – ${formatDateTime(endsAt, language)}`;
  }
  return `${formatDate(startsAt, language)}, ${localTime(startsAt)}–${localTime(endsAt)}`;
}

/** Date and time in few characters, for tables and lists: "29/11/2026 09:05". */
export function formatShortDateTime(iso: string): string {
  return `${localDate(iso).split('-').reverse().join('/')} ${localTime(iso)}`;
}
