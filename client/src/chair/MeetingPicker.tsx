import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import { formatTimeRange } from '../i18n';
import { ErrorNotice } from '../ui/Notice';
import { useResource } from '../ui/useResource';

/** A live meeting may have started long ago or run late; this window catches any meeting live now. */
const SEARCH_DAYS = 30;
const DAY_MS = 86_400_000;

/** The meetings live now, to pick the one to drive. */
export function MeetingPicker({ autoPick, onPick }: { autoPick: boolean; onPick: (meetingId: string) => void }) {
  const { t } = useTranslation();
  const live = useResource(() => {
    const now = Date.now();
    return api.meetings.list({
      from: new Date(now - SEARCH_DAYS * DAY_MS).toISOString(),
      to: new Date(now + SEARCH_DAYS * DAY_MS).toISOString(),
      status: 'live',
    });
  }, []);
  const only = live.data?.length === 1 ? live.data[0] : undefined;
  useEffect(() => {
    if (autoPick && only) onPick(only.id);
  }, [autoPick, only, onPick]);

  return (
    <main className="chair-message">
      <h1>{t('chair.pickMeeting')}</h1>
      <ErrorNotice error={live.error} />
      {live.loading && <p className="muted">{t('chair.loadingMeetings')}</p>}
      {live.data?.length === 0 && <p>{t('chair.noLiveMeeting')}</p>}
      <ul className="meeting-choices">
        {live.data?.map((meeting) => (
          <li key={meeting.id}>
            <button type="button" className="btn btn-large meeting-choice" onClick={() => onPick(meeting.id)}>
              <span className="meeting-choice-title">{meeting.title}</span>
              <span className="meeting-choice-time">{formatTimeRange(meeting.startsAt, meeting.endsAt)}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn" onClick={live.reload}>
        {t('chair.refresh')}
      </button>
    </main>
  );
}
