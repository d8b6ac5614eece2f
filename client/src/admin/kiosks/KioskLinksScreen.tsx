import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskLink, SiteView } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { DataTable } from '../../ui/DataTable';
import { PAGE_SIZE } from '../../ui/tableRows';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useAction } from '../../ui/useAction';
import '../admin.css';
import { CopyableLink } from './CopyableLink';
import { logRejection } from '../../ui/logRejection';

/** Each room's kiosk link: the only credential a room PC holds, so replacing or revoking it is explained first. */
export function KioskLinksScreen() {
  const { t } = useTranslation();
  const { sites } = useDirectory();
  return (
    <>
      <ScreenHeading title={t('kiosks.title')} intro={t('kiosks.intro')} />
      <DataTable
        columns={[
          { key: 'name', header: t('sites.name'), sortBy: (site) => site.name },
          { key: 'state', header: t('kiosks.state'), sortBy: (site) => (site.kioskRevoked ? 1 : 0) },
          { key: 'link', header: t('kiosks.link') },
        ]}
        rows={sites}
        rowKey={(site) => site.id}
        renderRow={(site) => <KioskLinkRow site={site} />}
        empty={t('kiosks.empty')}
        pageSize={PAGE_SIZE}
      />
    </>
  );
}

function KioskLinkRow({ site }: { site: SiteView }) {
  const { t } = useTranslation();
  const { reload } = useDirectory();
  const [link, setLink] = useState<KioskLink>();
  const [confirming, setConfirming] = useState<'rotate' | 'revoke'>();
  const show = useAction();
  const revoked = link?.revoked ?? site.kioskRevoked;

  const change = async (action: 'rotate' | 'revoke') => {
    setLink(await (action === 'rotate' ? api.sites.rotateKioskLink(site.id) : api.sites.revokeKioskLink(site.id)));
    reload();
  };

  return (
    <tr data-site-code={site.code}>
      <td>
        <strong>{site.name}</strong>
      </td>
      <td>{revoked ? <span className="badge badge-danger">{t('kiosks.revoked')}</span> : <span className="badge badge-ok">{t('kiosks.valid')}</span>}</td>
      <td>
        <div className="actions">
          {!revoked && !link && (
            <button
              type="button"
              className="btn btn-small"
              disabled={show.busy}
              onClick={() => void show.run(async () => setLink(await api.sites.kioskLink(site.id))).catch(logRejection)}
            >
              {t('kiosks.show')}
            </button>
          )}
          <button type="button" className="btn btn-small" onClick={() => setConfirming('rotate')}>
            {revoked ? t('kiosks.restore') : t('kiosks.rotate')}
          </button>
          {!revoked && (
            <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirming('revoke')}>
              {t('kiosks.revoke')}
            </button>
          )}
        </div>
        <ErrorNotice error={show.error} />
        {link && !link.revoked && <CopyableLink url={link.url} />}
        {confirming && (
          <ConfirmDialog
            title={t(`kiosks.${confirming}Title`, { site: site.name })}
            confirmLabel={t(confirming === 'rotate' ? (revoked ? 'kiosks.restore' : 'kiosks.rotate') : 'kiosks.revoke')}
            danger
            onConfirm={() => change(confirming)}
            onClose={() => setConfirming(undefined)}
          >
            <Notice tone="warning">
              <p>{t(`kiosks.${confirming}Warning`)}</p>
            </Notice>
            <p>{t(`kiosks.${confirming}Next`)}</p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
