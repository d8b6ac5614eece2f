import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import type { KioskController, KioskScreenView } from './KioskController';
import { LiveRoom } from './LiveRoom';
import { kioskDateTime, t } from './kioskText';
import { isTechnicianKey } from './technicianKey';
import { logRejection } from '../ui/logRejection';

/**
 * Loaded only when a technician opens it: the office API client, its schemas, i18next and the dictionaries'
 * other sections stay off the kiosk's start.
 */
const TechnicianMode = lazy(() =>
  Promise.all([import('./TechnicianMode'), import('../i18n/allDictionaries').then((module) => module.loadAllDictionaries())]).then(([module]) => ({
    default: module.TechnicianMode,
  })),
);

/** The keys a room presenter's remote sends (and a keyboard's space bar): each asks for the floor, or withdraws. */
const RAISE_HAND_KEYS: readonly string[] = [' ', 'F1', 'PageDown', 'PageUp'];

/** The room's screen. The controller is started by the page before this first renders (client/src/kiosk/main.ts). */
export function KioskScreen({ controller, takeEarlyKeys }: { controller: KioskController; takeEarlyKeys: () => KeyboardEvent[] }) {
  const [technician, setTechnician] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      controller.unlockAudio();
      if (isTechnicianKey(event)) {
        event.preventDefault();
        setTechnician(true);
        return;
      }
      // Typing in technician mode's login is not a request to speak.
      if (event.target instanceof HTMLInputElement) return;
      if (!RAISE_HAND_KEYS.includes(event.key) || controller.view.phase !== 'live') return;
      event.preventDefault();
      if (!event.repeat) void controller.toggleHand().catch(logRejection);
    };
    window.addEventListener('keydown', onKey);
    for (const event of takeEarlyKeys()) onKey(event);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, takeEarlyKeys]);
  const view = useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controller.view,
  );
  // Technician mode needs to know the site, which the kiosk learns once connected.
  const session = view.phase === 'live' || view.phase === 'waiting' ? view.state : undefined;
  return (
    <div className="kiosk" data-phase={view.phase}>
      {view.phase === 'live' ? <LiveRoom view={view} controller={controller} /> : <StatusScreen view={view} />}
      {controller.insecure && <InsecureWarning />}
      {controller.deviceError && <DeviceWarning reason={controller.deviceError} />}
      {technician && session && (
        <Suspense fallback={null}>
          <TechnicianMode state={session} onClose={() => setTechnician(false)} />
        </Suspense>
      )}
    </div>
  );
}

function StatusScreen({ view }: { view: Exclude<KioskScreenView, { phase: 'live' }> }) {
  return (
    <div className="kiosk-status" role="status" aria-live="polite">
      {view.phase === 'connecting' && <h1>{t('kiosk.connecting')}</h1>}
      {view.phase === 'waiting' && (
        <>
          <p className="kiosk-site">{view.state.site.name}</p>
          <h1>{t('kiosk.waiting')}</h1>
          <p>
            {view.state.next
              ? t('kiosk.nextMeeting', { title: view.state.next.title, time: kioskDateTime(view.state.next.startsAt) })
              : t('kiosk.noNextMeeting')}
          </p>
          <p className="kiosk-hint">{t('kiosk.joinsItself')}</p>
        </>
      )}
      {view.phase === 'reconnecting' && (
        <>
          <h1>{t(view.restarting ? 'kiosk.bridgeRestarting' : 'kiosk.reconnecting', { attempt: view.attempt })}</h1>
          <p className="kiosk-hint">{t(view.restarting ? 'kiosk.bridgeRestartingHint' : 'kiosk.reconnectingHint')}</p>
        </>
      )}
      {view.phase === 'error' && (
        <>
          <h1>{t('kiosk.error')}</h1>
          <p className="kiosk-reason" data-error-code={view.code}>
            {t(`errors.${view.code}`)}
          </p>
          {view.retryAt && <p className="kiosk-hint">{t('kiosk.retrying', { seconds: Math.round((view.retryAt - Date.now()) / 1000) })}</p>}
        </>
      )}
    </div>
  );
}

function InsecureWarning() {
  return (
    <div className="kiosk-warning" role="alert" data-warning="insecure">
      <strong>{t('kiosk.insecure.title')}</strong> {t('kiosk.insecure.hint', { host: window.location.hostname })}
    </div>
  );
}

function DeviceWarning({ reason }: { reason: string }) {
  return (
    <div className="kiosk-warning" role="alert">
      {t('kiosk.cameraProblem', { reason })}
    </div>
  );
}
