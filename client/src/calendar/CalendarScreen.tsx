import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from '@diemcau/shared';
import { api } from '../app/api';
import { useDirectory } from '../app/directory';
import { Link } from '../app/Link';
import { can } from '../app/permissions';
import { navigate, useLocation } from '../app/router';
import { useCurrentUser } from '../app/session';
import { formatDate, localDate, zonedInstant } from '../i18n';
import { Check } from '../ui/Field';
import { ErrorNotice, Notice } from '../ui/Notice';
import { ScreenHeading } from '../ui/ScreenHeading';
import { useResource } from '../ui/useResource';
import './calendar.css';
import { addDays, daysFrom, isDate, mondayOf, today } from './dates';
import { DayTimeline } from './DayTimeline';
import { Legend } from './Legend';
import { MeetingDetails } from './MeetingDetails';
import { WeekGrid } from './WeekGrid';

type View = 'week' | 'day';

/** Refused, withdrawn and pre-empted meetings hold nothing; they are hidden unless asked for. */
const CLOSED: readonly MeetingStatus[] = ['rejected', 'cancelled', 'preempted'];

/**
 * The bridge's one calendar (Art. 10), room by room. `?date=` and `?meeting=` in the address open a
 * given day or meeting, which is how notifications and the request form link here.
 */
export function CalendarScreen() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { sites } = useDirectory();
  const { query } = useLocation();
  const [view, setView] = useState<View>(query.get('view') === 'day' ? 'day' : 'week');
  const [anchor, setAnchor] = useState(isDate(query.get('date')) ? query.get('date')! : today());
  const [siteId, setSiteId] = useState<number>();
  const [showClosed, setShowClosed] = useState(false);
  const openMeetingId = query.get('meeting');

  // A linked meeting is shown on its own day.
  useEffect(() => {
    if (!openMeetingId) return;
    let current = true;
    api.meetings.get(openMeetingId).then(
      (meeting) => current && setAnchor(localDate(meeting.startsAt)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [openMeetingId]);

  const days = view === 'week' ? daysFrom(mondayOf(anchor), 7) : [anchor];
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const meetings = useResource(
    () => api.meetings.list({ from: zonedInstant(first, '00:00'), to: zonedInstant(addDays(last, 1), '00:00'), siteId }),
    [first, last, siteId],
  );
  const shown = (meetings.data ?? []).filter((meeting) => showClosed || !CLOSED.includes(meeting.status));
  const rows = siteId === undefined ? sites : sites.filter((site) => site.id === siteId);
  const step = view === 'week' ? 7 : 1;

  const openMeeting = (id: string) => navigate(`/calendar?${new URLSearchParams({ meeting: id, date: anchor })}`);
  const closeMeeting = () => navigate(`/calendar?${new URLSearchParams({ date: anchor })}`, { replace: true });

  return (
    <div className="calendar-screen">
      <ScreenHeading title={t('calendar.title')}>
        {can(user, 'meeting:request') && (
          <Link to="/request" className="btn btn-primary">
            {t('calendar.newRequest')}
          </Link>
        )}
      </ScreenHeading>
      <div className="calendar-toolbar">
        <div className="segmented" role="group" aria-label={t('calendar.viewChoice')}>
          {(['week', 'day'] as const).map((option) => (
            <button key={option} type="button" aria-pressed={view === option} onClick={() => setView(option)}>
              {t(`calendar.${option}`)}
            </button>
          ))}
        </div>
        <div className="actions">
          <button type="button" className="btn btn-small" onClick={() => setAnchor(addDays(anchor, -step))}>
            ‹ {t(`calendar.previous.${view}`)}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setAnchor(today())}>
            {t('calendar.today')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setAnchor(addDays(anchor, step))}>
            {t(`calendar.next.${view}`)} ›
          </button>
        </div>
        <p className="calendar-range" aria-live="polite" data-testid="calendar-range">
          {view === 'week' ? t('calendar.weekRange', { from: formatDate(first), to: formatDate(last) }) : formatDate(first)}
        </p>
        <label className="calendar-filter">
          <span>{t('calendar.siteFilter')}</span>
          <select value={siteId ?? ''} onChange={(event) => setSiteId(event.target.value ? Number(event.target.value) : undefined)}>
            <option value="">{t('calendar.allSites')}</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </label>
        <Check checked={showClosed} onChange={setShowClosed}>
          {t('calendar.showClosed')}
        </Check>
      </div>
      <Legend showClosed={showClosed} />
      <ErrorNotice error={meetings.error} />
      {meetings.data && shown.length === 0 && <Notice tone="info">{t(`calendar.empty.${view}`)}</Notice>}
      <div className="calendar-body" aria-busy={meetings.loading}>
        {view === 'week' ? (
          <WeekGrid
            days={days}
            today={today()}
            sites={rows}
            meetings={shown}
            onOpen={openMeeting}
            onOpenDay={(day) => {
              setAnchor(day);
              setView('day');
            }}
          />
        ) : (
          <DayTimeline day={anchor} sites={rows} meetings={shown} onOpen={openMeeting} />
        )}
      </div>
      {openMeetingId && <MeetingDetails meetingId={openMeetingId} onClose={closeMeeting} onChanged={meetings.reload} />}
    </div>
  );
}
