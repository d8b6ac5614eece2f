import { en } from './en';
import { vi } from './vi';

/**
 * The dictionaries loaded with the page. The kiosk's build replaces this module with the kiosk's own
 * sections only (client/vite.kiosk.config.ts); anything else it needs later comes from loadAllDictionaries().
 */
export const dictionaries = { vi, en };
