import type { TFunction } from 'i18next';

/** The English words of the bridge's figure texts (shared judgeCheck), with their message keys. */
const PHRASES: Record<string, string> = {
  'no media through the bridge': 'noMedia',
  'no relay configured': 'noRelay',
  'no connection': 'noConnection',
  'moving picture': 'movingPicture',
  'not confirmed': 'notConfirmed',
  'no microphone': 'noMicrophone',
  'no camera': 'noCamera',
  'tone heard': 'toneHeard',
  'not heard': 'notHeard',
  connected: 'connected',
  clipped: 'clipped',
  frozen: 'frozen',
  heard: 'heard',
  black: 'black',
  peak: 'peak',
};

const escape = (phrase: string) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so "not heard" is one phrase rather than "not" and "heard".
const pattern = new RegExp(
  Object.keys(PHRASES)
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|'),
  'g',
);

/**
 * A measured value or threshold as the bridge wrote it ("peak -12 dBFS, 0.0 % clipped"), in the
 * reader's language: its words translated, numbers and units kept, the decimal comma in Vietnamese.
 */
export function figureText(text: string, t: TFunction, language: string): string {
  const words = text.replace(pattern, (phrase) => t(`technician.figures.${PHRASES[phrase]}`));
  return language === 'vi' ? words.replace(/(\d)\.(\d)/g, '$1,$2') : words;
}
