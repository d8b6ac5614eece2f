import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IncidentInput, type IncidentType, type IncidentView } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { useCurrentUser } from '../../app/session';
import { formatTimeRange } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormProblems } from '../../ui/FormProblems';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { useResource } from '../../ui/useResource';
import { technicianApi } from '../technicianApi';
import { IncidentTypeSelect } from './IncidentTypeSelect';
import { FormActions } from '../../ui/FormActions';
import { logRejection } from '../../ui/logRejection';

/** A fault is tied to the meeting it interrupts: one running around now. */
const AROUND_NOW_MS = 12 * 3_600_000;

/** Opens an incident by hand: which site, what kind of fault, what is wrong, and during which meeting. */
export function NewIncidentDialog({ onOpened, onClose }: { onOpened: (incident: IncidentView) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { sites } = useDirectory();
  // The bridge keeps a site technician to their own site.
  const choices = user.role === 'site-technician' ? sites.filter((site) => site.id === user.siteId) : sites;
  const [siteId, setSiteId] = useState(choices[0]?.id ?? 0);
  const [meetingId, setMeetingId] = useState('');
  const [type, setType] = useState<IncidentType>('transmission');
  const [summary, setSummary] = useState('');
  const meetings = useResource(() => {
    const now = Date.now();
    return api.meetings.list({ from: new Date(now - AROUND_NOW_MS).toISOString(), to: new Date(now + AROUND_NOW_MS).toISOString(), siteId });
  }, [siteId]);
  const form = useFormSubmit(IncidentInput, async (input) => onOpened(await technicianApi.incidents.open(input)));

  return (
    <Dialog title={t('technician.incidents.newTitle')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({ siteId, meetingId: meetingId || null, type, summary }).catch(logRejection);
        }}
      >
        <Field label={t('technician.incidents.site')} error={form.errors.siteId}>
          <select name="siteId" value={siteId} onChange={(event) => setSiteId(Number(event.target.value))}>
            {choices.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('technician.incidents.meeting')} hint={t('common.optional')}>
          <select name="meetingId" value={meetingId} onChange={(event) => setMeetingId(event.target.value)}>
            <option value="">{t('common.none')}</option>
            {meetings.data
              ?.filter((meeting) => meeting.status === 'live' || meeting.status === 'prepared' || meeting.status === 'approved')
              .map((meeting) => (
                <option key={meeting.id} value={meeting.id}>
                  {meeting.title} — {formatTimeRange(meeting.startsAt, meeting.endsAt)}
                </option>
              ))}
          </select>
        </Field>
        <IncidentTypeSelect value={type} onChange={setType} />
        <Field label={t('technician.incidents.summary')} hint={t('technician.incidents.summaryHint')} error={form.errors.summary}>
          <textarea name="summary" value={summary} aria-invalid={form.errors.summary ? true : undefined} onChange={(event) => setSummary(event.target.value)} />
        </Field>
        <FormProblems errors={form.errors} error={form.error} />
        <FormActions submitLabel={t('technician.incidents.openSubmit')} busy={form.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
