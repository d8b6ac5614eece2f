import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MeetingRequest, type MeetingView, type Slot } from '@diemcau/shared';
import { api, ApiError } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { can } from '../../app/permissions';
import { useCurrentUser } from '../../app/session';
import { formatDateTime, formatTimeRange } from '../../i18n';
import { CheckboxList } from '../../ui/CheckboxList';
import { Check, Field } from '../../ui/Field';
import { FormProblems } from '../../ui/FormProblems';
import { Notice } from '../../ui/Notice';
import { TimeSelect } from '../../ui/TimeSelect';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { ConflictList, SuggestedSlots, conflictDetailsOf } from '../ConflictList';
import { BookingFeedback } from './BookingFeedback';
import { KindChoice } from './KindChoice';
import { checkPayload, instantOf, requestBody, withSlot, withStart, type RequestDraft } from './requestDraft';
import { useBookingCheck } from './useBookingCheck';
import { NamedSelect } from '../../ui/NamedSelect';
import { logRejection } from '../../ui/logRejection';

/** Art. 10, 11: a booking request to the Office, checked against the calendar while it is filled in. */
export function RequestForm({ initial, onCreated }: { initial: RequestDraft; onCreated: (meeting: MeetingView) => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { units, sites } = useDirectory();
  const [draft, setDraft] = useState(initial);
  const [recheck, setRecheck] = useState(0);
  const form = useFormSubmit(MeetingRequest, async (request) => {
    try {
      onCreated(await api.meetings.request(request));
    } catch (error) {
      // Someone may have booked the slot meanwhile: the panel beside the form must not say it is free.
      setRecheck((value) => value + 1);
      throw error;
    }
  });
  const { errors } = form;
  const payload = checkPayload(draft, units[0]?.id);
  const check = useBookingCheck(payload, recheck);

  const update = (changes: Partial<RequestDraft>) => setDraft((previous) => ({ ...previous, ...changes }));
  const pick = (slot: Slot) => {
    setDraft((previous) => withSlot(previous, slot));
    form.clearError();
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(requestBody(draft)).catch(logRejection);
  };

  const refusal = conflictDetailsOf(form.error);
  const late = form.error instanceof ApiError && form.error.code === 'lead-time' ? (form.error.details as { deadline?: string } | undefined) : undefined;
  const [startsAt, endsAt] = [instantOf(draft, draft.startTime), instantOf(draft, draft.endTime)];
  const readback = startsAt && endsAt ? formatTimeRange(startsAt, endsAt) : undefined;

  return (
    <div className="request-layout">
      <form className="request-form panel" onSubmit={send} noValidate>
        <section>
          <h2>{t('request.sectionWhat')}</h2>
          <Field label={t('request.title')} error={errors.title}>
            <input
              name="title"
              value={draft.title}
              aria-invalid={errors.title ? true : undefined}
              onChange={(event) => update({ title: event.target.value })}
            />
          </Field>
          <KindChoice value={draft.kind} onChange={(kind) => update({ kind })} />
          <div className="form-row">
            <Field label={t('request.host')} error={errors.hostUnitId}>
              <NamedSelect
                name="hostUnitId"
                value={draft.hostUnitId}
                options={units}
                placeholder={t('common.choose')}
                onChange={(hostUnitId) => update({ hostUnitId })}
              />
            </Field>
            <Field label={t('request.chairPerson')} hint={t('request.chairPersonHint')} error={errors.chairPerson}>
              <input name="chairPerson" value={draft.chairPerson} onChange={(event) => update({ chairPerson: event.target.value })} />
            </Field>
          </div>
        </section>

        <section>
          <h2>{t('request.sectionWhen')}</h2>
          <div className="form-row">
            <Field label={t('request.date')} error={errors.startsAt && !draft.date ? errors.startsAt : undefined}>
              <input name="date" type="date" value={draft.date} onChange={(event) => update({ date: event.target.value })} />
            </Field>
            <Field label={t('request.startTime')} error={draft.date ? errors.startsAt : undefined}>
              <TimeSelect
                name="startTime"
                label={t('request.startTime')}
                value={draft.startTime}
                onChange={(startTime) => setDraft((previous) => withStart(previous, startTime))}
              />
            </Field>
            <Field label={t('request.endTime')} error={errors.endsAt}>
              <TimeSelect name="endTime" label={t('request.endTime')} value={draft.endTime} onChange={(endTime) => update({ endTime })} />
            </Field>
          </div>
          <p className="readback" data-testid="time-readback">
            {readback ? t('request.readback', { when: readback }) : t('request.timeZoneNote')}
          </p>
        </section>

        <section>
          <h2>{t('request.sectionWhere')}</h2>
          <CheckboxList
            legend={t('request.sites')}
            name="siteIds"
            choices={sites.map((site) => ({ value: site.id, label: site.name, ...(site.kind === 'chair' && { note: t('siteKinds.chair') }) }))}
            selected={draft.siteIds}
            onChange={(siteIds) => update({ siteIds })}
            error={errors.siteIds}
          />
        </section>

        <section>
          <h2>{t('request.sectionConfirm')}</h2>
          {draft.kind === 'departmental' && (
            <>
              <Check name="attestsNotSecret" checked={draft.attestsNotSecret} onChange={(attestsNotSecret) => update({ attestsNotSecret })}>
                {t('request.attest')}
              </Check>
              {errors.attestsNotSecret && (
                <p className="field-error" role="alert">
                  {errors.attestsNotSecret}
                </p>
              )}
              <Notice tone="info">
                <p>{t('request.invitationReminder')}</p>
              </Notice>
            </>
          )}
          {can(user, 'meeting:decide') && (
            <Check name="approve" checked={draft.approve} onChange={(approve) => update({ approve })}>
              {t('request.approveNow')}
            </Check>
          )}
        </section>

        {refusal && (
          <Notice tone="error" title={t('booking.submitConflict')}>
            <ConflictList conflicts={refusal.conflicts} />
            <p>{t('booking.pickSuggestion')}</p>
            <SuggestedSlots slots={refusal.suggestions} onPick={pick} />
          </Notice>
        )}
        {late?.deadline && (
          <Notice tone="error" title={t('booking.leadTimeLate')}>
            <p>{t('booking.submitLate', { deadline: formatDateTime(late.deadline) })}</p>
          </Notice>
        )}
        {!refusal && !late && <FormProblems errors={errors} error={form.error} />}
        <div className="actions">
          <button type="submit" className="btn btn-primary btn-large" disabled={form.busy}>
            {draft.approve ? t('request.submitAndApprove') : t('request.submit')}
          </button>
        </div>
      </form>
      <BookingFeedback check={check} ready={payload !== undefined} onPick={pick} />
    </div>
  );
}
