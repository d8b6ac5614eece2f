import { useTranslation } from 'react-i18next';
import type { ConferenceState, SiteControl } from '@diemcau/shared';
import { VideoTrack } from '../../ui/MediaTrackView';
import { dragProps } from '../layout/paneDrag';
import type { Send } from '../useCommand';
import { LevelSlider } from './LevelSlider';
import { SiteMeter } from './SiteMeter';

interface SiteTileProps {
  site: SiteControl;
  conference: ConferenceState;
  meter: { audioLevel: number; score: number } | undefined;
  video: MediaStreamTrack | undefined;
  /** Whether granting the floor also puts the site in the main pane. */
  toMainPane: boolean;
  send: Send;
}

/** One room: its picture, sound level, line quality and state, and what the operator can do to it. */
export function SiteTile({ site, conference, meter, video, toMainPane, send }: SiteTileProps) {
  const { t } = useTranslation();
  const { siteCode } = site;
  const isChair = siteCode === conference.chairSite;
  const hasFloor = conference.floor.holder === siteCode;
  const queuePosition = conference.floor.queue.indexOf(siteCode) + 1;
  const speaking = conference.activeSpeaker === siteCode;
  return (
    <article
      className={`site-tile${speaking ? ' site-tile-speaking' : ''}${site.online ? '' : ' site-tile-offline'}`}
      data-site-code={siteCode}
      aria-label={site.name}
      {...dragProps({ kind: 'site', siteCode })}
    >
      <div className="site-video">
        {site.online ? video && <VideoTrack track={video} /> : <span className="site-offline">{t('chair.site.offline')}</span>}
        <span className="site-name">
          {site.name}
          {isChair && <span className="site-chair-mark"> · {t('chair.site.chair')}</span>}
        </span>
        <span className="site-badges">
          {queuePosition > 0 && (
            <span className="site-badge site-badge-hand" data-badge="hand">
              {t('chair.site.handRaised', { position: queuePosition })}
            </span>
          )}
          {hasFloor && <span className="site-badge site-badge-floor">{t('chair.site.hasFloor')}</span>}
          {site.muted && (
            <span className="site-badge site-badge-off" data-badge="muted">
              {t('chair.site.muted')}
            </span>
          )}
          {site.cameraOff && <span className="site-badge site-badge-off">{t('chair.site.cameraOff')}</span>}
        </span>
      </div>
      <SiteMeter audioLevel={meter?.audioLevel ?? 0} score={meter?.score ?? 0} online={site.online} />
      <div className="site-actions">
        <button
          type="button"
          className={site.muted ? 'btn btn-small btn-off' : 'btn btn-small'}
          data-action="mute"
          aria-pressed={site.muted}
          onClick={() => void send('chair:mute', { siteCode, muted: !site.muted })}
        >
          {site.muted ? t('chair.site.unmute') : t('chair.site.mute')}
        </button>
        <button
          type="button"
          className={site.cameraOff ? 'btn btn-small btn-off' : 'btn btn-small'}
          data-action="camera"
          aria-pressed={site.cameraOff}
          onClick={() => void send('chair:setCamera', { siteCode, enabled: site.cameraOff })}
        >
          {site.cameraOff ? t('chair.site.cameraOn') : t('chair.site.cameraOffAction')}
        </button>
        {hasFloor ? (
          <button type="button" className="btn btn-small" data-action="revoke-floor" onClick={() => void send('chair:revokeFloor', {})}>
            {t('chair.floor.revoke')}
          </button>
        ) : (
          <button type="button" className="btn btn-small" data-action="grant-floor" onClick={() => void send('chair:grantFloor', { siteCode, toMainPane })}>
            {t('chair.floor.grant')}
          </button>
        )}
      </div>
      <details className="site-levels">
        <summary>{t('chair.site.levels')}</summary>
        <LevelSlider
          label={t('chair.site.micGain')}
          name="mic-gain"
          value={site.micGain}
          max={2}
          step={0.05}
          onCommit={(micGain) => void send('chair:setAudio', { siteCode, micGain })}
        />
        <LevelSlider
          label={t('chair.site.speakerVolume')}
          name="speaker-volume"
          value={site.speakerVolume}
          max={1}
          step={0.05}
          onCommit={(speakerVolume) => void send('chair:setAudio', { siteCode, speakerVolume })}
        />
      </details>
    </article>
  );
}
