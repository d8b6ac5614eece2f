import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SiteInput, SiteKind, SitePatch, type SiteView } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { useCurrentUser } from '../../app/session';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormProblems } from '../../ui/FormProblems';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { mayEditContacts, mayManageDirectory } from '../access';
import { ContactsEditor } from './ContactsEditor';
import { NamedSelect } from '../../ui/NamedSelect';
import { OptionSelect } from '../../ui/OptionSelect';
import { logRejection } from '../../ui/logRejection';

/** A site's details (editable by admins) and its on-duty contacts (admins and the site's technicians). */
export function SiteDialog({ site, onClose }: { site?: SiteView; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { unitName } = useDirectory();
  return (
    <Dialog title={site ? site.name : t('sites.addTitle')} onClose={onClose}>
      {mayManageDirectory(user) ? (
        <SiteForm site={site} onSaved={site ? undefined : onClose} />
      ) : (
        site && (
          <dl className="details-list">
            <dt>{t('sites.unit')}</dt>
            <dd>{unitName(site.unitId)}</dd>
            <dt>{t('sites.room')}</dt>
            <dd>{site.room || '—'}</dd>
            <dt>{t('sites.equipment')}</dt>
            <dd>{site.equipment.join(', ') || '—'}</dd>
          </dl>
        )
      )}
      {site && <ContactsEditor site={site} editable={mayEditContacts(user, site.id)} />}
    </Dialog>
  );
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function SiteForm({ site, onSaved }: { site?: SiteView; onSaved?: () => void }) {
  const { t } = useTranslation();
  const { units, reload } = useDirectory();
  const [code, setCode] = useState(site?.code ?? '');
  const [name, setName] = useState(site?.name ?? '');
  const [kind, setKind] = useState<SiteKind>(site?.kind ?? 'endpoint');
  const [unitId, setUnitId] = useState<number | null>(site?.unitId ?? null);
  const [room, setRoom] = useState(site?.room ?? '');
  const [equipment, setEquipment] = useState(site?.equipment.join('\n') ?? '');
  const [saved, setSaved] = useState(false);
  const create = useFormSubmit(SiteInput, (input) => api.sites.create(input));
  const edit = useFormSubmit(SitePatch, (patch) => api.sites.update(site!.id, patch));
  const form = site ? edit : create;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { name, kind, unitId, room, equipment: linesOf(equipment) };
    setSaved(false);
    form
      .submit(site ? fields : { code, ...fields })
      .then((done) => {
        if (!done) return;
        reload();
        setSaved(true);
        onSaved?.();
      })
      .catch(logRejection);
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="form-row">
        <Field label={t('sites.name')} error={form.errors.name}>
          <input name="name" value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
        {!site && (
          <Field label={t('sites.code')} hint={t('sites.codeHint')} error={form.errors.code}>
            <input name="code" autoCapitalize="none" value={code} onChange={(event) => setCode(event.target.value)} />
          </Field>
        )}
      </div>
      <div className="form-row">
        <Field label={t('sites.kind')} error={form.errors.kind}>
          <OptionSelect name="kind" value={kind} options={SiteKind.options} label={(option) => t(`siteKinds.${option}`)} onChange={setKind} />
        </Field>
        <Field label={t('sites.unit')} error={form.errors.unitId}>
          <NamedSelect name="unitId" value={unitId} options={units} placeholder={t('common.choose')} onChange={setUnitId} />
        </Field>
      </div>
      <Field label={t('sites.room')} hint={t('sites.roomHint')} error={form.errors.room}>
        <input name="room" value={room} onChange={(event) => setRoom(event.target.value)} />
      </Field>
      <Field label={t('sites.equipment')} hint={t('sites.equipmentHint')} error={form.errors.equipment}>
        <textarea name="equipment" value={equipment} onChange={(event) => setEquipment(event.target.value)} />
      </Field>
      <FormProblems errors={form.errors} error={form.error} />
      {saved && <p className="badge badge-ok">{t('common.saved')}</p>}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
