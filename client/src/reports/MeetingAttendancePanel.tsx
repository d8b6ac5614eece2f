import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@diemcau/shared';
import { api } from '../app/api';
import { ErrorNotice } from '../ui/Notice';
import { useAction } from '../ui/useAction';
import { useResource } from '../ui/useResource';
import { AttendanceTable } from './AttendanceTable';
import { saveFile } from './saveFile';
import { logRejection } from '../ui/logRejection';
import './reports.css';

const PRINTING = 'printing-attendance';

/**
 * A held meeting's attendance in the register, exportable as CSV and printable:
 * printing shows this panel alone on the page.
 */
export function MeetingAttendancePanel({ meeting }: { meeting: MeetingView }) {
  const { t, i18n } = useTranslation();
  const attendance = useResource(() => api.reports.attendance(meeting.id), [meeting.id]);
  const download = useAction();
  if (meeting.status !== 'live' && meeting.status !== 'ended') return null;
  const print = () => {
    document.body.classList.add(PRINTING);
    window.addEventListener('afterprint', () => document.body.classList.remove(PRINTING), { once: true });
    window.print();
  };
  return (
    <section className="attendance-print" aria-label={t('records.attendance.title')}>
      <div className="screen-heading">
        <h2>
          {t('records.attendance.title')}
          <span className="print-only">: {meeting.title}</span>
        </h2>
        <div className="actions no-print">
          <button
            type="button"
            className="btn btn-small"
            disabled={download.busy}
            onClick={() =>
              void download
                .run(async () => saveFile(await api.reports.attendanceCsv(meeting.id, i18n.language), `diem-danh-${meeting.id}.csv`))
                .catch(logRejection)
            }
          >
            {t('records.attendance.csv')}
          </button>
          <button type="button" className="btn btn-small" onClick={print}>
            {t('records.attendance.print')}
          </button>
        </div>
      </div>
      <ErrorNotice error={attendance.error ?? download.error} />
      {attendance.data && <AttendanceTable rows={attendance.data.sites} />}
    </section>
  );
}
