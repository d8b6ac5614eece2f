import { i18next } from './index';

/**
 * Every section of both dictionaries, for a page that started with only some of them (the kiosk, whose
 * technician mode needs the rest). The office application has them all from the start.
 */
export async function loadAllDictionaries(): Promise<void> {
  const [{ vi }, { en }] = await Promise.all([import('./vi'), import('./en')]);
  i18next.addResourceBundle('vi', 'translation', vi, true, true);
  i18next.addResourceBundle('en', 'translation', en, true, true);
}
