import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@diemcau/shared';
import { api } from '../app/api';
import { useDirectory } from '../app/directory';
import { useCurrentUser } from '../app/session';
import { formatDate, formatDateTime, formatTimeRange } from '../i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, Notice } from '../ui/Notice';
import { useAction } from '../ui/useAction';
import { useResource } from '../ui/useResource';
import { ConflictList, SuggestedSlots, conflictDetailsOf } from './ConflictList';
import { InvitationForm } from './InvitationForm';
import { actionsFor, runSimple } from './meetingActions';
import { MeetingBadges } from './MeetingBadges';
import { preemptingKind } from './preemption';
import { MeetingAttendancePanel } from '../reports/MeetingAttendancePanel';
import { logRejection } from '../ui/logRejection';

/** One meeting in full, with what the reader's role may do to it. */
export function MeetingDetails({ meetingId, onClose, onChanged }: { meetingId: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const meeting = useResource(() => api.meetings.get(meetingId), [meetingId]);
  const changed = () => {
    meeting.reload();
    onChanged();
  };
  return (
    <Dialog title={meeting.data?.title ?? t('common.loading')} onClose={onClose}>
      <ErrorNotice error={meeting.error} />
      {meeting.data && <MeetingFacts meeting={meeting.data} />}
      {meeting.data && <MeetingAttendancePanel meeting={meeting.data} />}
      {meeting.data && <MeetingActions meeting={meeting.data} onChanged={changed} />}
    </Dialog>
  );
}

function MeetingFacts({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const { unitName, sites } = useDirectory();
  const taking = sites.filter((site) => meeting.siteIds.includes(site.id));
  return (
    <>
      <MeetingBadges meeting={meeting} />
      {meeting.invitationBeforeApproval && (
        <Notice tone="warning" title={t('meeting.invitationEarlyTitle')}>
          <p>{t('meeting.invitationEarly')}</p>
        </Notice>
      )}
      <dl className="details-list" data-testid="meeting-facts">
        <dt>{t('meeting.time')}</dt>
        <dd>{formatTimeRange(meeting.startsAt, meeting.endsAt)}</dd>
        <dt>{t('meeting.host')}</dt>
        <dd>{unitName(meeting.hostUnitId)}</dd>
        <dt>{t('meeting.chairPerson')}</dt>
        <dd>{meeting.chairPerson}</dd>
        <dt>{t('meeting.sites', { count: taking.length })}</dt>
        <dd>{taking.map((site) => (site.kind === 'chair' ? `${site.name} (${t('siteKinds.chair')})` : site.name)).join(', ')}</dd>
        <dt>{t('meeting.invitation')}</dt>
        <dd>
          {meeting.invitation
            ? t('meeting.invitationValue', { number: meeting.invitation.number, date: formatDate(meeting.invitation.date) })
            : t('meeting.noInvitation')}
        </dd>
        {meeting.kind === 'departmental' && (
          <>
            <dt>{t('meeting.notSecret')}</dt>
            <dd>{meeting.attestsNotSecret ? t('meeting.notSecretYes') : t('meeting.notSecretNo')}</dd>
          </>
        )}
        {meeting.requestedAt && (
          <>
            <dt>{t('meeting.requestedAt')}</dt>
            <dd>{formatDateTime(meeting.requestedAt)}</dd>
          </>
        )}
        {meeting.approvedAt && (
          <>
            <dt>{t('meeting.approvedAt')}</dt>
            <dd>{formatDateTime(meeting.approvedAt)}</dd>
          </>
        )}
        {meeting.decisionReason && (
          <>
            <dt>{t('meeting.reason')}</dt>
            <dd data-testid="decision-reason">{meeting.decisionReason}</dd>
          </>
        )}
        {meeting.preemption && (
          <>
            <dt>{t('meeting.reason')}</dt>
            <dd data-testid="decision-reason">
              {t(`meeting.preemption.${preemptingKind(meeting.preemption.byKind)}`, { by: meeting.preemption.byTitle, article: meeting.preemption.article })}
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

/** Actions that change things for other people: each is explained and confirmed first. */
const confirmedActions = ['open', 'close', 'reject', 'cancel'] as const;
type Confirmed = (typeof confirmedActions)[number];

function MeetingActions({ meeting, onChanged }: { meeting: MeetingView; onChanged: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [confirming, setConfirming] = useState<Confirmed>();
  const [recordingInvitation, setRecordingInvitation] = useState(false);
  const action = useAction();
  const actions = actionsFor(meeting, user);
  if (actions.length === 0) return null;

  const runNow = (name: keyof typeof runSimple) =>
    void action
      .run(() => runSimple[name](meeting.id))
      .then((done) => done && onChanged())
      .catch(logRejection);
  const refusal = conflictDetailsOf(action.error);

  return (
    <section className="meeting-actions" aria-label={t('meeting.actions')}>
      {refusal ? (
        <Notice tone="error" title={t('booking.approveConflict')}>
          <ConflictList conflicts={refusal.conflicts} />
          <p>{t('booking.freeSlots')}</p>
          <SuggestedSlots slots={refusal.suggestions} />
        </Notice>
      ) : (
        <ErrorNotice error={action.error} />
      )}
      <div className="actions">
        {actions.includes('approve') && (
          <button type="button" className="btn btn-primary" disabled={action.busy} onClick={() => runNow('approve')}>
            {t('actions.approve')}
          </button>
        )}
        {actions.includes('prepare') && (
          <button type="button" className="btn btn-primary" disabled={action.busy} onClick={() => runNow('prepare')}>
            {t('actions.prepare')}
          </button>
        )}
        {confirmedActions
          .filter((name) => actions.includes(name))
          .map((name) => (
            <button
              key={name}
              type="button"
              className={`btn${name === 'open' ? ' btn-primary' : ''}${name === 'reject' || name === 'cancel' ? ' btn-danger' : ''}`}
              onClick={() => setConfirming(name)}
            >
              {t(`actions.${name}`)}
            </button>
          ))}
        {actions.includes('invitation') && !recordingInvitation && (
          <button type="button" className="btn" onClick={() => setRecordingInvitation(true)}>
            {t('actions.invitation')}
          </button>
        )}
      </div>
      {recordingInvitation && (
        <InvitationForm
          meeting={meeting}
          onDone={() => {
            setRecordingInvitation(false);
            onChanged();
          }}
          onCancel={() => setRecordingInvitation(false)}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t(`confirm.${confirming}.title`)}
          confirmLabel={t(`actions.${confirming}`)}
          danger={confirming !== 'open'}
          reasonLabel={confirming === 'reject' || confirming === 'cancel' ? t('confirm.reason') : undefined}
          onConfirm={async (reason) => {
            if (confirming === 'reject') await api.meetings.reject(meeting.id, reason);
            else if (confirming === 'cancel') await api.meetings.cancel(meeting.id, reason);
            else await runSimple[confirming](meeting.id);
            onChanged();
          }}
          onClose={() => setConfirming(undefined)}
        >
          <p>{t(`confirm.${confirming}.body`, { title: meeting.title })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
