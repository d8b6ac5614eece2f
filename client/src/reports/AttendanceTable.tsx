import { useTranslation } from 'react-i18next';
import type { AttendanceRow } from '@diemcau/shared';
import { formatShortDateTime } from '../i18n';

const statusTone = { present: 'badge-ok', late: 'badge-warning', absent: 'badge-danger' } as const;

/** Each invited site's roll call: when it came and went, how long it stayed, and its pre-session check. */
export function AttendanceTable({ rows }: { rows: AttendanceRow[] }) {
  const { t } = useTranslation();
  return (
    <div className="reports-table-wrap">
      <table className="table attendance-table" data-testid="attendance-table">
        <thead>
          <tr>
            <th>{t('records.attendance.site')}</th>
            <th>{t('records.attendance.status')}</th>
            <th>{t('records.attendance.firstJoin')}</th>
            <th>{t('records.attendance.lastLeave')}</th>
            <th className="number">{t('records.attendance.minutes')}</th>
            <th className="number">{t('records.attendance.reconnections')}</th>
            <th className="number">{t('records.attendance.late')}</th>
            <th>{t('records.attendance.check')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.siteId} data-site={row.siteCode} data-status={row.status}>
              <td>{row.siteName}</td>
              <td>
                <span className={`badge ${statusTone[row.status]}`}>{t(`records.attendance.statuses.${row.status}`)}</span>
                {row.online && <span className="badge badge-ok attendance-online">{t('records.attendance.online')}</span>}
              </td>
              <td className="nowrap">{row.firstJoinAt ? formatShortDateTime(row.firstJoinAt) : '—'}</td>
              <td className="nowrap">{row.lastLeaveAt ? formatShortDateTime(row.lastLeaveAt) : '—'}</td>
              <td className="number">{row.minutesPresent}</td>
              <td className="number">{row.reconnections}</td>
              <td className="number">{row.lateMinutes ?? '—'}</td>
              <td>{t(`records.attendance.checks.${row.checkPassed === null ? 'none' : row.checkPassed ? 'passed' : 'failed'}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
