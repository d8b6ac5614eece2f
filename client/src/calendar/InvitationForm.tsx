import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Invitation, type MeetingView } from '@diemcau/shared';
import { api } from '../app/api';
import { Field } from '../ui/Field';
import { fieldErrorsOf, type FieldErrors } from '../ui/formErrors';
import { ErrorNotice, Notice } from '../ui/Notice';
import { useAction } from '../ui/useAction';

/** Art. 4.2, 11.2: the invitation's number and date, so one sent before approval is flagged. */
export function InvitationForm({ meeting, onDone, onCancel }: { meeting: MeetingView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(meeting.invitation?.number ?? '');
  const [date, setDate] = useState(meeting.invitation?.date ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = Invitation.safeParse({ number, date });
    setErrors(parsed.success ? {} : fieldErrorsOf(parsed.error.issues, t));
    if (parsed.success) void save.run(() => api.meetings.recordInvitation(meeting.id, parsed.data)).then((done) => done && onDone());
  };

  return (
    <form className="invitation-form" onSubmit={submit} noValidate>
      <h3>{t('invitation.title')}</h3>
      {meeting.kind === 'departmental' && meeting.status === 'requested' && <Notice tone="warning">{t('invitation.notYetApproved')}</Notice>}
      <div className="form-row">
        <Field label={t('invitation.number')} error={errors.number}>
          <input name="invitationNumber" value={number} onChange={(event) => setNumber(event.target.value)} />
        </Field>
        <Field label={t('invitation.date')} error={errors.date}>
          <input name="invitationDate" type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </Field>
      </div>
      <ErrorNotice error={save.error} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy}>
          {t('common.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
