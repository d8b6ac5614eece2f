import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UserInput, type Role } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormProblems } from '../../ui/FormProblems';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { RoleField } from './RoleField';
import { generatePassword } from './generatePassword';
import { PasswordField } from './PasswordField';
import { FormActions } from '../../ui/FormActions';
import { NamedSelect } from '../../ui/NamedSelect';
import { logRejection } from '../../ui/logRejection';

export function NewUserDialog({ onSaved, onClose }: { onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { units, sites } = useDirectory();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('organizer');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [siteId, setSiteId] = useState<number | null>(null);
  const [password, setPassword] = useState(generatePassword);
  const form = useFormSubmit(UserInput, (input) => api.users.create(input));
  // Only site technicians are bound to a site (Art. 12.2); for other roles the choice is hidden and cleared.
  const boundToSite = role === 'site-technician';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({ username, displayName, role, unitId, siteId: boundToSite ? siteId : null, password }).then((done) => done && onSaved()).catch(logRejection);
  };

  return (
    <Dialog title={t('users.addTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="form-row">
          <Field label={t('users.displayName')} error={form.errors.displayName}>
            <input name="displayName" value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
          </Field>
          <Field label={t('users.username')} hint={t('users.usernameHint')} error={form.errors.username}>
            <input name="username" autoCapitalize="none" value={username} onChange={(event) => setUsername(event.target.value)} />
          </Field>
        </div>
        <RoleField value={role} onChange={setRole} error={form.errors.role} />
        <div className="form-row">
          <Field label={t('users.unit')} hint={t('common.optional')} error={form.errors.unitId}>
            <NamedSelect name="unitId" value={unitId} options={units} placeholder={t('common.none')} onChange={setUnitId} />
          </Field>
          {boundToSite && (
            <Field label={t('users.site')} error={form.errors.siteId}>
              <NamedSelect name="siteId" value={siteId} options={sites} placeholder={t('common.choose')} onChange={setSiteId} />
            </Field>
          )}
        </div>
        <PasswordField value={password} onChange={setPassword} error={form.errors.password} />
        <FormProblems errors={form.errors} error={form.error} />
        <FormActions submitLabel={t('users.create')} busy={form.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
