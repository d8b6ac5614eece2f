import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '@diemcau/shared';
import { api } from '../../app/api';
import { formatDate, localDate } from '../../i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/Notice';
import { DataTable } from '../../ui/DataTable';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useDialog } from '../../ui/useDialog';
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
  const { open: editing, show: setEditing, close, saved } = useDialog<Editing>(days.reload);

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
      <DataTable
        columns={[
          { key: 'date', header: t('holidays.date'), cell: (day) => formatDate(day.date), sortBy: (day) => day.date },
          {
            key: 'kind',
            header: t('holidays.kind'),
            cell: (day) => <span className={`badge ${day.kind === 'day-off' ? 'badge-danger' : 'badge-ok'}`}>{t(`holidays.kinds.${day.kind}`)}</span>,
            sortBy: (day) => t(`holidays.kinds.${day.kind}`),
          },
          {
            key: 'occasion',
            header: t('holidays.occasion'),
            cell: (day) => t(`holidays.occasions.${day.occasion}`),
            sortBy: (day) => t(`holidays.occasions.${day.occasion}`),
          },
          { key: 'note', header: t('holidays.note'), className: 'muted', cell: (day) => day.note },
          {
            key: 'actions',
            header: t('common.actions'),
            hiddenHeader: true,
            cell: (day) => (
              <div className="actions">
                <button type="button" className="btn btn-small" onClick={() => setEditing({ kind: 'day', day })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => setEditing({ kind: 'remove', day })}>
                  {t('holidays.remove')}
                </button>
              </div>
            ),
          },
        ]}
        rows={days.data}
        rowKey={(day) => day.date}
        rowAttributes={(day) => ({ 'data-date': day.date })}
        empty={t('holidays.empty')}
      />
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
