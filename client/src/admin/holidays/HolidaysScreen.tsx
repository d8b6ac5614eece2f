import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '@diemcau/shared';
import { api } from '../../app/api';
import { formatDate, localDate } from '../../i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/Notice';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useResource } from '../../ui/useResource';
import '../admin.css';
import { HolidayDialog } from './HolidayDialog';

type Editing = { kind: 'day'; day?: CalendarDay } | { kind: 'remove'; day: CalendarDay };

/**
 * Public holidays and make-up working days, year by year. Lead times, preparation reminders and
 * free-slot suggestions skip days off and count make-up days (Art. 6.4).
 */
export function HolidaysScreen() {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => Number(localDate(new Date()).slice(0, 4)));
  const days = useResource(() => api.holidays.list(year), [year]);
  const [editing, setEditing] = useState<Editing>();
  const close = () => setEditing(undefined);
  const saved = () => {
    close();
    days.reload();
  };

  return (
    <>
      <ScreenHeading title={t('holidays.title')} intro={t('holidays.intro')}>
        <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'day' })}>
          {t('holidays.add')}
        </button>
      </ScreenHeading>
      <div className="year-switch" role="group" aria-label={t('holidays.year')}>
        <button type="button" className="btn btn-small" onClick={() => setYear(year - 1)} aria-label={t('holidays.previousYear')}>
          ‹
        </button>
        <strong data-testid="holiday-year">{year}</strong>
        <button type="button" className="btn btn-small" onClick={() => setYear(year + 1)} aria-label={t('holidays.nextYear')}>
          ›
        </button>
      </div>
      <ErrorNotice error={days.error} />
      <div className="admin-table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('holidays.date')}</th>
              <th>{t('holidays.kind')}</th>
              <th>{t('holidays.occasion')}</th>
              <th>{t('holidays.note')}</th>
              <th aria-label={t('common.actions')} />
            </tr>
          </thead>
          <tbody>
            {days.data?.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('holidays.empty')}
                </td>
              </tr>
            )}
            {days.data?.map((day) => (
              <tr key={day.date} data-date={day.date}>
                <td>{formatDate(day.date)}</td>
                <td>
                  <span className={`badge ${day.kind === 'day-off' ? 'badge-danger' : 'badge-ok'}`}>{t(`holidays.kinds.${day.kind}`)}</span>
                </td>
                <td>{t(`holidays.occasions.${day.occasion}`)}</td>
                <td className="muted">{day.note}</td>
                <td>
                  <div className="actions">
                    <button type="button" className="btn btn-small" onClick={() => setEditing({ kind: 'day', day })}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="btn btn-small btn-danger" onClick={() => setEditing({ kind: 'remove', day })}>
                      {t('holidays.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing?.kind === 'day' && <HolidayDialog day={editing.day} onSaved={saved} onClose={close} />}
      {editing?.kind === 'remove' && (
        <ConfirmDialog
          title={t('holidays.removeTitle')}
          confirmLabel={t('holidays.remove')}
          danger
          onConfirm={() => api.holidays.remove(editing.day.date).then(days.reload)}
          onClose={close}
        >
          <p>{t('holidays.removeBody', { date: formatDate(editing.day.date) })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
