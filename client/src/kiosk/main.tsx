import { createRoot } from 'react-dom/client';
import '../i18n';
import { KioskController } from './KioskController';
import { KioskScreen } from './KioskScreen';
import { logRejection } from '../ui/logRejection';

/*
 * The kiosk page's entry. The controller starts before anything is drawn: the signaling socket, the camera
 * and the bridge's capabilities are on their way while the screen renders for the first time.
 */
const controller = new KioskController(new URLSearchParams(window.location.search).get('token'));
window.diemcauKiosk = controller;
void controller.start().catch(logRejection);

createRoot(document.getElementById('root')!).render(<KioskScreen controller={controller} />);
