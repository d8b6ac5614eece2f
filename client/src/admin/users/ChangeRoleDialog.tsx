import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserPatch, type Role, type UserView } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { Field } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { NamedSelect } from '../../ui/NamedSelect';
import { Notice } from '../../ui/Notice';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { RoleField } from './RoleField';

/** A new role for an account; the server ends the user's sessions so the old role's rights go at once. */
export function ChangeRoleDialog({ user, onSaved, onClose }: { user: UserView; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { sites } = useDirectory();
  const [role, setRole] = useState<Role>(user.role);
  const [siteId, setSiteId] = useState<number | null>(user.siteId);
  const form = useFormSubmit(UserPatch, (patch) => api.users.update(user.id, patch));
  // Only site technicians are bound to a site (Art. 12.2); the binding is cleared for other roles.
  const boundToSite = role === 'site-technician';

  const submit = () => {
    if (role !== user.role || siteId !== user.siteId) return form.submit({ role, siteId: boundToSite ? siteId : null });
    onClose();
    return Promise.resolve(false);
  };

  return (
    <FormDialog
      title={t('users.roleTitle', { name: user.displayName })}
      form={form}
      submitLabel={t('users.saveRole')}
      onSubmit={submit}
      onSaved={onSaved}
      onClose={onClose}
    >
      <Notice tone="info">{t('users.roleExplain')}</Notice>
      <RoleField value={role} onChange={setRole} error={form.errors.role} />
      {boundToSite && (
        <Field label={t('users.site')} error={form.errors.siteId}>
          <NamedSelect name="siteId" value={siteId} options={sites} placeholder={t('common.choose')} onChange={setSiteId} />
        </Field>
      )}
    </FormDialog>
  );
}
