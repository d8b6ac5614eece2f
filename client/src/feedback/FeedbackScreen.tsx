import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, FeedbackRecipient, type FeedbackView } from '@diemcau/shared';
import { api } from '../app/api';
import { useDirectory } from '../app/directory';
import { useCurrentUser } from '../app/session';
import { formatShortDateTime } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { ErrorNotice } from '../ui/Notice';
import { ScreenHeading } from '../ui/ScreenHeading';
import { PAGE_SIZE } from '../ui/tableRows';
import { useAction } from '../ui/useAction';
import { useResource } from '../ui/useResource';
import { FeedbackForm } from './FeedbackForm';
import { logRejection } from '../ui/logRejection';
import '../reports/reports.css';

const statusTone = { open: 'badge-warning', answered: 'badge-ok', forwarded: '', closed: '' } as const;
const MONTH_MS = 30 * 86_400_000;

/**
 * Feedback and proposals (Art. 12.3, 15.3): a unit writes and follows its own;
 * the Department answers, forwards and closes; the Office and the telecom
 * provider see what was forwarded to them.
 */
export function FeedbackScreen() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { sites } = useDirectory();
  const list = useResource(() => api.feedback.list(), []);
  const recent = useResource(() => api.meetings.list({ from: new Date(Date.now() - MONTH_MS).toISOString(), to: new Date().toISOString() }), []);
  const ownSites = user.role === 'site-technician' ? sites.filter((site) => site.id === user.siteId) : sites;
  return (
    <>
      <ScreenHeading title={t('records.feedback.title')} intro={t('records.feedback.intro')} />
      {can(user, 'feedback:write') && user.unitId !== null && (
        <section className="panel">
          <h2>{t('records.feedback.new')}</h2>
          <FeedbackForm sites={ownSites} meetings={recent.data ?? []} onSent={list.reload} />
        </section>
      )}
      <ErrorNotice error={list.error} />
      <DataTable
        testId="feedback-table"
        columns={[
          { key: 'submittedBy', header: t('records.feedback.submittedBy'), sortBy: (item) => item.submittedAt },
          { key: 'category', header: t('records.feedback.category'), sortBy: (item) => t(`records.feedback.categories.${item.category}`) },
          { key: 'text', header: t('records.feedback.text') },
          { key: 'status', header: t('records.feedback.status'), sortBy: (item) => t(`records.feedback.statuses.${item.status}`) },
          { key: 'answer', header: t('records.feedback.answer') },
        ]}
        rows={list.data}
        rowKey={(item) => item.id}
        renderRow={(item) => <FeedbackRow item={item} handles={can(user, 'feedback:handle')} onChanged={list.reload} />}
        empty={t('records.feedback.empty')}
        pageSize={PAGE_SIZE}
      />
    </>
  );
}

function FeedbackRow({ item, handles, onChanged }: { item: FeedbackView; handles: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { unitName, siteName } = useDirectory();
  const [note, setNote] = useState('');
  const [to, setTo] = useState<FeedbackRecipient>('telecom');
  const action = useAction();
  const act = (work: () => Promise<unknown>) =>
    void action
      .run(work)
      .then((done) => {
        if (done) {
          setNote('');
          onChanged();
        }
      })
      .catch(logRejection);
  return (
    <tr data-feedback-id={item.id} data-status={item.status}>
      <td>
        {unitName(item.unitId)}
        <br />
        <span className="muted">
          {item.submittedBy}, {formatShortDateTime(item.submittedAt)}
        </span>
      </td>
      <td>
        {t(`records.feedback.categories.${item.category}`)}
        {item.siteId !== null && (
          <>
            <br />
            <span className="muted">{siteName(item.siteId)}</span>
          </>
        )}
      </td>
      <td>{item.text}</td>
      <td>
        <span className={`badge ${statusTone[item.status]}`}>{t(`records.feedback.statuses.${item.status}`)}</span>
        {item.forwardedTo && (
          <>
            <br />
            <span className="muted">{t(`records.feedback.recipients.${item.forwardedTo}`)}</span>
          </>
        )}
      </td>
      <td>
        {item.answer ?? <span className="muted">—</span>}
        {handles && item.status !== 'closed' && (
          <div className="feedback-handling">
            <textarea
              aria-label={t('records.feedback.answer')}
              rows={2}
              placeholder={t('records.feedback.answerPlaceholder')}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
            <div className="actions">
              <button
                type="button"
                className="btn btn-small btn-primary"
                disabled={action.busy || note.trim().length < 3}
                onClick={() => act(() => api.feedback.answer(item.id, note))}
              >
                {t('records.feedback.answerAction')}
              </button>
              <select aria-label={t('records.feedback.forwardTo')} value={to} onChange={(event) => setTo(FeedbackRecipient.parse(event.target.value))}>
                {FeedbackRecipient.options.map((option) => (
                  <option key={option} value={option}>
                    {t(`records.feedback.recipients.${option}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn btn-small"
                disabled={action.busy || note.trim().length < 3}
                onClick={() => act(() => api.feedback.forward(item.id, to, note))}
              >
                {t('records.feedback.forwardAction')}
              </button>
              <button type="button" className="btn btn-small" disabled={action.busy} onClick={() => act(() => api.feedback.close(item.id))}>
                {t('records.feedback.closeAction')}
              </button>
            </div>
            <ErrorNotice error={action.error} />
          </div>
        )}
      </td>
    </tr>
  );
}
