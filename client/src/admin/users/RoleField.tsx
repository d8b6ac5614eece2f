import { useTranslation } from 'react-i18next';
import { Role } from '@diemcau/shared';
import { Field } from '../../ui/Field';

/** The role of an account, with what the chosen role may do written under it. */
export function RoleField({ value, onChange, error }: { value: Role; onChange: (role: Role) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Field label={t('users.role')} hint={t(`roleDescriptions.${value}`)} error={error}>
      <select name="role" value={value} onChange={(event) => onChange(event.target.value as Role)}>
        {Role.options.map((option) => (
          <option key={option} value={option}>
            {t(`roles.${option}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}
