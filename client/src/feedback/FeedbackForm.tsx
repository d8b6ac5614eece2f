import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FeedbackCategory, type FeedbackView } from '@diemcau/shared';
import { api } from '../app/api';
import { Field } from '../ui/Field';
import { NamedSelect } from '../ui/NamedSelect';
import { OptionSelect } from '../ui/OptionSelect';
import { ErrorNotice, Notice } from '../ui/Notice';
import { useAction } from '../ui/useAction';
import { logRejection } from '../ui/logRejection';

/**
 * Feedback or a proposal to the Department (Art. 12.3, 15.3). The screen lets
 * the writer name a site and meeting; the kiosk's technician mode fixes its own site.
 */
export function FeedbackForm({
  site,
  meeting,
  sites = [],
  meetings = [],
  onSent,
}: {
  site?: number;
  /** The meeting the kiosk is in or preparing for, named on the writer's behalf. */
  meeting?: string | null;
  sites?: ReadonlyArray<{ id: number; name: string }>;
  meetings?: ReadonlyArray<{ id: string; title: string }>;
  onSent?: (feedback: FeedbackView) => void;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<FeedbackCategory>('line');
  const [text, setText] = useState('');
  const [siteId, setSiteId] = useState<number | null>(site ?? null);
  const [meetingId, setMeetingId] = useState<string | null>(meeting ?? null);
  const [sent, setSent] = useState(false);
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action
      .run(async () => {
        const created = await api.feedback.submit({ category, text, siteId, meetingId });
        setText('');
        setSent(true);
        onSent?.(created);
      })
      .catch(logRejection);
  };

  return (
    <form className="feedback-form" onSubmit={submit} aria-label={t('records.feedback.new')}>
      <Field label={t('records.feedback.category')}>
        <OptionSelect
          name="category"
          value={category}
          options={FeedbackCategory.options}
          label={(option) => t(`records.feedback.categories.${option}`)}
          onChange={setCategory}
        />
      </Field>
      {site === undefined && sites.length > 0 && (
        <Field label={t('records.feedback.site')}>
          <NamedSelect name="siteId" value={siteId} options={sites} placeholder={t('records.feedback.none')} onChange={setSiteId} />
        </Field>
      )}
      {meetings.length > 0 && (
        <Field label={t('records.feedback.meeting')}>
          <select name="meetingId" value={meetingId ?? ''} onChange={(event) => setMeetingId(event.target.value || null)}>
            <option value="">{t('records.feedback.none')}</option>
            {meetings.map((option) => (
              <option key={option.id} value={option.id}>
                {option.title}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t('records.feedback.text')}>
        <textarea name="text" rows={4} required minLength={3} maxLength={4000} value={text} onChange={(event) => setText(event.target.value)} />
      </Field>
      <ErrorNotice error={action.error} />
      {sent && !action.error && <Notice tone="ok">{t('records.feedback.sent')}</Notice>}
      <button type="submit" className="btn btn-primary" disabled={action.busy || text.trim().length < 3}>
        {t('records.feedback.send')}
      </button>
    </form>
  );
}
