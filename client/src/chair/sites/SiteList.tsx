import { memo, useCallback, useMemo, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConferenceState, SiteControl, SiteMeters } from '@diemcau/shared';
import { dragProps } from '../layout/paneDrag';
import type { Send } from '../useCommand';
import { LevelSlider } from './LevelSlider';
import { SiteMeter } from './SiteMeter';
import { attentionOf, filterCounts, isSpeaking, listSites, SITE_FILTERS, type Attention, type SiteQuery } from './siteList';
import { logRejection } from '../../ui/logRejection';

/** The most rooms one layout shows: the 4×4 grid. */
const MAX_SHOWN_TOGETHER = 16;

interface SiteListProps {
  conference: ConferenceState;
  meters: SiteMeters;
  query: SiteQuery;
  onQueryChange: (query: SiteQuery) => void;
  selection: ReadonlySet<string>;
  onSelectionChange: Dispatch<SetStateAction<Set<string>>>;
  /** Whether granting the floor also puts the site in the main pane. */
  toMainPane: boolean;
  send: Send;
}

/**
 * Every room of the meeting as one compact line, for 150 rooms and more: a search that ignores accents,
 * filters by state, the rooms needing attention on top, and bulk actions on a selection, each one request.
 */
export const SiteList = memo(function SiteList({ conference, meters, query, onQueryChange, selection, onSelectionChange, toMainPane, send }: SiteListProps) {
  const { t } = useTranslation();
  const shown = useMemo(() => listSites(conference, meters, query), [conference, meters, query]);
  const counts = useMemo(() => filterCounts(conference, meters), [conference, meters]);
  const online = counts.online;
  const allShownSelected = shown.length > 0 && shown.every((site) => selection.has(site.siteCode));
  const toggle = useCallback(
    (siteCode: string) =>
      onSelectionChange((previous) => {
        const next = new Set(previous);
        if (!next.delete(siteCode)) next.add(siteCode);
        return next;
      }),
    [onSelectionChange],
  );
  const selectShown = () => onSelectionChange(allShownSelected ? new Set() : new Set(shown.map((site) => site.siteCode)));

  return (
    <section className="chair-sites" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('chair.sitesHeading', { online, total: conference.sites.length })}</h2>
      <input
        type="search"
        name="site-search"
        className="site-search"
        placeholder={t('chair.list.searchPlaceholder')}
        aria-label={t('chair.list.search')}
        value={query.search}
        onChange={(event) => onQueryChange({ ...query, search: event.target.value })}
      />
      <div className="site-filters" role="group" aria-label={t('chair.list.filters')}>
        {SITE_FILTERS.map((filter) => (
          <button
            key={filter}
            type="button"
            className="site-filter"
            data-filter={filter}
            aria-pressed={query.filter === filter}
            onClick={() => onQueryChange({ ...query, filter })}
          >
            {t(`chair.list.filter.${filter}`)} <span className="site-filter-count">{counts[filter]}</span>
          </button>
        ))}
      </div>
      <div className="site-bulk" role="group" aria-label={t('chair.bulk.heading')}>
        <label className="site-select-all">
          <input type="checkbox" name="select-shown" checked={allShownSelected} onChange={selectShown} />
          <span>{t('chair.bulk.selected', { count: selection.size })}</span>
        </label>
        <BulkActions conference={conference} selection={selection} send={send} />
      </div>
      <p className="site-list-count muted" role="status">
        {t('chair.list.shown', { count: shown.length, total: conference.sites.length })}
      </p>
      <ul className="site-rows">
        {shown.map((site) => (
          <SiteRow
            key={site.siteCode}
            site={site}
            isChair={site.siteCode === conference.chairSite}
            hasFloor={conference.floor.holder === site.siteCode}
            queuePosition={conference.floor.queue.indexOf(site.siteCode) + 1}
            speaking={isSpeaking(site, conference, meters)}
            attention={attentionOf(site, meters)}
            audioLevel={meters[site.siteCode]?.audioLevel ?? 0}
            score={meters[site.siteCode]?.score ?? 0}
            selected={selection.has(site.siteCode)}
            onToggle={toggle}
            toMainPane={toMainPane}
            send={send}
          />
        ))}
      </ul>
    </section>
  );
});

