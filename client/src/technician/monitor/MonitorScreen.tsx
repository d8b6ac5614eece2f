import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { alarmsOf, type AlarmCode, type AlarmEvent, type AlarmLevel, type MonitorSample, type SiteSample } from '@diemcau/shared';
import { TIME_ZONE } from '../../i18n';
import { Notice } from '../../ui/Notice';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { errorMessage } from '../../ui/errorMessage';
import { playTone } from '../audio';
import { currentAccessToken, renewAccess } from '../technicianApi';
import '../technician.css';
import { activeAlarms, MonitorFeed, type FeedConnection } from './MonitorFeed';

const MUTED_KEY = 'diemcau.monitor.muted';
const BEEP_HZ: Record<AlarmLevel, number> = { warning: 660, critical: 880 };
const BEEP_MS = 300;

const clock = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * Live monitoring for the bridge technicians (Art. 7.1.a, 13): every site of every live meeting
 * with its figures coloured against the alarm thresholds, the alarms on a timeline, and a beep
 * when one is raised (which the technician may silence).
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
        if (!mutedNow.current) void playTone(BEEP_HZ[alarm.level], BEEP_MS);
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
      {view.sample && view.sample.meetings.length === 0 && <Notice tone="info">{t('technician.monitor.noLiveMeetings')}</Notice>}
      {view.sample?.meetings.map((meeting) => (
        <MeetingFigures key={meeting.meetingId} title={meeting.title} sites={meeting.sites} meetingId={meeting.meetingId} />
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

function MeetingFigures({ meetingId, title, sites }: { meetingId: string; title: string; sites: SiteSample[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel monitor-meeting" data-meeting-id={meetingId} aria-label={title}>
      <h2>{title}</h2>
      <div className="table-wrap">
        <table className="table monitor-table">
          <thead>
            <tr>
              <th>{t('technician.monitor.site')}</th>
              <th>{t('technician.monitor.connectionState')}</th>
              <th>{t('technician.monitor.bitrateIn')}</th>
              <th>{t('technician.monitor.bitrateOut')}</th>
              <th>{t('technician.monitor.packetLoss')}</th>
              <th>{t('technician.monitor.jitter')}</th>
              <th>{t('technician.monitor.rtt')}</th>
              <th>{t('technician.monitor.score')}</th>
              <th>{t('technician.monitor.audioLevel')}</th>
              <th>{t('technician.monitor.layer')}</th>
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
        {site.online ? t([`technician.monitor.ice.${site.connection}`, 'technician.monitor.ice.other'], { state: site.connection }) : t('technician.monitor.offline')}
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
      <td>{site.receivedLayer === null ? '—' : t(`technician.monitor.layers.${site.receivedLayer}`)}</td>
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
