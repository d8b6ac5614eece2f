import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { Link } from '../../app/Link';
import { formatDateTime, formatTimeRange } from '../../i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useAction } from '../../ui/useAction';
import { useResource } from '../../ui/useResource';
import { ConflictList, SuggestedSlots, conflictDetailsOf } from '../ConflictList';
import { MeetingBadges } from '../MeetingBadges';
import { logRejection } from '../../ui/logRejection';
import '../calendar.css';
import './approvals.css';

/** The calendar API answers at most 62 days at once; requests further ahead wait for a later look. */
const HORIZON_DAYS = 62;
const DAY_MS = 86_400_000;

const byRequestTime = (a: MeetingView, b: MeetingView) => (a.requestedAt ?? a.startsAt).localeCompare(b.requestedAt ?? b.startsAt);

/** Art. 10: the Office decides the requests, first come first served. */
export function ApprovalQueue() {
  const { t } = useTranslation();
  const [decided, setDecided] = useState<string>();
  const queue = useResource(() => {
    // From a day back: a request whose start has just passed still needs an answer (a rejection).
    const from = new Date(Date.now() - DAY_MS);
    const to = new Date(from.getTime() + HORIZON_DAYS * DAY_MS);
    return api.meetings.list({ from: from.toISOString(), to: to.toISOString(), status: 'requested' });
  }, []);
  const requests = [...(queue.data ?? [])].sort(byRequestTime);
  const afterDecision = (message: string) => {
    setDecided(message);
    queue.reload();
  };

  return (
    <>
      <ScreenHeading title={t('approvals.title')} intro={t('approvals.intro')} />
      {decided && <Notice tone="ok">{decided}</Notice>}
      <ErrorNotice error={queue.error} />
      {queue.data && requests.length === 0 && <Notice tone="info">{t('approvals.empty')}</Notice>}
      <ol className="approval-list">
        {requests.map((meeting) => (
          <ApprovalItem key={meeting.id} meeting={meeting} onDecided={afterDecision} />
        ))}
      </ol>
    </>
  );
}

function ApprovalItem({ meeting, onDecided }: { meeting: MeetingView; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const { unitName, siteName } = useDirectory();
  const [rejecting, setRejecting] = useState(false);
  const approve = useAction();
  const refusal = conflictDetailsOf(approve.error);

  return (
    <li className="approval-item panel" data-meeting-id={meeting.id}>
      <div className="approval-head">
        <h2>{meeting.title}</h2>
        <MeetingBadges meeting={meeting} />
      </div>
      {meeting.invitationBeforeApproval && <Notice tone="warning">{t('meeting.invitationEarly')}</Notice>}
      <dl className="details-list">
        <dt>{t('meeting.time')}</dt>
        <dd>{formatTimeRange(meeting.startsAt, meeting.endsAt)}</dd>
        <dt>{t('meeting.host')}</dt>
        <dd>{unitName(meeting.hostUnitId)}</dd>
        <dt>{t('meeting.chairPerson')}</dt>
        <dd>{meeting.chairPerson}</dd>
        <dt>{t('meeting.sites', { count: meeting.siteIds.length })}</dt>
        <dd>{meeting.siteIds.map(siteName).join(', ')}</dd>
        {meeting.requestedAt && (
          <>
            <dt>{t('meeting.requestedAt')}</dt>
            <dd>{formatDateTime(meeting.requestedAt)}</dd>
          </>
        )}
      </dl>
      {refusal ? (
        <Notice tone="error" title={t('booking.approveConflict')}>
          <ConflictList conflicts={refusal.conflicts} />
          <p>{t('booking.freeSlotsForOrganizer')}</p>
          <SuggestedSlots slots={refusal.suggestions} />
        </Notice>
      ) : (
        <ErrorNotice error={approve.error} />
      )}
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={approve.busy}
          onClick={() =>
            void approve
              .run(() => api.meetings.approve(meeting.id))
              .then((done) => done && onDecided(t('approvals.approved', { title: meeting.title })))
              .catch(logRejection)
          }
        >
          {t('actions.approve')}
        </button>
        <button type="button" className="btn btn-danger" onClick={() => setRejecting(true)}>
          {t('actions.reject')}
        </button>
        <Link to={`/calendar?meeting=${encodeURIComponent(meeting.id)}`} className="btn">
          {t('approvals.showOnCalendar')}
        </Link>
      </div>
      {rejecting && (
        <ConfirmDialog
          title={t('confirm.reject.title')}
          confirmLabel={t('actions.reject')}
          danger
          reasonLabel={t('confirm.reason')}
          onConfirm={async (reason) => {
            await api.meetings.reject(meeting.id, reason);
            onDecided(t('approvals.rejected', { title: meeting.title }));
          }}
          onClose={() => setRejecting(false)}
        >
          <p>{t('confirm.reject.body', { title: meeting.title })}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
