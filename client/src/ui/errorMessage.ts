import type { TFunction } from 'i18next';

/**
 * A failure in plain words. Errors carrying a protocol code (from the API client) are translated by
 * code, office wording first, then the wording shared with the kiosk; anything else is "server error".
 * The raw code and the server's English message are never shown.
 */
export function errorMessage(error: unknown, t: TFunction): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'internal';
  return t([`appErrors.${code}`, `errors.${code}`, 'errors.internal']);
}
