import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentView } from '@diemcau/shared';
import { useDirectory } from '../../app/directory';
import { useCurrentUser } from '../../app/session';
import { formatShortDateTime } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { PAGE_SIZE } from '../../ui/tableRows';
import { useResource } from '../../ui/useResource';
import { mayHandleIncidents } from '../access';
import { technicianApi } from '../technicianApi';
import { durationText } from '../timeText';
import '../technician.css';
import { IncidentDialog } from './IncidentDialog';
import { incidentSummary } from './incidentText';
import { NewIncidentDialog } from './NewIncidentDialog';

type Filter = 'open' | 'closed' | 'all';
const FILTERS: readonly Filter[] = ['open', 'closed', 'all'];
/** Incidents open by themselves when a site drops out; the list keeps up without a reload. */
const REFRESH_MS = 15_000;

/**
 * The incident log (Art. 7.1.d, 8.2): faults at the sites, opened by the bridge when a site drops
 * out or by hand, annotated while they are handled, and closed with their resolution and downtime.
 * Site technicians see their own site's; the bridge sees all (the server filters).
 */
export function IncidentsScreen() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [filter, setFilter] = useState<Filter>('open');
  const [opened, setOpened] = useState<IncidentView | 'new'>();
  const incidents = useResource(() => technicianApi.incidents.list(filter === 'all' ? {} : { open: filter === 'open' }), [filter]);
  const { reload } = incidents;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <>
      <ScreenHeading title={t('technician.incidents.title')} intro={t('technician.incidents.intro')}>
        {mayHandleIncidents(user) && (
          <button type="button" className="btn btn-primary" onClick={() => setOpened('new')}>
            {t('technician.incidents.openByHand')}
          </button>
        )}
      </ScreenHeading>
      <div className="segmented incident-filter" role="group" aria-label={t('technician.incidents.filter')}>
        {FILTERS.map((option) => (
          <button key={option} type="button" aria-pressed={filter === option} onClick={() => setFilter(option)}>
            {t(`technician.incidents.filters.${option}`)}
          </button>
        ))}
      </div>
      <ErrorNotice error={incidents.error} />
      <IncidentTable incidents={incidents.data} empty={t(`technician.incidents.empty.${filter}`)} onOpen={setOpened} />
      {opened === 'new' && (
        <NewIncidentDialog
          onOpened={(incident) => {
            reload();
            setOpened(incident);
          }}
          onClose={() => setOpened(undefined)}
        />
      )}
      {opened && opened !== 'new' && (
        <IncidentDialog
          incident={opened}
          onChanged={(incident) => {
            reload();
            setOpened(incident);
          }}
          onClose={() => setOpened(undefined)}
        />
      )}
    </>
  );
}

function IncidentTable({ incidents, empty, onOpen }: { incidents: IncidentView[] | undefined; empty: string; onOpen: (incident: IncidentView) => void }) {
  const { t } = useTranslation();
  const { siteName } = useDirectory();
  return (
    <DataTable
      className="incident-table"
      columns={[
        { key: 'site', header: t('technician.incidents.site'), cell: (incident) => siteName(incident.siteId), sortBy: (incident) => siteName(incident.siteId) },
        {
          key: 'type',
          header: t('technician.incidents.type'),
          cell: (incident) => (
            <>
              {t(`technician.incidents.types.${incident.type}`)}
              {incident.automatic && (
                <>
                  <br />
                  <span className="badge">{t('technician.incidents.automatic')}</span>
                </>
              )}
            </>
          ),
          sortBy: (incident) => t(`technician.incidents.types.${incident.type}`),
        },
        { key: 'summary', header: t('technician.incidents.summary'), cell: (incident) => incidentSummary(incident, t) },
        {
          key: 'openedAt',
          header: t('technician.incidents.openedAt'),
          className: 'nowrap',
          cell: (incident) => formatShortDateTime(incident.openedAt),
          sortBy: (incident) => incident.openedAt,
        },
        {
          key: 'closedAt',
          header: t('technician.incidents.closedAt'),
          className: 'nowrap',
          cell: (incident) =>
            incident.closedAt ? formatShortDateTime(incident.closedAt) : <span className="badge badge-danger">{t('technician.incidents.stillOpen')}</span>,
          sortBy: (incident) => incident.closedAt,
        },
        {
          key: 'downtime',
          header: t('technician.incidents.downtime'),
          className: 'nowrap',
          cellTestId: 'downtime',
          cell: (incident) => (incident.downtimeSeconds === null ? '—' : durationText(incident.downtimeSeconds, t)),
          sortBy: (incident) => incident.downtimeSeconds,
        },
        { key: 'handledBy', header: t('technician.incidents.handledBy'), cell: (incident) => incident.handledBy || <span className="muted">—</span> },
        {
          key: 'actions',
          header: t('common.actions'),
          hiddenHeader: true,
          cell: (incident) => (
            <button type="button" className="btn btn-small" onClick={() => onOpen(incident)}>
              {t(incident.closedAt ? 'common.view' : 'technician.incidents.handle')}
            </button>
          ),
        },
      ]}
      rows={incidents}
      rowKey={(incident) => incident.id}
      rowAttributes={(incident) => ({ 'data-incident-id': incident.id, 'data-open': incident.closedAt === null })}
      empty={empty}
      pageSize={PAGE_SIZE}
    />
  );
}
