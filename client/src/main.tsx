import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { KioskScreen } from './kiosk/KioskScreen';

/*
 * The office application is loaded only off the kiosk path: room PCs are modest and load the kiosk
 * alone, and the office screens' styles never reach the kiosk page.
 */
const OfficeApp = lazy(() => import('./app/App'));
/** The chair operator's console: a full-screen page of its own, with its own login. */
const ChairScreen = lazy(() => import('./chair/ChairScreen').then((module) => ({ default: module.ChairScreen })));

/** One page per screen, chosen by path. */
function Screen() {
  const path = window.location.pathname;
  if (path.startsWith('/kiosk')) return <KioskScreen />;
  return <Suspense fallback={null}>{path.startsWith('/chair') ? <ChairScreen /> : <OfficeApp />}</Suspense>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Screen />
  </StrictMode>,
);
