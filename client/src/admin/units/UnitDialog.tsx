import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitInput, UnitKind, UnitPatch, type UnitView } from '@diemcau/shared';
import { api } from '../../app/api';
import { Field } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { OptionSelect } from '../../ui/OptionSelect';
import { useFormSubmit } from '../../ui/useFormSubmit';

/** Adds a unit, or renames / re-kinds one; a unit's code is fixed once created. */
export function UnitDialog({ unit, onSaved, onClose }: { unit?: UnitView | undefined; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState<UnitKind>(unit?.kind ?? 'department');
  const create = useFormSubmit(UnitInput, (input) => api.units.create(input));
  const edit = useFormSubmit(UnitPatch, (patch) => api.units.update(unit!.id, patch));
  const form = unit ? edit : create;

  return (
    <FormDialog
      title={unit ? t('units.editTitle') : t('units.addTitle')}
      form={form}
      submitLabel={t('common.save')}
      onSubmit={() => form.submit(unit ? { name, kind } : { code, name, kind })}
      onSaved={onSaved}
      onClose={onClose}
    >
      <Field label={t('units.name')} error={form.errors.name}>
        <input name="name" value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label={t('units.kind')} error={form.errors.kind}>
        <OptionSelect name="kind" value={kind} options={UnitKind.options} label={(option) => t(`unitKinds.${option}`)} onChange={setKind} />
      </Field>
      {!unit && (
        <Field label={t('units.code')} hint={t('units.codeHint')} error={form.errors.code}>
          <input name="code" autoCapitalize="none" value={code} onChange={(event) => setCode(event.target.value)} />
        </Field>
      )}
    </FormDialog>
  );
}
