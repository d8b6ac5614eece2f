import { useTranslation } from 'react-i18next';
import type { MeetingView, SiteView } from '@diemcau/shared';
import { formatDayHeading, zonedInstant } from '../i18n';
import { addDays } from './dates';
import { MeetingChip } from './MeetingChip';

interface WeekGridProps {
  days: string[];
  today: string;
  sites: SiteView[];
  meetings: MeetingView[];
  onOpen: (meetingId: string) => void;
  onOpenDay: (day: string) => void;
}

const overlapsDay = (meeting: MeetingView, day: string) =>
  Date.parse(meeting.startsAt) < Date.parse(zonedInstant(addDays(day, 1), '00:00')) && Date.parse(meeting.endsAt) > Date.parse(zonedInstant(day, '00:00'));

/** Sites down, days across: each room's bookings of the week at a glance. */
export function WeekGrid({ days, today, sites, meetings, onOpen, onOpenDay }: WeekGridProps) {
  const { t } = useTranslation();
  return (
    <div
      className="week-grid"
      role="table"
      aria-label={t('calendar.weekView')}
      style={{ gridTemplateColumns: `minmax(11rem, 14rem) repeat(${days.length}, minmax(8.5rem, 1fr))` }}
    >
      <div role="row" className="grid-row">
        <div className="grid-corner" role="columnheader">
          {t('calendar.site')}
        </div>
        {days.map((day) => (
          <div key={day} role="columnheader" className="grid-day" data-today={day === today}>
            <button type="button" className="btn-link" onClick={() => onOpenDay(day)} title={t('calendar.openDay')}>
              {formatDayHeading(day)}
            </button>
          </div>
        ))}
      </div>
      {sites.map((site) => {
        const own = meetings.filter((meeting) => meeting.siteIds.includes(site.id));
        return (
          <div key={site.id} role="row" className="grid-row" data-site-id={site.id}>
            <div role="rowheader" className="grid-site">
              {site.name}
              {site.kind === 'chair' && <span className="site-chair-tag">{t('siteKinds.chair')}</span>}
            </div>
            {days.map((day) => (
              <div key={day} role="cell" className="grid-cell" data-today={day === today}>
                {own
                  .filter((meeting) => overlapsDay(meeting, day))
                  .map((meeting) => (
                    <MeetingChip key={meeting.id} meeting={meeting} onOpen={onOpen} />
                  ))}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
