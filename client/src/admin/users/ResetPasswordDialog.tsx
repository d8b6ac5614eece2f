import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UserPatch, type UserView } from '@diemcau/shared';
import { api } from '../../app/api';
import { Dialog } from '../../ui/Dialog';
import { FormProblems } from '../../ui/FormProblems';
import { Notice } from '../../ui/Notice';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { generatePassword } from './generatePassword';
import { PasswordField } from './PasswordField';
import { FormActions } from '../../ui/FormActions';
import { logRejection } from '../../ui/logRejection';

export function ResetPasswordDialog({ user, onSaved, onClose }: { user: UserView; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState(generatePassword);
  const form = useFormSubmit(UserPatch, (patch) => api.users.update(user.id, patch));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({ password }).then((done) => done && onSaved()).catch(logRejection);
  };
  return (
    <Dialog title={t('users.resetTitle', { name: user.displayName })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Notice tone="info">{t('users.resetExplain')}</Notice>
        <PasswordField value={password} onChange={setPassword} error={form.errors.password} />
        <FormProblems errors={form.errors} error={form.error} />
        <FormActions submitLabel={t('users.resetPassword')} busy={form.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
