import type { TFunction } from 'i18next';

const MINUTE_MS = 60_000;

/** How long ago, in words: "vừa xong", "5 phút trước", "3 giờ trước", "2 ngày trước". */
export function agoText(iso: string, now: number, t: TFunction, language: string): string {
  const elapsedMs = now - Date.parse(iso);
  if (elapsedMs < MINUTE_MS) return t('technician.time.justNow');
  const relative = new Intl.RelativeTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', { numeric: 'always' });
  const minutes = Math.floor(elapsedMs / MINUTE_MS);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? relative.format(-hours, 'hour') : relative.format(-Math.floor(hours / 24), 'day');
}

/** A downtime as "x phút y giây" (or "x giờ y phút" past an hour). */
export function durationText(seconds: number, t: TFunction): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return t('technician.time.hoursMinutes', { hours, minutes });
  return t('technician.time.minutesSeconds', { minutes, seconds: seconds % 60 });
}
