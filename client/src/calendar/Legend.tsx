import { useTranslation } from 'react-i18next';
import { MeetingKind, MeetingStatus } from '@diemcau/shared';

/** What the colours (status) and tags (kind) on the calendar mean. */
export function Legend({ showClosed }: { showClosed: boolean }) {
  const { t } = useTranslation();
  const closed: readonly MeetingStatus[] = ['rejected', 'cancelled', 'preempted'];
  const statuses = MeetingStatus.options.filter((status) => showClosed || !closed.includes(status));
  return (
    <section className="legend" aria-label={t('calendar.legend')}>
      <span className="legend-heading">{t('calendar.legend')}:</span>
      {statuses.map((status) => (
        <span key={status} className="legend-item">
          <span className="legend-swatch meeting-chip" data-status={status} aria-hidden="true" />
          {t(`meeting.status.${status}`)}
        </span>
      ))}
      {MeetingKind.options.map((kind) => (
        <span key={kind} className="legend-item">
          <span className="kind-tag" data-kind={kind}>
            {t(`meeting.kindTag.${kind}`)}
          </span>
          {t(`meeting.kind.${kind}`)}
        </span>
      ))}
    </section>
  );
}
