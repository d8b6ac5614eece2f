import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitInput, UnitKind, UnitPatch, type UnitView } from '@diemcau/shared';
import { api } from '../../app/api';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormProblems } from '../../ui/FormProblems';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { FormActions } from '../../ui/FormActions';
import { logRejection } from '../../ui/logRejection';

/** Adds a unit, or renames / re-kinds one; a unit's code is fixed once created. */
export function UnitDialog({ unit, onSaved, onClose }: { unit?: UnitView; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState<UnitKind>(unit?.kind ?? 'department');
  const create = useFormSubmit(UnitInput, (input) => api.units.create(input));
  const edit = useFormSubmit(UnitPatch, (patch) => api.units.update(unit!.id, patch));
  const form = unit ? edit : create;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(unit ? { name, kind } : { code, name, kind }).then((done) => done && onSaved()).catch(logRejection);
  };

  return (
    <Dialog title={unit ? t('units.editTitle') : t('units.addTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label={t('units.name')} error={form.errors.name}>
          <input name="name" value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
        <Field label={t('units.kind')} error={form.errors.kind}>
          <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as UnitKind)}>
            {UnitKind.options.map((option) => (
              <option key={option} value={option}>
                {t(`unitKinds.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        {!unit && (
          <Field label={t('units.code')} hint={t('units.codeHint')} error={form.errors.code}>
            <input name="code" autoCapitalize="none" value={code} onChange={(event) => setCode(event.target.value)} />
          </Field>
        )}
        <FormProblems errors={form.errors} error={form.error} />
        <FormActions submitLabel={t('common.save')} busy={form.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
