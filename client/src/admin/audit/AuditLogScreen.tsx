import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AuditEntry } from '../../app/api';
import { Link } from '../../app/Link';
import { formatShortDateTime } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useAction } from '../../ui/useAction';
import { useResource } from '../../ui/useResource';
import '../admin.css';
import { useEntityLabel } from './entityLabel';
import { logRejection } from '../../ui/logRejection';

const PAGE = 50;
const ENTITY_TYPES = ['meeting', 'user', 'site', 'unit', 'calendar-day'] as const;

/** Art. 14: who did what and when, with the record before and after, for reviews and sanctions. */
export function AuditLogScreen() {
  const { t } = useTranslation();
  const [entityType, setEntityType] = useState('');
  return (
    <>
      <ScreenHeading title={t('audit.title')} intro={t('audit.intro')} />
      <label className="audit-filter">
        <span>{t('audit.filter')}</span>
        <select value={entityType} onChange={(event) => setEntityType(event.target.value)}>
          <option value="">{t('audit.everything')}</option>
          {ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`audit.entities.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <AuditTable key={entityType} entityType={entityType || undefined} />
    </>
  );
}

function AuditTable({ entityType }: { entityType: string | undefined }) {
  const { t } = useTranslation();
  const first = useResource(() => api.audit.list({ entityType, limit: PAGE }), [entityType]);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [exhausted, setExhausted] = useState(false);
  const more = useAction();
  const entries = [...(first.data ?? []), ...older];
  const loadMore = () =>
    void more
      .run(async () => {
        const page = await api.audit.list({ entityType, limit: PAGE, beforeId: entries[entries.length - 1]?.id });
        setOlder((previous) => [...previous, ...page]);
        setExhausted(page.length < PAGE);
      })
      .catch(logRejection);

  return (
    <>
      <ErrorNotice error={first.error} />
      <DataTable
        columns={[
          { key: 'at', header: t('audit.at') },
          { key: 'actor', header: t('audit.actor') },
          { key: 'action', header: t('audit.action') },
          { key: 'entity', header: t('audit.entity') },
          { key: 'changes', header: t('audit.changes') },
        ]}
        rows={first.data && entries}
        rowKey={(entry) => entry.id}
        renderRow={(entry) => <AuditRow entry={entry} />}
        empty={t('audit.empty')}
      />
      <ErrorNotice error={more.error} />
      {first.data && first.data.length === PAGE && !exhausted && (
        <button type="button" className="btn" disabled={more.busy} onClick={loadMore}>
          {t('audit.more')}
        </button>
      )}
    </>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const entityLabel = useEntityLabel();
  const [kind, name] = entry.actor.split(/:(.*)/s);
  const actor = kind === 'user' ? name : t([`audit.actors.${kind}.${name}`, `audit.actors.${kind}.other`, 'audit.actors.other'], { name });
  return (
    <tr data-action={entry.action}>
      <td className="nowrap">{formatShortDateTime(entry.at)}</td>
      <td>{actor}</td>
      <td>{t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}</td>
      <td>
        {t(`audit.entities.${entry.entityType}`, { defaultValue: entry.entityType })}: {entityLabel(entry)}
        {entry.entityType === 'meeting' && (
          <>
            {' '}
            <Link to={`/calendar?meeting=${encodeURIComponent(entry.entityId)}`}>{t('audit.openMeeting')}</Link>
          </>
        )}
      </td>
      <td>
        {(entry.before !== null || entry.after !== null) && (
          <details>
            <summary>{t('audit.showChanges')}</summary>
            <div className="audit-changes">
              <div>
                <h4>{t('audit.before')}</h4>
                <pre>{entry.before === null ? '—' : JSON.stringify(entry.before, null, 2)}</pre>
              </div>
              <div>
                <h4>{t('audit.after')}</h4>
                <pre>{entry.after === null ? '—' : JSON.stringify(entry.after, null, 2)}</pre>
              </div>
            </div>
          </details>
        )}
      </td>
    </tr>
  );
}
