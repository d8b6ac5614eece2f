import { createRoot } from 'react-dom/client';
import type { KioskController } from './KioskController';
import { KioskScreen } from './KioskScreen';

/** Draws the room's screen for a controller that is already connecting; it handles the keys pressed before. */
export function showKiosk(controller: KioskController, takeEarlyKeys: () => KeyboardEvent[]): void {
  createRoot(document.getElementById('root')!).render(<KioskScreen controller={controller} takeEarlyKeys={takeEarlyKeys} />);
}
