import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConferenceState, RollCallStatus } from '@diemcau/shared';
import { api } from '../../app/api';
import { ErrorNotice } from '../../ui/Notice';
import { useResource } from '../../ui/useResource';
import './rollcall.css';

/** Lateness and minutes grow with time, not only with joins and drops. */
const REFRESH_MS = 30_000;

/**
 * The live roll call in the chair console: each site present, late or absent,
 * from the bridge's own record of who joined. It reloads when a site comes or
 * goes in the conference, and every half minute.
 */
export function RollCall({ conference }: { conference: ConferenceState }) {
  const { t } = useTranslation();
  const onlineKey = conference.sites
    .filter((site) => site.online)
    .map((site) => site.siteCode)
    .join(',');
  const attendance = useResource(() => api.reports.attendance(conference.meetingId), [conference.meetingId, onlineKey]);
  const { reload } = attendance;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const rows = attendance.data?.sites ?? [];
  const count = (status: RollCallStatus) => rows.filter((row) => row.status === status).length;
  return (
    <section className="chair-panel roll-call" aria-labelledby="roll-call-heading" data-testid="roll-call">
      <h2 id="roll-call-heading">{t('records.rollCall.title')}</h2>
      <p className="roll-call-summary" data-testid="roll-call-summary">
        {t('records.rollCall.summary', { present: count('present'), late: count('late'), absent: count('absent') })}
      </p>
      <ErrorNotice error={attendance.error} />
      <ul className="roll-call-list">
        {rows.map((row) => (
          <li key={row.siteId} data-site={row.siteCode} data-status={row.status} data-online={row.online}>
            <span className={`roll-call-dot roll-call-${row.status}`} aria-hidden="true" />
            <span className="roll-call-name">{row.siteName}</span>
            <span className="roll-call-state">
              {t(`records.attendance.statuses.${row.status}`)}
              {row.status === 'late' && ` · ${t('records.rollCall.minutesLate', { minutes: row.lateMinutes })}`}
              {row.status !== 'absent' && !row.online && ` · ${t('records.rollCall.offline')}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
