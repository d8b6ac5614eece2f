/*
 * What both i18n paths share: the office's (i18next, ./index.ts) and the kiosk page's (kiosk/kioskText.ts).
 * Nothing here loads a translation library.
 */

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const STORAGE_KEY = 'diemcau.language';
export type Language = 'vi' | 'en';

/** The locale whose conventions (dates, numbers) a language's texts follow. */
export const locale = (language: string) => (language === 'en' ? 'en-GB' : 'vi-VN');

/** `?lang=en` in the address wins (kiosk links), then the saved choice, then Vietnamese. */
export function pageLanguage(): Language {
  const requested = new URLSearchParams(window.location.search).get('lang') ?? localStorage.getItem(STORAGE_KEY);
  return requested === 'en' ? 'en' : 'vi';
}

/** Dates and times are always shown in Vietnam's time zone, whatever the PC's clock zone. */
export function dateTimeText(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: TIME_ZONE,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(iso));
}
