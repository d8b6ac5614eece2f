import { KioskController } from './KioskController';
import { logRejection } from '../ui/logRejection';
import './kiosk.css';

/*
 * The kiosk page's entry, kept small (the controller and socket.io): the signaling socket and the camera are
 * opened as soon as it runs, while the screen's code and mediasoup-client, preloaded beside it, are still
 * being parsed. The bridge's capabilities arrive on the socket and load the device when that code is ready.
 */
const controller = new KioskController(new URLSearchParams(window.location.search).get('token'));
window.diemcauKiosk = controller;

/**
 * The screen is first drawn when there is more to show than "connecting", when a key is pressed, or after this
 * long. Drawn at once, its code and first render took the page's thread for tens of milliseconds while the
 * signaling handshake waited.
 */
const FIRST_SCREEN_MS = 1_000;

/** Keys pressed before the screen is drawn (a technician does not wait for it): the screen takes and handles them. */
const earlyKeys: KeyboardEvent[] = [];
const keepKey = (event: KeyboardEvent) => earlyKeys.push(event);
window.addEventListener('keydown', keepKey);
const takeEarlyKeys = () => {
  window.removeEventListener('keydown', keepKey);
  return earlyKeys.splice(0);
};

new Promise<void>((resolve) => {
  const unsubscribe = controller.subscribe(() => {
    unsubscribe();
    resolve();
  });
  window.addEventListener('keydown', () => resolve(), { once: true });
  setTimeout(resolve, FIRST_SCREEN_MS);
})
  .then(() => import('./showKiosk'))
  .then(({ showKiosk }) => showKiosk(controller, takeEarlyKeys), logRejection);

controller.start().catch(logRejection);
