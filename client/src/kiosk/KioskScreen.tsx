import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n';
import { AudioTrack, VideoTrack } from '../ui/MediaTrackView';
import { KioskController, type KioskView } from './KioskController';
import './kiosk.css';

export function KioskScreen() {
  const controller = useMemo(() => new KioskController(new URLSearchParams(window.location.search).get('token')), []);
  useEffect(() => {
    window.diemcauKiosk = controller;
    void controller.start();
    return () => controller.stop();
  }, [controller]);
  const view = useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controller.view,
  );
  return (
    <div className="kiosk" data-phase={view.phase}>
      {view.phase === 'live' ? <LiveRoom view={view} local={controller.local} /> : <StatusScreen view={view} />}
      {controller.deviceError && <DeviceWarning reason={controller.deviceError} />}
    </div>
  );
}

function StatusScreen({ view }: { view: Exclude<KioskView, { phase: 'live' }> }) {
  const { t } = useTranslation();
  return (
    <div className="kiosk-status" role="status" aria-live="polite">
      {view.phase === 'connecting' && <h1>{t('kiosk.connecting')}</h1>}
      {view.phase === 'waiting' && (
        <>
          <p className="kiosk-site">{view.state.site.name}</p>
          <h1>{t('kiosk.waiting')}</h1>
          <p>
            {view.state.next
              ? t('kiosk.nextMeeting', { title: view.state.next.title, time: formatDateTime(view.state.next.startsAt) })
              : t('kiosk.noNextMeeting')}
          </p>
          <p className="kiosk-hint">{t('kiosk.joinsItself')}</p>
        </>
      )}
      {view.phase === 'reconnecting' && (
        <>
          <h1>{t('kiosk.reconnecting', { attempt: view.attempt })}</h1>
          <p className="kiosk-hint">{t('kiosk.reconnectingHint')}</p>
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

function LiveRoom({ view, local }: { view: Extract<KioskView, { phase: 'live' }>; local: MediaStream | undefined }) {
  const { t } = useTranslation();
  const { state, remotes } = view;
  const others = state.sites.filter((site) => site.code !== state.site.code && site.online);
  const columns = Math.max(1, Math.ceil(Math.sqrt(others.length)));
  const localVideo = local?.getVideoTracks()[0];
  return (
    <div className="kiosk-live">
      <header className="kiosk-bar">
        <span className="kiosk-title">{state.meeting.title}</span>
        <span>{t('kiosk.sitesOnline', { online: state.sites.filter((s) => s.online).length, total: state.sites.length })}</span>
        <span className="kiosk-site">{state.site.name}</span>
      </header>
      {others.length === 0 ? (
        <div className="kiosk-status">
          <h1>{view.mediaReady ? t('kiosk.noOtherSites') : t('kiosk.joiningMedia')}</h1>
        </div>
      ) : (
        <main className="kiosk-grid" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
          {others.map((site) => {
            const video = remotes.find((r) => r.siteCode === site.code && r.kind === 'video' && r.source === 'camera');
            return (
              <figure className="kiosk-tile" key={site.code} data-site-code={site.code}>
                {video && <VideoTrack track={video.track} />}
                <figcaption>{site.name}</figcaption>
              </figure>
            );
          })}
        </main>
      )}
      {remotes
        .filter((remote) => remote.kind === 'audio')
        .map((remote) => (
          <AudioTrack key={remote.consumerId} track={remote.track} />
        ))}
      {localVideo && (
        <figure className="kiosk-self" aria-label={t('kiosk.you')}>
          <VideoTrack track={localVideo} mirrored />
          <figcaption>{t('kiosk.you')}</figcaption>
        </figure>
      )}
    </div>
  );
}

function DeviceWarning({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return <div className="kiosk-warning" role="alert">{t('kiosk.cameraProblem', { reason })}</div>;
}
