import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectory } from '../../app/directory';
import { useCurrentUser } from '../../app/session';
import { DataTable } from '../../ui/DataTable';
import { PAGE_SIZE } from '../../ui/tableRows';
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
      <DataTable
        columns={[
          {
            key: 'name',
            header: t('sites.name'),
            cell: (site) => (
              <>
                <strong>{site.name}</strong>
                <br />
                <span className="muted">{t(`siteKinds.${site.kind}`)}</span>
              </>
            ),
            sortBy: (site) => site.name,
          },
          { key: 'unit', header: t('sites.unit'), cell: (site) => unitName(site.unitId), sortBy: (site) => unitName(site.unitId) },
          { key: 'room', header: t('sites.room'), cell: (site) => site.room || <span className="muted">—</span>, sortBy: (site) => site.room || undefined },
          {
            key: 'onDuty',
            header: t('sites.onDuty'),
            cell: (site) => {
              const onDuty = site.contacts.filter((contact) => contact.onDuty);
              return onDuty.length > 0 ? (
                onDuty.map((contact) => `${contact.name} (${contact.phone})`).join(', ')
              ) : (
                <span className="badge badge-danger">{t('sites.nobodyOnDuty')}</span>
              );
            },
          },
          {
            key: 'actions',
            header: t('common.actions'),
            hiddenHeader: true,
            cell: (site) => (
              <button type="button" className="btn btn-small" onClick={() => setOpen(site.id)}>
                {manages || mayEditContacts(user, site.id) ? t('common.edit') : t('common.view')}
              </button>
            ),
          },
        ]}
        rows={sites}
        rowKey={(site) => site.id}
        rowAttributes={(site) => ({ 'data-site-code': site.code })}
        empty={t('sites.empty')}
        pageSize={PAGE_SIZE}
      />
      {open !== undefined && <SiteDialog site={open === 'new' ? undefined : sites.find((site) => site.id === open)} onClose={() => setOpen(undefined)} />}
    </>
  );
}
