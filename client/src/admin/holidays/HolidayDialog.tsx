import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarDay, CalendarDayKind, CalendarOccasion } from '@diemcau/shared';
import { api } from '../../app/api';
import { Field } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { OptionSelect } from '../../ui/OptionSelect';
import { useFormSubmit } from '../../ui/useFormSubmit';

/** Records a day off or a make-up working day; an existing day keeps its date. */
export function HolidayDialog({ day, onSaved, onClose }: { day?: CalendarDay | undefined; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(day?.date ?? '');
  const [kind, setKind] = useState<CalendarDayKind>(day?.kind ?? 'day-off');
  const [occasion, setOccasion] = useState<CalendarOccasion>(day?.occasion ?? 'other');
  const [note, setNote] = useState(day?.note ?? '');
  const form = useFormSubmit(CalendarDay, (input) => api.holidays.set(input));

  return (
    <FormDialog
      title={day ? t('holidays.editTitle') : t('holidays.addTitle')}
      form={form}
      submitLabel={t('common.save')}
      onSubmit={() => form.submit({ date, kind, occasion, note })}
      onSaved={onSaved}
      onClose={onClose}
    >
      <div className="form-row">
        <Field label={t('holidays.date')} error={form.errors.date}>
          <input name="date" type="date" value={date} disabled={day !== undefined} onChange={(event) => setDate(event.target.value)} />
        </Field>
        <Field label={t('holidays.kind')} hint={t(`holidays.kindHints.${kind}`)} error={form.errors.kind}>
          <OptionSelect name="kind" value={kind} options={CalendarDayKind.options} label={(option) => t(`holidays.kinds.${option}`)} onChange={setKind} />
        </Field>
      </div>
      <Field label={t('holidays.occasion')} error={form.errors.occasion}>
        <OptionSelect
          name="occasion"
          value={occasion}
          options={CalendarOccasion.options}
          label={(option) => t(`holidays.occasions.${option}`)}
          onChange={setOccasion}
        />
      </Field>
      <Field label={t('holidays.note')} hint={t('common.optional')} error={form.errors.note}>
        <input name="note" value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
    </FormDialog>
  );
}
