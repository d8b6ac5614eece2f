import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactInput, type SiteView } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { Check, Field } from '../../ui/Field';
import { FormProblems } from '../../ui/FormProblems';
import { ErrorNotice } from '../../ui/Notice';
import { useAction } from '../../ui/useAction';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { logRejection } from '../../ui/logRejection';

/** Art. 12.2: the staff who operate the site's equipment, and how to reach them. */
export function ContactsEditor({ site, editable }: { site: SiteView; editable: boolean }) {
  const { t } = useTranslation();
  const { reload } = useDirectory();
  const remove = useAction();
  return (
    <section className="contacts">
      <h3>{t('contacts.title')}</h3>
      {site.contacts.length === 0 && <p className="muted">{t('contacts.none')}</p>}
      <ul className="contact-list">
        {site.contacts.map((contact) => (
          <li key={contact.id}>
            <span>
              <strong>{contact.name}</strong> — {contact.phone}
              {contact.email && ` — ${contact.email}`}
              {contact.onDuty && <span className="badge badge-ok contact-duty">{t('contacts.onDuty')}</span>}
            </span>
            {editable && (
              <button
                type="button"
                className="btn btn-small btn-danger"
                disabled={remove.busy}
                onClick={() =>
                  void remove
                    .run(() => api.sites.removeContact(site.id, contact.id))
                    .then((done) => done && reload())
                    .catch(logRejection)
                }
              >
                {t('common.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorNotice error={remove.error} />
      {editable && <AddContactForm siteId={site.id} onAdded={reload} />}
    </section>
  );
}

function AddContactForm({ siteId, onAdded }: { siteId: number; onAdded: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [onDuty, setOnDuty] = useState(true);
  const form = useFormSubmit(ContactInput, (input) => api.sites.addContact(siteId, input));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form
      .submit({ name, phone, email: email.trim() || null, onDuty })
      .then((done) => {
        if (!done) return;
        setName('');
        setPhone('');
        setEmail('');
        onAdded();
      })
      .catch(logRejection);
  };

  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('contacts.add')}</h3>
      <div className="form-row">
        <Field label={t('contacts.name')} error={form.errors.name}>
          <input name="contactName" value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
        <Field label={t('contacts.phone')} error={form.errors.phone}>
          <input name="contactPhone" type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} />
        </Field>
      </div>
      <Field label={t('contacts.email')} hint={t('common.optional')} error={form.errors.email}>
        <input name="contactEmail" type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
      </Field>
      <Check checked={onDuty} onChange={setOnDuty}>
        {t('contacts.onDutyLabel')}
      </Check>
      <FormProblems errors={form.errors} error={form.error} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {t('contacts.addButton')}
        </button>
      </div>
    </form>
  );
}
