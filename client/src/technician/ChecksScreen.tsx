import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckView, SiteView } from '@diemcau/shared';
import { useDirectory } from '../app/directory';
import { useLocation } from '../app/router';
import { useCurrentUser } from '../app/session';
import { formatShortDateTime, formatTimeRange } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { Field } from '../ui/Field';
import { ErrorNotice, Notice } from '../ui/Notice';
import { ScreenHeading } from '../ui/ScreenHeading';
import { PAGE_SIZE } from '../ui/tableRows';
import { useResource } from '../ui/useResource';
import { mayCheckSite } from './access';
import { CheckItemsTable, VerdictBadge } from './check/CheckItemsTable';
import { CheckRunner } from './check/CheckRunner';
import { technicianApi } from './technicianApi';
import './technician.css';

const UPCOMING_DAYS = 7;
const NO_MEETING = '';

/**
 * The technician's pre-session check (Art. 6.4, 7.2.b): pick the site (a bridge technician has
 * them all) and the meeting being prepared, run the check here, and see the site's earlier checks.
 * `?site=`, `?meeting=` preselect; `?udpPolicy=relay` forces the UDP probe to fail, to show what a
 * blocked UDP looks like.
 */
export function ChecksScreen() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { sites } = useDirectory();
  const { query } = useLocation();
  const checkable = sites.filter((site) => mayCheckSite(user, site.id));
  const [siteCode, setSiteCode] = useState(query.get('site') ?? checkable[0]?.code);
  const site = checkable.find((candidate) => candidate.code === siteCode) ?? checkable[0];

  return (
    <>
      <ScreenHeading title={t('technician.checks.title')} intro={t('technician.checks.intro')} />
      {site ? (
        <SiteCheck key={site.id} site={site} sitePicker={checkable.length > 1 && <SitePicker sites={checkable} value={site.code} onChange={setSiteCode} />} />
      ) : (
        <Notice tone="info">{t('technician.checks.noSite')}</Notice>
      )}
    </>
  );
}

function SitePicker({ sites, value, onChange }: { sites: SiteView[]; value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('technician.checks.site')}>
      <select name="site" value={value} onChange={(event) => onChange(event.target.value)}>
        {sites.map((site) => (
          <option key={site.id} value={site.code}>
            {site.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

function SiteCheck({ site, sitePicker }: { site: SiteView; sitePicker: ReactNode }) {
  const { t } = useTranslation();
  const { query } = useLocation();
  const upcoming = useResource(() => technicianApi.readiness(UPCOMING_DAYS), []);
  const meetings = (upcoming.data ?? []).map((row) => row.meeting).filter((meeting) => meeting.siteIds.includes(site.id));
  const [chosenMeeting, setChosenMeeting] = useState<string | undefined>(query.get('meeting') ?? undefined);
  const meetingId = meetings.find((meeting) => meeting.id === chosenMeeting)?.id ?? (chosenMeeting === NO_MEETING ? null : (meetings[0]?.id ?? null));
  const history = useResource(() => technicianApi.checks.list(site.id), [site.id]);

  return (
    <>
      <div className="panel check-setup">
        {sitePicker}
        <Field label={t('technician.checks.meeting')} hint={t('technician.checks.meetingHint')}>
          <select name="meeting" value={meetingId ?? NO_MEETING} onChange={(event) => setChosenMeeting(event.target.value)}>
            {meetings.map((meeting) => (
              <option key={meeting.id} value={meeting.id}>
                {meeting.title} — {formatTimeRange(meeting.startsAt, meeting.endsAt)}
              </option>
            ))}
            <option value={NO_MEETING}>{t('technician.checks.noMeeting')}</option>
          </select>
        </Field>
      </div>
      <CheckRunner site={site} meetingId={meetingId} forceUdpRelay={query.get('udpPolicy') === 'relay'} onStored={history.reload} />
      <section className="panel">
        <h2>{t('technician.checks.history')}</h2>
        <ErrorNotice error={history.error} />
        <CheckHistory checks={history.data} />
      </section>
    </>
  );
}

function CheckHistory({ checks }: { checks: CheckView[] | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number>();
  return (
    <DataTable
      testId="check-history"
      columns={[
        { key: 'runAt', header: t('technician.checks.runAt'), sortBy: (check) => check.runAt },
        { key: 'runBy', header: t('technician.checks.runBy'), sortBy: (check) => check.runBy },
        { key: 'verdict', header: t('technician.items.verdict'), sortBy: (check) => t(`technician.verdict.${check.verdict}`) },
        { key: 'actions', header: t('common.actions'), hiddenHeader: true },
      ]}
      rows={checks}
      rowKey={(check) => check.id}
      renderRow={(check) => <HistoryRow check={check} open={open === check.id} onToggle={() => setOpen(open === check.id ? undefined : check.id)} />}
      empty={t('technician.checks.noHistory')}
      pageSize={PAGE_SIZE}
    />
  );
}

function HistoryRow({ check, open, onToggle }: { check: CheckView; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <tr data-check-id={check.id}>
        <td className="nowrap">{formatShortDateTime(check.runAt)}</td>
        <td>{check.runBy ?? '—'}</td>
        <td>
          <VerdictBadge verdict={check.verdict} />
        </td>
        <td>
          <button type="button" className="btn btn-small" aria-expanded={open} onClick={onToggle}>
            {t(open ? 'technician.checks.hideDetails' : 'technician.checks.showDetails')}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={4}>
            <CheckItemsTable items={check.items} caption={formatShortDateTime(check.runAt)} />
          </td>
        </tr>
      )}
    </>
  );
}
