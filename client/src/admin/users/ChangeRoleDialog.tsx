import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UserPatch, type Role, type UserView } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { FormProblems } from '../../ui/FormProblems';
import { NamedSelect } from '../../ui/NamedSelect';
import { Notice } from '../../ui/Notice';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { RoleField } from './RoleField';
import { logRejection } from '../../ui/logRejection';

/** A new role for an account; the server ends the user's sessions so the old role's rights go at once. */
export function ChangeRoleDialog({ user, onSaved, onClose }: { user: UserView; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { sites } = useDirectory();
  const [role, setRole] = useState<Role>(user.role);
  const [siteId, setSiteId] = useState<number | null>(user.siteId);
  const form = useFormSubmit(UserPatch, (patch) => api.users.update(user.id, patch));
  // Only site technicians are bound to a site (Art. 12.2); the binding is cleared for other roles.
  const boundToSite = role === 'site-technician';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (role === user.role && siteId === user.siteId) return onClose();
    void form.submit({ role, siteId: boundToSite ? siteId : null }).then((done) => done && onSaved()).catch(logRejection);
  };

  return (
    <Dialog title={t('users.roleTitle', { name: user.displayName })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Notice tone="info">{t('users.roleExplain')}</Notice>
        <RoleField value={role} onChange={setRole} error={form.errors.role} />
        {boundToSite && (
          <Field label={t('users.site')} error={form.errors.siteId}>
            <NamedSelect name="siteId" value={siteId} options={sites} placeholder={t('common.choose')} onChange={setSiteId} />
          </Field>
        )}
        <FormProblems errors={form.errors} error={form.error} />
        <FormActions submitLabel={t('users.saveRole')} busy={form.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
