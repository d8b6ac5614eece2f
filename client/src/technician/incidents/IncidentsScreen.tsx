import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentView } from '@diemcau/shared';
import { useDirectory } from '../../app/directory';
import { useCurrentUser } from '../../app/session';
import { formatShortDateTime } from '../../i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { ScreenHeading } from '../../ui/ScreenHeading';
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
      {incidents.data && incidents.data.length === 0 && <Notice tone="info">{t(`technician.incidents.empty.${filter}`)}</Notice>}
      {incidents.data && incidents.data.length > 0 && <IncidentTable incidents={incidents.data} onOpen={setOpened} />}
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

function IncidentTable({ incidents, onOpen }: { incidents: IncidentView[]; onOpen: (incident: IncidentView) => void }) {
  const { t } = useTranslation();
  const { siteName } = useDirectory();
  return (
    <div className="table-wrap">
      <table className="table incident-table">
        <thead>
          <tr>
            <th>{t('technician.incidents.site')}</th>
            <th>{t('technician.incidents.type')}</th>
            <th>{t('technician.incidents.summary')}</th>
            <th>{t('technician.incidents.openedAt')}</th>
            <th>{t('technician.incidents.closedAt')}</th>
            <th>{t('technician.incidents.downtime')}</th>
            <th>{t('technician.incidents.handledBy')}</th>
            <th aria-label={t('common.actions')} />
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id} data-incident-id={incident.id} data-open={incident.closedAt === null}>
              <td>{siteName(incident.siteId)}</td>
              <td>
                {t(`technician.incidents.types.${incident.type}`)}
                {incident.automatic && (
                  <>
                    <br />
                    <span className="badge">{t('technician.incidents.automatic')}</span>
                  </>
                )}
              </td>
              <td>{incidentSummary(incident, t)}</td>
              <td className="nowrap">{formatShortDateTime(incident.openedAt)}</td>
              <td className="nowrap">
                {incident.closedAt ? formatShortDateTime(incident.closedAt) : <span className="badge badge-danger">{t('technician.incidents.stillOpen')}</span>}
              </td>
              <td className="nowrap" data-testid="downtime">
                {incident.downtimeSeconds === null ? '—' : durationText(incident.downtimeSeconds, t)}
              </td>
              <td>{incident.handledBy || <span className="muted">—</span>}</td>
              <td>
                <button type="button" className="btn btn-small" onClick={() => onOpen(incident)}>
                  {t(incident.closedAt ? 'common.view' : 'technician.incidents.handle')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
