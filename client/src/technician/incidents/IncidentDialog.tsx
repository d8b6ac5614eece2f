import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IncidentType, type IncidentView } from '@diemcau/shared';
import { useDirectory } from '../../app/directory';
import { useCurrentUser } from '../../app/session';
import { formatShortDateTime } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { useAction } from '../../ui/useAction';
import { mayHandleIncidents } from '../access';
import { technicianApi } from '../technicianApi';
import { durationText } from '../timeText';
import { incidentResolution, incidentSummary } from './incidentText';
import { IncidentTypeSelect } from './IncidentTypeSelect';
import { logRejection } from '../../ui/logRejection';

/** The bridge allows a resolution of at least this many characters. */
const RESOLUTION_MIN = 3;

/** One incident: its facts, the handling notes while it is open, and closing it with the resolution. */
export function IncidentDialog({ incident, onChanged, onClose }: { incident: IncidentView; onChanged: (incident: IncidentView) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { siteName } = useDirectory();
  const open = incident.closedAt === null;
  return (
    <Dialog title={t('technician.incidents.dialogTitle', { site: siteName(incident.siteId) })} onClose={onClose}>
      {!open && incident.downtimeSeconds !== null && (
        <Notice tone="ok" title={t('technician.incidents.closedNotice')}>
          <p data-testid="incident-downtime">{t('technician.incidents.downtimeWas', { duration: durationText(incident.downtimeSeconds, t) })}</p>
        </Notice>
      )}
      <IncidentFacts incident={incident} />
      {open && mayHandleIncidents(user) && <IncidentHandling key={incident.id} incident={incident} onChanged={onChanged} />}
    </Dialog>
  );
}

function IncidentFacts({ incident }: { incident: IncidentView }) {
  const { t } = useTranslation();
  const { siteName } = useDirectory();
  const openedBy = incident.openedBy.startsWith('user:') ? incident.openedBy.slice('user:'.length) : t('technician.incidents.openedBySystem');
  return (
    <dl className="details-list">
      <dt>{t('technician.incidents.site')}</dt>
      <dd>{siteName(incident.siteId)}</dd>
      <dt>{t('technician.incidents.type')}</dt>
      <dd>{t(`technician.incidents.types.${incident.type}`)}</dd>
      <dt>{t('technician.incidents.summary')}</dt>
      <dd>{incidentSummary(incident, t)}</dd>
      <dt>{t('technician.incidents.openedAt')}</dt>
      <dd>{formatShortDateTime(incident.openedAt)}</dd>
      <dt>{t('technician.incidents.openedBy')}</dt>
      <dd>{openedBy}</dd>
      {incident.closedAt && (
        <>
          <dt>{t('technician.incidents.closedAt')}</dt>
          <dd>{formatShortDateTime(incident.closedAt)}</dd>
          <dt>{t('technician.incidents.handledBy')}</dt>
          <dd>{incident.handledBy || '—'}</dd>
          <dt>{t('technician.incidents.actions')}</dt>
          <dd className="pre-line">{incident.actions || '—'}</dd>
          <dt>{t('technician.incidents.resolution')}</dt>
          <dd className="pre-line">{incidentResolution(incident, t) || '—'}</dd>
        </>
      )}
    </dl>
  );
}

function IncidentHandling({ incident, onChanged }: { incident: IncidentView; onChanged: (incident: IncidentView) => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [type, setType] = useState<IncidentType>(incident.type);
  const [handledBy, setHandledBy] = useState(incident.handledBy || user.displayName);
  const [actions, setActions] = useState(incident.actions);
  const [resolution, setResolution] = useState('');
  const [resolutionError, setResolutionError] = useState<string>();
  const action = useAction();
  const notes = () => technicianApi.incidents.update(incident.id, { type, handledBy, actions });

  const save = () => void action.run(async () => onChanged(await notes())).catch(logRejection);
  const close = () => {
    if (resolution.trim().length < RESOLUTION_MIN) return setResolutionError(t('technician.incidents.resolutionRequired', { min: RESOLUTION_MIN }));
    setResolutionError(undefined);
    // The notes go first, so what was typed is kept with the closed incident.
    void action
      .run(async () => {
        await notes();
        onChanged(await technicianApi.incidents.close(incident.id, resolution.trim()));
      })
      .catch(logRejection);
  };

  return (
    <>
      <section>
        <h3>{t('technician.incidents.handling')}</h3>
        <IncidentTypeSelect value={type} onChange={setType} />
        <Field label={t('technician.incidents.handledBy')}>
          <input name="handledBy" value={handledBy} onChange={(event) => setHandledBy(event.target.value)} />
        </Field>
        <Field label={t('technician.incidents.actions')} hint={t('technician.incidents.actionsHint')}>
          <textarea name="actions" value={actions} onChange={(event) => setActions(event.target.value)} />
        </Field>
        <div className="actions">
          <button type="button" className="btn" disabled={action.busy} onClick={save}>
            {t('technician.incidents.saveNotes')}
          </button>
        </div>
      </section>
      <section>
        <h3>{t('technician.incidents.closeHeading')}</h3>
        <Field label={t('technician.incidents.resolution')} error={resolutionError}>
          <textarea
            name="resolution"
            value={resolution}
            aria-invalid={resolutionError ? true : undefined}
            onChange={(event) => setResolution(event.target.value)}
          />
        </Field>
        <ErrorNotice error={action.error} />
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={action.busy} onClick={close}>
            {t('technician.incidents.close')}
          </button>
        </div>
      </section>
    </>
  );
}
