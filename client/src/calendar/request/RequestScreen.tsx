import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Slot, type MeetingView } from '@diemcau/shared';
import { api } from '../../app/api';
import { useDirectory } from '../../app/directory';
import { Link } from '../../app/Link';
import { navigate, useLocation } from '../../app/router';
import { useCurrentUser } from '../../app/session';
import { formatTimeRange } from '../../i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useResource } from '../../ui/useResource';
import { MeetingBadges } from '../MeetingBadges';
import '../calendar.css';
import './request.css';
import { RequestForm } from './RequestForm';
import { draftFromMeeting, newDraft } from './requestDraft';

/**
 * The booking request. `?copy=<meeting>&startsAt=…&endsAt=…` starts from an earlier meeting at a
 * new time: the link a pre-emption notice offers for each free slot.
 */
export function RequestScreen() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { sites } = useDirectory();
  const { query } = useLocation();
  const copyId = query.get('copy');
  const slot = Slot.safeParse({ startsAt: query.get('startsAt'), endsAt: query.get('endsAt') });
  const source = useResource(() => (copyId ? api.meetings.get(copyId) : Promise.resolve(undefined)), [copyId]);
  const [created, setCreated] = useState<MeetingView>();

  const another = () => {
    setCreated(undefined);
    navigate('/request');
  };
  if (created) return <RequestSent meeting={created} onAnother={another} />;
  if (copyId && !source.data && !source.error) return <p className="muted">{t('common.loading')}</p>;
  const initial = source.data && slot.success ? draftFromMeeting(source.data, slot.data, user, sites) : newDraft(user, sites);
  return (
    <>
      <ScreenHeading title={t('request.heading')} intro={t('request.intro')} />
      <ErrorNotice error={source.error} />
      <RequestForm key={copyId ?? 'new'} initial={initial} onCreated={setCreated} />
    </>
  );
}

function RequestSent({ meeting, onAnother }: { meeting: MeetingView; onAnother: () => void }) {
  const { t } = useTranslation();
  const approved = meeting.status === 'approved';
  return (
    <div className="panel request-sent" data-testid="request-sent">
      <Notice tone="ok" title={t(approved ? 'request.sentApproved' : 'request.sent')}>
        <p>
          <strong>{meeting.title}</strong> — {formatTimeRange(meeting.startsAt, meeting.endsAt)}
        </p>
      </Notice>
      <MeetingBadges meeting={meeting} />
      {!approved && <p>{t('request.sentNext')}</p>}
      {meeting.kind === 'departmental' && !approved && <Notice tone="info">{t('request.invitationReminder')}</Notice>}
      <div className="actions">
        <Link to={`/calendar?meeting=${encodeURIComponent(meeting.id)}`} className="btn btn-primary">
          {t('request.showOnCalendar')}
        </Link>
        <button type="button" className="btn" onClick={onAnother}>
          {t('request.another')}
        </button>
      </div>
    </div>
  );
}
