import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  alarmsOf,
  type AlarmCode,
  type AlarmEvent,
  type AlarmLevel,
  type BridgeTotals,
  type MonitorSample,
  type SiteSample,
  type WorkerSample,
} from '@diemcau/shared';
import { TIME_ZONE } from '../../i18n';
import { Notice } from '../../ui/Notice';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { SortHeading, type Sorting } from '../../ui/SortHeading';
import { errorMessage } from '../../ui/errorMessage';
import { playTone } from '../audio';
import { currentAccessToken, renewAccess } from '../technicianApi';
import '../technician.css';
import { activeAlarms, MonitorFeed, type FeedConnection } from './MonitorFeed';
import { cpuLevel, filterSites, sortSites, type SiteFilter, type SiteOrder, type SortKey } from './siteTable';
import { logRejection } from '../../ui/logRejection';

const MUTED_KEY = 'diemcau.monitor.muted';
const BEEP_HZ: Record<AlarmLevel, number> = { warning: 660, critical: 880 };
const BEEP_MS = 300;

const clock = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * Live monitoring for the bridge technicians (Art. 7.1.a, 13): the bridge's workers and totals,
 * then every site of every live meeting with its figures coloured against the alarm thresholds,
 * worst first, sortable and filterable so a meeting of 150 sites stays readable; the alarms on a
 * timeline, and a beep when one is raised (which the technician may silence).
 */
export function MonitorScreen() {
  const { t } = useTranslation();
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTED_KEY) === 'true');
  // The feed lives as long as the page; it reads the current choice through this.
  const mutedNow = useRef(muted);
  useEffect(() => {
    mutedNow.current = muted;
  }, [muted]);
  const [feed] = useState(
    () =>
      new MonitorFeed(currentAccessToken, renewAccess, (alarm) => {
        if (!mutedNow.current) void playTone(BEEP_HZ[alarm.level], BEEP_MS).catch(logRejection);
      }),
  );
  useEffect(() => {
    feed.start();
    return () => feed.close();
  }, [feed]);
  const view = useSyncExternalStore(feed.subscribe, () => feed.view);
  const toggleSound = () => {
    localStorage.setItem(MUTED_KEY, String(!muted));
    setMuted(!muted);
  };
  const active = activeAlarms(view.timeline);
  const [order, setOrder] = useState<SiteOrder>({ key: 'worst', reversed: false });
  const [filter, setFilter] = useState<SiteFilter>({ text: '', problemsOnly: false });

  return (
    <>
      <ScreenHeading title={t('technician.monitor.title')} intro={t('technician.monitor.intro')}>
        <button type="button" className="btn" onClick={toggleSound}>
          {t(muted ? 'technician.monitor.unmute' : 'technician.monitor.mute')}
        </button>
      </ScreenHeading>
      <ConnectionNotice connection={view.connection} />
      {active.length > 0 ? (
        <Notice tone="error" title={t('technician.monitor.activeAlarms', { count: active.length })} />
      ) : (
        view.connection === 'live' && <Notice tone="ok" title={t('technician.monitor.noAlarms')} />
      )}
      {view.sample && <BridgeFigures workers={view.sample.workers} totals={view.sample.totals} />}
      {view.sample && view.sample.meetings.length === 0 && <Notice tone="info">{t('technician.monitor.noLiveMeetings')}</Notice>}
      {view.sample && view.sample.meetings.length > 0 && <SiteFilterBar filter={filter} onChange={setFilter} />}
      {view.sample?.meetings.map((meeting) => (
        <MeetingFigures
          key={meeting.meetingId}
          title={meeting.title}
          sites={sortSites(filterSites(meeting.sites, filter), order)}
          total={meeting.sites.length}
          meetingId={meeting.meetingId}
          order={order}
          onOrder={setOrder}
        />
      ))}
      <AlarmTimeline timeline={view.timeline} sample={view.sample} />
    </>
  );
}

function ConnectionNotice({ connection }: { connection: FeedConnection }) {
  const { t } = useTranslation();
  if (connection === 'live') return null;
  if (typeof connection === 'object') return <Notice tone="error">{errorMessage({ code: connection.refused }, t)}</Notice>;
  return <Notice tone="info">{t(`technician.monitor.connection.${connection}`)}</Notice>;
}

