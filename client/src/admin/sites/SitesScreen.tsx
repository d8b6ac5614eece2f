import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectory } from '../../app/directory';
import { useCurrentUser } from '../../app/session';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { mayEditContacts, mayManageDirectory } from '../access';
import '../admin.css';
import { SiteDialog } from './SiteDialog';

/** Every room (site) of the bridge with its equipment and the staff on duty there. */
export function SitesScreen() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { sites, unitName } = useDirectory();
  const [open, setOpen] = useState<number | 'new'>();
  const manages = mayManageDirectory(user);
  return (
    <>
      <ScreenHeading title={t('sites.title')} intro={t(manages ? 'sites.intro' : 'sites.introTechnician')}>
        {manages && (
          <button type="button" className="btn btn-primary" onClick={() => setOpen('new')}>
            {t('sites.add')}
          </button>
        )}
      </ScreenHeading>
      <div className="admin-table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('sites.name')}</th>
              <th>{t('sites.unit')}</th>
              <th>{t('sites.room')}</th>
              <th>{t('sites.onDuty')}</th>
              <th aria-label={t('common.actions')} />
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => {
              const onDuty = site.contacts.filter((contact) => contact.onDuty);
              const editable = manages || mayEditContacts(user, site.id);
              return (
                <tr key={site.id} data-site-code={site.code}>
                  <td>
                    <strong>{site.name}</strong>
                    <br />
                    <span className="muted">{t(`siteKinds.${site.kind}`)}</span>
                  </td>
                  <td>{unitName(site.unitId)}</td>
                  <td>{site.room || <span className="muted">—</span>}</td>
                  <td>{onDuty.length > 0 ? onDuty.map((contact) => `${contact.name} (${contact.phone})`).join(', ') : <span className="badge badge-danger">{t('sites.nobodyOnDuty')}</span>}</td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => setOpen(site.id)}>
                      {editable ? t('common.edit') : t('common.view')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {open !== undefined && <SiteDialog site={open === 'new' ? undefined : sites.find((site) => site.id === open)} onClose={() => setOpen(undefined)} />}
    </>
  );
}
