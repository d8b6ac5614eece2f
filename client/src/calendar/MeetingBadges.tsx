import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@diemcau/shared';

/** Status and kind, coloured as on the calendar and its legend. */
export function MeetingBadges({ meeting }: { meeting: Pick<MeetingView, 'status' | 'kind'> }) {
  const { t } = useTranslation();
  return (
    <p className="meeting-badges">
      <span className="status-badge" data-status={meeting.status} data-testid="meeting-status">
        {t(`meeting.status.${meeting.status}`)}
      </span>
      <span className="kind-badge" data-kind={meeting.kind}>
        {t(`meeting.kind.${meeting.kind}`)}
      </span>
    </p>
  );
}