const columnAlarm: Partial<Record<keyof SiteSample, AlarmCode>> = { packetLossPct: 'packet-loss', jitterMs: 'jitter', rttMs: 'rtt', score: 'low-score' };

const megabytes = (bytes: number, language: string) => (bytes / 1_048_576).toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 0 });

/** Above the sites: each SFU worker's CPU and memory, and what the whole bridge carries. */
function BridgeFigures({ workers, totals }: { workers: WorkerSample[]; totals: BridgeTotals }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel monitor-bridge" aria-label={t('technician.monitor.bridge.title')}>
      <h2>{t('technician.monitor.bridge.title')}</h2>
      <dl className="monitor-totals" data-testid="bridge-totals">
        {(Object.keys(totals) as Array<keyof BridgeTotals>).map((what) => (
          <div key={what} data-total={what}>
            <dt>{t(`technician.monitor.bridge.totals.${what}`)}</dt>
            <dd>{totals[what]}</dd>
          </div>
        ))}
      </dl>
      <table className="table monitor-workers">
        <thead>
          <tr>
            <th>{t('technician.monitor.bridge.worker')}</th>
            <th>{t('technician.monitor.bridge.cpu')}</th>
            <th>{t('technician.monitor.bridge.memory')}</th>
          </tr>
        </thead>
        <tbody>
          {workers.map((worker) => (
            <tr key={worker.pid} data-worker-pid={worker.pid}>
              <th scope="row">{t('technician.monitor.bridge.workerName', { pid: worker.pid })}</th>
              <td className="figure" data-level={cpuLevel(worker.cpuPercent)}>
                <meter min={0} max={100} low={70} high={85} optimum={0} value={Math.min(100, worker.cpuPercent)} aria-hidden="true" />{' '}
                {worker.cpuPercent.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 })} %
              </td>
              <td className="figure">{megabytes(worker.maxRssBytes, i18n.language)} MB</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SiteFilterBar({ filter, onChange }: { filter: SiteFilter; onChange: (filter: SiteFilter) => void }) {
  const { t } = useTranslation();
  return (
    <div className="monitor-filter" role="search">
      <label className="field">
        <span className="field-label">{t('technician.monitor.filter.search')}</span>
        <input
          type="search"
          value={filter.text}
          placeholder={t('technician.monitor.filter.placeholder')}
          onChange={(event) => onChange({ ...filter, text: event.target.value })}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={filter.problemsOnly} onChange={(event) => onChange({ ...filter, problemsOnly: event.target.checked })} />
        {t('technician.monitor.filter.problemsOnly')}
      </label>
    </div>
  );
}

const COLUMNS: Array<{ key: SortKey | undefined; label: string }> = [
  { key: 'name', label: 'site' },
  { key: 'worst', label: 'connectionState' },
  { key: 'bitrateIn', label: 'bitrateIn' },
  { key: 'bitrateOut', label: 'bitrateOut' },
  { key: 'loss', label: 'packetLoss' },
  { key: 'jitter', label: 'jitter' },
  { key: 'rtt', label: 'rtt' },
  { key: 'score', label: 'score' },
  { key: undefined, label: 'audioLevel' },
  { key: undefined, label: 'layer' },
];

/** The columns whose worst values are the lowest; the rest put their highest first. */
const LOW_IS_WORSE: ReadonlySet<SortKey> = new Set(['name', 'bitrateIn', 'bitrateOut', 'score']);

function sortingOf(key: SortKey, order: SiteOrder): Sorting {
  if (order.key !== key) return undefined;
  return LOW_IS_WORSE.has(key) !== order.reversed ? 'ascending' : 'descending';
}

interface MeetingFiguresProps {
  meetingId: string;
  title: string;
  /** Filtered and sorted. */
  sites: SiteSample[];
  total: number;
  order: SiteOrder;
  onOrder: (order: SiteOrder) => void;
}

function MeetingFigures({ meetingId, title, sites, total, order, onOrder }: MeetingFiguresProps) {
  const { t } = useTranslation();
  const sortBy = (key: SortKey) => onOrder({ key, reversed: order.key === key && !order.reversed });
  return (
    <section className="panel monitor-meeting" data-meeting-id={meetingId} aria-label={title}>
      <div className="monitor-meeting-heading">
        <h2>{title}</h2>
        <span className="muted" data-testid="shown-sites">
          {t('technician.monitor.shown', { shown: sites.length, total })}
        </span>
        {order.key !== 'worst' && (
          <button type="button" className="btn" onClick={() => onOrder({ key: 'worst', reversed: false })}>
            {t('technician.monitor.worstFirst')}
          </button>
        )}
      </div>
      <div className="table-wrap monitor-scroll">
        <table className="table monitor-table">
          <thead>
            <tr>
              {COLUMNS.map(({ key, label }) =>
                key ? (
                  <SortHeading
                    key={label}
                    label={t(`technician.monitor.${label}`)}
                    sorting={sortingOf(key, order)}
                    title={t('technician.monitor.sortHint')}
                    onSort={() => sortBy(key)}
                  />
                ) : (
                  <th key={label} scope="col">
                    {t(`technician.monitor.${label}`)}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <SiteRow key={site.siteCode} site={site} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SiteRow({ site }: { site: SiteSample }) {
  const { t, i18n } = useTranslation();
  const alarms = alarmsOf(site);
  const levelOf = (column: keyof SiteSample) => {
    const code = columnAlarm[column];
    return code ? alarms.get(code)?.level : undefined;
  };
  const number = (value: number, digits = 0) => value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits });
  const figure = (column: keyof SiteSample, text: string) => (
    <td className="figure" data-level={levelOf(column)}>
      {text}
    </td>
  );
  return (
    <tr data-site-code={site.siteCode} data-online={site.online}>
      <th scope="row">{site.name}</th>
      <td data-level={site.online ? undefined : 'critical'}>
        {site.online
          ? t([`technician.monitor.ice.${site.connection}`, 'technician.monitor.ice.other'], { state: site.connection })
          : t('technician.monitor.offline')}
      </td>
      {figure('bitrateInKbps', `${number(site.bitrateInKbps)} kbit/s`)}
      {figure('bitrateOutKbps', `${number(site.bitrateOutKbps)} kbit/s`)}
      {figure('packetLossPct', `${number(site.packetLossPct, 1)} %`)}
      {figure('jitterMs', `${number(site.jitterMs)} ms`)}
      {figure('rttMs', `${number(site.rttMs)} ms`)}
      {figure('score', `${number(site.score)}/10`)}
      <td>
        <meter className="audio-meter" min={0} max={1} value={site.audioLevel} aria-label={t('technician.monitor.audioLevel')} />
      </td>
      <td>
        {site.receivedLayer === null ? '—' : t(`technician.monitor.layers.${site.receivedLayer}`)}
        {site.receivedLayer !== null && site.receivedFewerFrames && (
          <small className="fewer-frames" title={t('technician.monitor.fewerFramesHint')}>
            {t('technician.monitor.fewerFrames')}
          </small>
        )}
      </td>
    </tr>
  );
}

function AlarmTimeline({ timeline, sample }: { timeline: AlarmEvent[]; sample: MonitorSample | undefined }) {
  const { t } = useTranslation();
  const siteName = (alarm: AlarmEvent) =>
    sample?.meetings.find((meeting) => meeting.meetingId === alarm.meetingId)?.sites.find((site) => site.siteCode === alarm.siteCode)?.name ?? alarm.siteCode;
  return (
    <section className="panel">
      <h2>{t('technician.monitor.timeline')}</h2>
      {timeline.length === 0 ? (
        <p className="muted">{t('technician.monitor.timelineEmpty')}</p>
      ) : (
        <ol className="alarm-timeline" data-testid="alarm-timeline">
          {timeline.map((alarm, index) => (
            <li key={`${alarm.at}-${alarm.meetingId}-${alarm.siteCode}-${alarm.code}-${index}`} data-level={alarm.raised ? alarm.level : 'cleared'}>
              <time dateTime={alarm.at}>{clock.format(new Date(alarm.at))}</time>
              <span className="alarm-site">{siteName(alarm)}</span>
              <span>{t(`technician.monitor.alarm.${alarm.code}`, { value: alarm.value === null ? '' : Math.round(alarm.value * 10) / 10 })}</span>
              <span className="badge">{alarm.raised ? t(`technician.monitor.level.${alarm.level}`) : t('technician.monitor.cleared')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
