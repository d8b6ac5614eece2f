import { useTranslation } from 'react-i18next';
import { IncidentType } from '@diemcau/shared';
import { Field } from '../../ui/Field';
import { OptionSelect } from '../../ui/OptionSelect';

export function IncidentTypeSelect({ value, onChange }: { value: IncidentType; onChange: (type: IncidentType) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('technician.incidents.type')}>
      <OptionSelect name="type" value={value} options={IncidentType.options} label={(type) => t(`technician.incidents.types.${type}`)} onChange={onChange} />
    </Field>
  );
}
