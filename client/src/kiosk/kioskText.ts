import rosetta from 'rosetta';
import { dictionaries } from '../i18n/dictionaries';
import { dateTimeText, pageLanguage } from '../i18n/language';

/*
 * The kiosk's own screens are worded with rosetta over the same dictionaries as the office (their kiosk and
 * errors sections, with the same {{name}} placeholders) rather than with i18next, which alone weighed 48.5 of
 * the kiosk page's 279 KB (issue 14): a room PC's page must be small to be back at once. The language is the
 * page's for its whole life; technician mode, loaded when opened, brings i18next with the office's check screen.
 */

const language = pageLanguage();
const texts = rosetta(dictionaries);
texts.locale(language);
document.documentElement.lang = language;

/** A kiosk text in the page's language, its {{placeholders}} filled from the parameters. */
export function t(key: string, parameters?: Record<string, string | number>): string {
  return texts.t(key, parameters);
}

/** A date and time in the page's language, in Vietnam's time zone. */
export function kioskDateTime(iso: string): string {
  return dateTimeText(iso, language);
}
