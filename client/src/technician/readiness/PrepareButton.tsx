import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@diemcau/shared';
import { ApiError } from '../../app/api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/Notice';
import { useAction } from '../../ui/useAction';
import { technicianApi, type ReadinessSite } from '../technicianApi';
import { isReady } from './readinessState';
import { logRejection } from '../../ui/logRejection';

/** The sites the bridge named as not ready when it refused to mark the meeting prepared. */
function unreadyNamedBy(error: unknown): number[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'invalid-state') return undefined;
  const ids = (error.details as { unreadySiteIds?: unknown } | undefined)?.unreadySiteIds;
  return Array.isArray(ids) ? ids.map(Number) : undefined;
}

/**
 * The Office marks a meeting prepared (Art. 6.4). When some sites have not passed their check it
 * may still do so, with a written reason that the audit log keeps.
 */
export function PrepareButton({ meeting, sites, onPrepared }: { meeting: MeetingView; sites: ReadinessSite[]; onPrepared: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [unreadyIds, setUnreadyIds] = useState<number[]>();

  const prepare = async () => {
    const unready = sites.filter((site) => !isReady(site.readiness)).map((site) => site.siteId);
    if (unready.length > 0) return setUnreadyIds(unready);
    await action.run(async () => {
      try {
        await technicianApi.prepare(meeting.id);
        onPrepared();
      } catch (error) {
        // The board was behind: a site's check went stale or failed meanwhile; offer the override.
        const named = unreadyNamedBy(error);
        if (!named) throw error;
        setUnreadyIds(named);
      }
    });
  };
  const siteName = (id: number) => sites.find((site) => site.siteId === id)?.name ?? String(id);

  return (
    <>
      <button type="button" className="btn btn-primary" disabled={action.busy} onClick={() => void prepare().catch(logRejection)}>
        {t('technician.readiness.markPrepared')}
      </button>
      <ErrorNotice error={action.error} />
      {unreadyIds && (
        <ConfirmDialog
          title={t('technician.readiness.override.title')}
          confirmLabel={t('technician.readiness.override.confirm')}
          danger
          reasonLabel={t('technician.readiness.override.reason')}
          onConfirm={async (reason) => {
            await technicianApi.prepare(meeting.id, reason);
            onPrepared();
          }}
          onClose={() => setUnreadyIds(undefined)}
        >
          <p>{t('technician.readiness.override.body', { title: meeting.title })}</p>
          <ul data-testid="unready-sites">
            {unreadyIds.map((id) => (
              <li key={id}>{siteName(id)}</li>
            ))}
          </ul>
          <p className="muted">{t('technician.readiness.override.audited')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
