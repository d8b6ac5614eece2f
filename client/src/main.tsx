import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';

/*
 * The office application and the chair's console. Kiosks have a page of their own (kiosk.html, served for
 * /kiosk), built apart so that a room PC loads only what the kiosk needs.
 */
const OfficeApp = lazy(() => import('./app/App'));
/** The chair operator's console: a full-screen page of its own, with its own login. */
const ChairScreen = lazy(() => import('./chair/ChairScreen').then((module) => ({ default: module.ChairScreen })));

/** One page per screen, chosen by path. */
function Screen() {
  return <Suspense fallback={null}>{window.location.pathname.startsWith('/chair') ? <ChairScreen /> : <OfficeApp />}</Suspense>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Screen />
  </StrictMode>,
);
