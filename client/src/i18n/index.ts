import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { vi } from './vi';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const STORAGE_KEY = 'diemcau.language';
export type Language = 'vi' | 'en';

/** `?lang=en` in the address wins (kiosk links), then the saved choice, then Vietnamese. */
function initialLanguage(): Language {
  const requested = new URLSearchParams(window.location.search).get('lang') ?? localStorage.getItem(STORAGE_KEY);
  return requested === 'en' ? 'en' : 'vi';
}

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Dates and times are always shown in Vietnam's time zone, whatever the PC's clock zone. */
export function formatDateTime(iso: string, language: string = i18next.language): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: TIME_ZONE,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export { i18next };
