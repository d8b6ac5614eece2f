import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarDay, CalendarDayKind, CalendarOccasion } from '@diemcau/shared';
import { api } from '../../app/api';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { FormProblems } from '../../ui/FormProblems';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { logRejection } from '../../ui/logRejection';

/** Records a day off or a make-up working day; an existing day keeps its date. */
export function HolidayDialog({ day, onSaved, onClose }: { day?: CalendarDay | undefined; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(day?.date ?? '');
  const [kind, setKind] = useState<CalendarDayKind>(day?.kind ?? 'day-off');
  const [occasion, setOccasion] = useState<CalendarOccasion>(day?.occasion ?? 'other');
  const [note, setNote] = useState(day?.note ?? '');
  const form = useFormSubmit(CalendarDay, (input) => api.holidays.set(input));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({ date, kind, occasion, note }).then((done) => done && onSaved()).catch(logRejection);
  };

  return (
    <Dialog title={day ? t('holidays.editTitle') : t('holidays.addTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="form-row">
          <Field label={t('holidays.date')} error={form.errors.date}>
            <input name="date" type="date" value={date} disabled={day !== undefined} onChange={(event) => setDate(event.target.value)} />
          </Field>
          <Field label={t('holidays.kind')} hint={t(`holidays.kindHints.${kind}`)} error={form.errors.kind}>
            <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as CalendarDayKind)}>
              {CalendarDayKind.options.map((option) => (
                <option key={option} value={option}>
                  {t(`holidays.kinds.${option}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label={t('holidays.occasion')} error={form.errors.occasion}>
          <select name="occasion" value={occasion} onChange={(event) => setOccasion(event.target.value as CalendarOccasion)}>
            {CalendarOccasion.options.map((option) => (
              <option key={option} value={option}>
                {t(`holidays.occasions.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('holidays.note')} hint={t('common.optional')} error={form.errors.note}>
          <input name="note" value={note} onChange={(event) => setNote(event.target.value)} />
        </Field>
        <FormProblems errors={form.errors} error={form.error} />
        <FormActions submitLabel={t('common.save')} busy={form.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
