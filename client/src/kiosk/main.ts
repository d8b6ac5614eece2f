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
controller.start().catch(logRejection);

import('./showKiosk').then(({ showKiosk }) => showKiosk(controller), logRejection);
