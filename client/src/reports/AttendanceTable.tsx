import { useTranslation } from 'react-i18next';
import type { AttendanceRow } from '@diemcau/shared';
import { formatShortDateTime } from '../i18n';
import { DataTable } from '../ui/DataTable';

const statusTone = { present: 'badge-ok', late: 'badge-warning', absent: 'badge-danger' } as const;

/** Each invited site's roll call: when it came and went, how long it stayed, and its pre-session check. */
export function AttendanceTable({ rows }: { rows: AttendanceRow[] }) {
  const { t } = useTranslation();
  const checkText = (row: AttendanceRow) => t(`records.attendance.checks.${row.checkPassed === null ? 'none' : row.checkPassed ? 'passed' : 'failed'}`);
  return (
    <DataTable
      className="attendance-table"
      testId="attendance-table"
      columns={[
        { key: 'site', header: t('records.attendance.site'), cell: (row) => row.siteName, sortBy: (row) => row.siteName },
        {
          key: 'status',
          header: t('records.attendance.status'),
          cell: (row) => (
            <>
              <span className={`badge ${statusTone[row.status]}`}>{t(`records.attendance.statuses.${row.status}`)}</span>
              {row.online && <span className="badge badge-ok attendance-online">{t('records.attendance.online')}</span>}
            </>
          ),
          sortBy: (row) => t(`records.attendance.statuses.${row.status}`),
        },
        {
          key: 'firstJoin',
          header: t('records.attendance.firstJoin'),
          className: 'nowrap',
          cell: (row) => dateOrDash(row.firstJoinAt),
          sortBy: (row) => row.firstJoinAt,
        },
        {
          key: 'lastLeave',
          header: t('records.attendance.lastLeave'),
          className: 'nowrap',
          cell: (row) => dateOrDash(row.lastLeaveAt),
          sortBy: (row) => row.lastLeaveAt,
        },
        {
          key: 'minutes',
          header: t('records.attendance.minutes'),
          className: 'number',
          cell: (row) => row.minutesPresent,
          sortBy: (row) => row.minutesPresent,
        },
        {
          key: 'reconnections',
          header: t('records.attendance.reconnections'),
          className: 'number',
          cell: (row) => row.reconnections,
          sortBy: (row) => row.reconnections,
        },
        { key: 'late', header: t('records.attendance.late'), className: 'number', cell: (row) => row.lateMinutes ?? '—', sortBy: (row) => row.lateMinutes },
        { key: 'check', header: t('records.attendance.check'), cell: checkText, sortBy: checkText },
      ]}
      rows={rows}
      rowKey={(row) => row.siteId}
      rowAttributes={(row) => ({ 'data-site': row.siteCode, 'data-status': row.status })}
    />
  );
}

const dateOrDash = (at: string | null) => (at ? formatShortDateTime(at) : '—');