/** One gesture on the selection, one request to the bridge. */
function BulkActions({ conference, selection, send }: { conference: ConferenceState; selection: ReadonlySet<string>; send: Send }) {
  const { t } = useTranslation();
  // In the meeting's order, so the layout reads like the list of rooms.
  const siteCodes = conference.sites.map((site) => site.siteCode).filter((code) => selection.has(code));
  const none = siteCodes.length === 0;
  return (
    <div className="site-bulk-actions">
      <button
        type="button"
        className="btn btn-small"
        data-bulk="mute"
        disabled={none}
        onClick={() => void send('chair:muteSites', { siteCodes, muted: true }).catch(logRejection)}
      >
        {t('chair.site.mute')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-bulk="unmute"
        disabled={none}
        onClick={() => void send('chair:muteSites', { siteCodes, muted: false }).catch(logRejection)}
      >
        {t('chair.site.unmute')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-bulk="camera-off"
        disabled={none}
        onClick={() => void send('chair:setCameras', { siteCodes, enabled: false }).catch(logRejection)}
      >
        {t('chair.site.cameraOffAction')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-bulk="camera-on"
        disabled={none}
        onClick={() => void send('chair:setCameras', { siteCodes, enabled: true }).catch(logRejection)}
      >
        {t('chair.site.cameraOn')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-bulk="show"
        disabled={none || siteCodes.length > MAX_SHOWN_TOGETHER}
        title={siteCodes.length > MAX_SHOWN_TOGETHER ? t('chair.bulk.tooManyToShow', { max: MAX_SHOWN_TOGETHER }) : undefined}
        onClick={() => void send('chair:showSites', { siteCodes }).catch(logRejection)}
      >
        {t('chair.bulk.show')}
      </button>
    </div>
  );
}

/** Plain values only, so a row re-renders when its own room changes, not on every meters push. */
interface SiteRowProps {
  site: SiteControl;
  isChair: boolean;
  hasFloor: boolean;
  /** 1-based place in the queue to speak, 0 when the room has not asked. */
  queuePosition: number;
  speaking: boolean;
  attention: Attention | null;
  audioLevel: number;
  score: number;
  selected: boolean;
  onToggle: (siteCode: string) => void;
  toMainPane: boolean;
  send: Send;
}

/** One room on one line: select it, read its state, act on it, or drag it into a pane. */
const SiteRow = memo(function SiteRow(props: SiteRowProps) {
  const { site, isChair, hasFloor, queuePosition, speaking, attention, audioLevel, score, selected, onToggle, toMainPane, send } = props;
  const { t } = useTranslation();
  const { siteCode } = site;
  const state = site.online ? 'online' : site.droppedOut ? 'dropped' : 'offline';
  return (
    <li
      className={`site-row site-row-${state}${attention ? ' site-row-attention' : ''}${speaking ? ' site-row-speaking' : ''}`}
      data-site-code={siteCode}
      data-attention={attention ?? undefined}
      {...dragProps({ kind: 'site', siteCode })}
    >
      <input
        type="checkbox"
        name="select-site"
        aria-label={t('chair.bulk.select', { name: site.name })}
        checked={selected}
        onChange={() => onToggle(siteCode)}
      />
      <span className="site-row-presence" title={t(`chair.list.presence.${state}`)} aria-label={t(`chair.list.presence.${state}`)} />
      <span className="site-row-head">
        <span className="site-row-name" title={site.name}>
          {site.name}
          {isChair && <span className="site-chair-mark"> · {t('chair.site.chair')}</span>}
        </span>
        <span className="site-badges">
          {queuePosition > 0 && (
            <span className="site-badge site-badge-hand" data-badge="hand">
              {t('chair.site.handRaised', { position: queuePosition })}
            </span>
          )}
          {site.droppedOut && (
            <span className="site-badge site-badge-off" data-badge="dropped">
              {t('chair.list.droppedOut')}
            </span>
          )}
          {attention === 'degraded' && (
            <span className="site-badge site-badge-warn" data-badge="degraded">
              {t('chair.list.degraded')}
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
      </span>
      <SiteMeter audioLevel={audioLevel} score={score} online={site.online} />
      <span className="site-actions">
        <button
          type="button"
          className={site.muted ? 'btn btn-small btn-off' : 'btn btn-small'}
          data-action="mute"
          aria-pressed={site.muted}
          onClick={() => void send('chair:mute', { siteCode, muted: !site.muted }).catch(logRejection)}
        >
          {site.muted ? t('chair.site.unmute') : t('chair.site.mute')}
        </button>
        <button
          type="button"
          className={site.cameraOff ? 'btn btn-small btn-off' : 'btn btn-small'}
          data-action="camera"
          aria-pressed={site.cameraOff}
          onClick={() => void send('chair:setCamera', { siteCode, enabled: site.cameraOff }).catch(logRejection)}
        >
          {site.cameraOff ? t('chair.site.cameraOn') : t('chair.site.cameraOffAction')}
        </button>
        {hasFloor ? (
          <button type="button" className="btn btn-small" data-action="revoke-floor" onClick={() => void send('chair:revokeFloor', {}).catch(logRejection)}>
            {t('chair.floor.revoke')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-small"
            data-action="grant-floor"
            onClick={() => void send('chair:grantFloor', { siteCode, toMainPane }).catch(logRejection)}
          >
            {t('chair.floor.grant')}
          </button>
        )}
        <details className="site-levels">
          <summary className="btn btn-small">{t('chair.site.levels')}</summary>
          <div className="site-levels-popover">
            <LevelSlider
              label={t('chair.site.micGain')}
              name="mic-gain"
              value={site.micGain}
              max={2}
              step={0.05}
              onCommit={(micGain) => void send('chair:setAudio', { siteCode, micGain }).catch(logRejection)}
            />
            <LevelSlider
              label={t('chair.site.speakerVolume')}
              name="speaker-volume"
              value={site.speakerVolume}
              max={1}
              step={0.05}
              onCommit={(speakerVolume) => void send('chair:setAudio', { siteCode, speakerVolume }).catch(logRejection)}
            />
          </div>
        </details>
      </span>
    </li>
  );
});
