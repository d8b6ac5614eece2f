import { useTranslation } from 'react-i18next';
import type { Slot } from '@diemcau/shared';
import { formatDateTime, formatTimeRange } from '../../i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { ConflictList, SuggestedSlots } from '../ConflictList';
import type { BookingCheckState } from './useBookingCheck';

/** The live answer beside the form: problems, the deadline, collisions, pre-emptions and free slots. */
export function BookingFeedback({ check, ready, onPick }: { check: BookingCheckState; ready: boolean; onPick: (slot: Slot) => void }) {
  const { t } = useTranslation();
  const { result } = check;
  // Whether the rooms and the bridge are free is worth saying even while the deadline or a field is still wrong.
  const free = result && result.conflicts.length === 0 && result.wouldPreempt.length === 0;
  return (
    <aside className="booking-feedback" aria-live="polite" aria-busy={check.checking} data-testid="booking-feedback">
      <h2>{t('booking.title')}</h2>
      {!ready && <p className="muted">{t('booking.fillIn')}</p>}
      {ready && check.checking && <p className="muted">{t('booking.checking')}</p>}
      <ErrorNotice error={check.error} />
      {ready && result && (
        <div className={check.checking ? 'stale' : undefined}>
          {result.problems.map((problem) => (
            <Notice key={problem.code} tone="error">
              <p>{t([`booking.problems.${problem.code}`, 'booking.problems.other'])}</p>
            </Notice>
          ))}
          <Notice tone={result.leadTime.ok ? 'ok' : 'error'} title={t(result.leadTime.ok ? 'booking.leadTimeOk' : 'booking.leadTimeLate')}>
            <p>{t('booking.deadline', { deadline: formatDateTime(result.leadTime.deadline), article: result.leadTime.article })}</p>
            <p className="muted">{t(result.leadTime.article === '6.5' ? 'booking.leadTimeWhy.emergency' : 'booking.leadTimeWhy.preparation')}</p>
          </Notice>
          {result.conflicts.length > 0 && (
            <Notice tone="warning" title={t('booking.conflictTitle', { count: result.conflicts.length })}>
              <ConflictList conflicts={result.conflicts} />
            </Notice>
          )}
          {result.wouldPreempt.length > 0 && (
            <Notice tone="warning" title={t('booking.preemptTitle')}>
              <ul className="conflict-list">
                {result.wouldPreempt.map((meeting) => (
                  <li key={meeting.id}>
                    <strong>{meeting.title}</strong>
                    <br />
                    {formatTimeRange(meeting.startsAt, meeting.endsAt)}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
          {result.conflicts.length > 0 && (
            <section className="suggestions">
              <h3>{t('booking.pickSuggestion')}</h3>
              <SuggestedSlots slots={result.suggestions} onPick={onPick} />
            </section>
          )}
          {free && <Notice tone="ok" title={t('booking.allClear')} />}
        </div>
      )}
    </aside>
  );
}
