import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Invitation, type MeetingView } from '@diemcau/shared';
import { api } from '../app/api';
import { Field } from '../ui/Field';
import { FormProblems } from '../ui/FormProblems';
import { Notice } from '../ui/Notice';
import { useFormSubmit } from '../ui/useFormSubmit';
import { FormActions } from '../ui/FormActions';
import { logRejection } from '../ui/logRejection';

/** Art. 4.2, 11.2: the invitation's number and date, so one sent before approval is flagged. */
export function InvitationForm({ meeting, onDone, onCancel }: { meeting: MeetingView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(meeting.invitation?.number ?? '');
  const [date, setDate] = useState(meeting.invitation?.date ?? '');
  const form = useFormSubmit(Invitation, (invitation) => api.meetings.recordInvitation(meeting.id, invitation));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form
      .submit({ number, date })
      .then((done) => done && onDone())
      .catch(logRejection);
  };

  return (
    <form className="invitation-form" onSubmit={submit} noValidate>
      <h3>{t('invitation.title')}</h3>
      {meeting.kind === 'departmental' && meeting.status === 'requested' && <Notice tone="warning">{t('invitation.notYetApproved')}</Notice>}
      <div className="form-row">
        <Field label={t('invitation.number')} error={form.errors.number}>
          <input name="invitationNumber" value={number} onChange={(event) => setNumber(event.target.value)} />
        </Field>
        <Field label={t('invitation.date')} error={form.errors.date}>
          <input name="invitationDate" type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </Field>
      </div>
      <FormProblems errors={form.errors} error={form.error} />
      <FormActions submitLabel={t('common.save')} busy={form.busy} onCancel={onCancel} />
    </form>
  );
}
