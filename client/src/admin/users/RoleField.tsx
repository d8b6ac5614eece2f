import { useTranslation } from 'react-i18next';
import { Role } from '@diemcau/shared';
import { Field } from '../../ui/Field';
import { OptionSelect } from '../../ui/OptionSelect';

/** The role of an account, with what the chosen role may do written under it. */
export function RoleField({ value, onChange, error }: { value: Role; onChange: (role: Role) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Field label={t('users.role')} hint={t(`roleDescriptions.${value}`)} error={error}>
      <OptionSelect name="role" value={value} options={Role.options} label={(option) => t(`roles.${option}`)} onChange={onChange} />
    </Field>
  );
}
