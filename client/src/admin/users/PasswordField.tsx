import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { generatePassword } from './generatePassword';

/** A password typed or generated, shown in clear so the admin can pass it on to the user. */
export function PasswordField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Field label={t('users.password')} hint={t('users.passwordHint')} error={error}>
      <span className="password-box">
        <input name="password" type="text" autoComplete="new-password" spellCheck={false} value={value} onChange={(event) => onChange(event.target.value)} />
        <button type="button" className="btn" onClick={() => onChange(generatePassword())}>
          {t('users.generate')}
        </button>
      </span>
    </Field>
  );
}
