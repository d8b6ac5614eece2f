import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/Link';
import { useCurrentUser } from '../../app/session';
import { MeetingBadges } from '../../calendar/MeetingBadges';
import '../../calendar/calendar.css';
import { formatTimeRange } from '../../i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useResource } from '../../ui/useResource';
import { mayCheckSite, mayPrepareMeetings } from '../access';
import { technicianApi, type ReadinessRow, type ReadinessSite, type SiteReadiness } from '../technicianApi';
import { agoText } from '../timeText';
import '../technician.css';
import { PrepareButton } from './PrepareButton';
import { isReady } from './readinessState';

const UPCOMING_DAYS = 7;
const REFRESH_MS = 30_000;

/**
 * The readiness board (Art. 6.4, 7.1.a): each upcoming meeting with each of its sites, coloured by
 * its latest check, how old that is, and who is on duty there. The Office marks a meeting prepared
 * from here. Refreshes by itself, so a technician's new check turns its tile green.
 */
export function ReadinessScreen() {
  const { t } = useTranslation();
  const board = useResource(() => technicianApi.readiness(UPCOMING_DAYS), []);
  const [now, setNow] = useState(Date.now());
  const { reload } = board;
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
      reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <>
      <ScreenHeading title={t('technician.readiness.title')} intro={t('technician.readiness.intro', { days: UPCOMING_DAYS })}>
        <button type="button" className="btn" onClick={reload}>
          {t('technician.readiness.refresh')}
        </button>
      </ScreenHeading>
      <ReadinessLegend />
      <ErrorNotice error={board.error} />
      {board.data && board.data.length === 0 && <Notice tone="info">{t('technician.readiness.empty')}</Notice>}
      {board.data?.map((row) => (
        <MeetingReadiness key={row.meeting.id} row={row} now={now} onChanged={reload} />
      ))}
    </>
  );
}

const READINESS_ORDER: readonly SiteReadiness[] = ['ready', 'ready-with-warnings', 'failed', 'stale', 'missing'];

function ReadinessLegend() {
  const { t } = useTranslation();
  return (
    <ul className="readiness-legend" aria-label={t('technician.readiness.legend')}>
      {READINESS_ORDER.map((readiness) => (
        <li key={readiness} className="readiness-chip" data-readiness={readiness}>
          {t(`technician.readiness.state.${readiness}`)}
        </li>
      ))}
    </ul>
  );
}

function MeetingReadiness({ row, now, onChanged }: { row: ReadinessRow; now: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { meeting, sites } = row;
  const ready = sites.filter((site) => isReady(site.readiness)).length;
  return (
    <section className="panel readiness-meeting" data-meeting-id={meeting.id} aria-label={meeting.title}>
      <div className="readiness-meeting-head">
        <div>
          <h2>{meeting.title}</h2>
          <p className="muted">{formatTimeRange(meeting.startsAt, meeting.endsAt)}</p>
          <MeetingBadges meeting={meeting} />
        </div>
        <div className="readiness-summary">
          <p data-testid="ready-count" data-all-ready={ready === sites.length}>
            {t('technician.readiness.readyCount', { ready, total: sites.length })}
          </p>
          {mayPrepareMeetings(user) && meeting.status === 'approved' && <PrepareButton meeting={meeting} sites={sites} onPrepared={onChanged} />}
        </div>
      </div>
      <ul className="readiness-sites">
        {sites.map((site) => (
          <SiteTile key={site.siteId} site={site} meetingId={meeting.id} now={now} mayCheck={mayCheckSite(user, site.siteId)} />
        ))}
      </ul>
    </section>
  );
}

function SiteTile({ site, meetingId, now, mayCheck }: { site: ReadinessSite; meetingId: string; now: number; mayCheck: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="readiness-site" data-site-code={site.code} data-readiness={site.readiness}>
      <p className="readiness-site-name">{site.name}</p>
      <p className="readiness-site-state">{t(`technician.readiness.state.${site.readiness}`)}</p>
      <p className="readiness-site-check">
        {site.check
          ? t('technician.readiness.checkedAgo', { ago: agoText(site.check.runAt, now, t, i18n.language), by: site.check.runBy ?? '—' })
          : t('technician.readiness.neverChecked')}
      </p>
      <p className="readiness-site-duty">
        {site.onDuty.length > 0
          ? t('technician.readiness.onDuty', { contacts: site.onDuty.map((contact) => `${contact.name} (${contact.phone})`).join(', ') })
          : t('technician.readiness.nobodyOnDuty')}
      </p>
      {mayCheck && (
        <Link to={`/checks?${new URLSearchParams({ site: site.code, meeting: meetingId })}`} className="btn btn-small">
          {t('technician.readiness.checkNow')}
        </Link>
      )}
    </li>
  );
}
