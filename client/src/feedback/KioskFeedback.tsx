import { useTranslation } from 'react-i18next';
import { FeedbackForm } from './FeedbackForm';
import '../reports/reports.css';

/** The kiosk's technician mode files feedback for its own site (Art. 12.3). */
export function KioskFeedback({ siteId, meetingId }: { siteId: number; meetingId: string | null }) {
  const { t } = useTranslation();
  return (
    <details className="kiosk-feedback">
      <summary>{t('records.feedback.kiosk')}</summary>
      <FeedbackForm site={siteId} meeting={meetingId} />
    </details>
  );
}
