import { useTranslation } from 'react-i18next';
import { IncidentType } from '@diemcau/shared';
import { Field } from '../../ui/Field';

export function IncidentTypeSelect({ value, onChange }: { value: IncidentType; onChange: (type: IncidentType) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('technician.incidents.type')}>
      <select name="type" value={value} onChange={(event) => onChange(IncidentType.parse(event.target.value))}>
        {IncidentType.options.map((type) => (
          <option key={type} value={type}>
            {t(`technician.incidents.types.${type}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}
