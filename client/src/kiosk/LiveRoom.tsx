import type { CSSProperties } from 'react';
import type { KioskView } from '@diemcau/shared';
import type { KioskController, LiveView } from './KioskController';
import { Stage } from './Stage';
import { logRejection } from '../ui/logRejection';
import { t } from './kioskText';

/** A live meeting in the room: the chair's layout, what the chair set for this room, and its one control. */
export function LiveRoom({ view, controller }: { view: LiveView; controller: KioskController }) {
  const { state, conference } = view;
  const online = state.sites.filter((site) => view.online.has(site.code)).length;
  const backdrop = conference && ({ '--backdrop': conference.look.backdrop } as CSSProperties);
  return (
    <div className="kiosk-live" style={backdrop}>
      <header className="kiosk-bar">
        <span className="kiosk-title" title={state.meeting.title}>
          {state.meeting.title}
        </span>
        <span className="kiosk-count" data-online={online}>
          {t('kiosk.sitesOnline', { online, total: state.sites.length })}
        </span>
        <span className="kiosk-site">{state.site.name}</span>
      </header>
      {conference ? (
        <Stage conference={conference} remotes={view.remotes} local={controller.local} sharedScreen={view.sharedScreen} />
      ) : (
        <div className="kiosk-status">
          <h1>{t('kiosk.joiningMedia')}</h1>
        </div>
      )}
      {conference && <RoomControls self={conference.self} sharing={view.sharedScreen !== undefined} controller={controller} />}
    </div>
  );
}

/**
 * What the chair decided for this room, said plainly, and the room's own
 * actions: asking for the floor, and sharing its screen when designated.
 * There are no settings here (Art. 7.2.d).
 */
function RoomControls({ self, sharing, controller }: { self: KioskView['self']; sharing: boolean; controller: KioskController }) {
  return (
    <footer className="kiosk-controls">
      <div className="kiosk-states" role="status" aria-live="polite">
        {self.floor && <span className="kiosk-state kiosk-state-floor">{t('kiosk.floorGranted')}</span>}
        {self.muted && (
          <span className="kiosk-state kiosk-state-off" data-state="muted">
            {t('kiosk.mutedByChair')}
          </span>
        )}
        {self.cameraOff && (
          <span className="kiosk-state kiosk-state-off" data-state="camera-off">
            {t('kiosk.cameraOffByChair')}
          </span>
        )}
      </div>
      {self.mayPresent && (
        <button
          type="button"
          className="kiosk-button"
          data-action="share-screen"
          onClick={() => void (sharing ? controller.stopScreen() : controller.shareScreen()).catch(logRejection)}
        >
          {sharing ? t('kiosk.stopSharing') : t('kiosk.shareScreen')}
        </button>
      )}
      <button
        type="button"
        className="kiosk-button kiosk-hand"
        data-action="raise-hand"
        aria-pressed={self.handRaised}
        onClick={() => void controller.toggleHand().catch(logRejection)}
      >
        <span className="kiosk-hand-label">{self.handRaised ? t('kiosk.handRaised') : t('kiosk.raiseHand')}</span>
        <span className="kiosk-hand-hint">{self.handRaised ? t('kiosk.lowerHandHint') : t('kiosk.raiseHandHint')}</span>
      </button>
    </footer>
  );
}
