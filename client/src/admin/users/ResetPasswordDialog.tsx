import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserPatch, type UserView } from '@diemcau/shared';
import { api } from '../../app/api';
import { FormDialog } from '../../ui/FormDialog';
import { Notice } from '../../ui/Notice';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { generatePassword } from './generatePassword';
import { PasswordField } from './PasswordField';

export function ResetPasswordDialog({ user, onSaved, onClose }: { user: UserView; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState(generatePassword);
  const form = useFormSubmit(UserPatch, (patch) => api.users.update(user.id, patch));
  return (
    <FormDialog
      title={t('users.resetTitle', { name: user.displayName })}
      form={form}
      submitLabel={t('users.resetPassword')}
      onSubmit={() => form.submit({ password })}
      onSaved={onSaved}
      onClose={onClose}
    >
      <Notice tone="info">{t('users.resetExplain')}</Notice>
      <PasswordField value={password} onChange={setPassword} error={form.errors.password} />
    </FormDialog>
  );
}
