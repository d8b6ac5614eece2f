import { useTranslation } from 'react-i18next';
import type { MeetingView, SiteView } from '@diemcau/shared';
import { zonedInstant } from '../i18n';
import { MeetingChip } from './MeetingChip';

/** Office hours are always shown; the window widens to take in earlier or later meetings. */
const FIRST_HOUR = 7;
const LAST_HOUR = 18;

interface Placed {
  meeting: MeetingView;
  from: number;
  to: number;
  lane: number;
}

/** Minutes since local midnight of `day`, clipped to the day. */
function placeInDay(meetings: MeetingView[], day: string): Omit<Placed, 'lane'>[] {
  const midnight = Date.parse(zonedInstant(day, '00:00'));
  const minutes = (instant: string) => Math.min(24 * 60, Math.max(0, (Date.parse(instant) - midnight) / 60_000));
  return meetings.map((meeting) => ({ meeting, from: minutes(meeting.startsAt), to: minutes(meeting.endsAt) })).filter((placed) => placed.to > placed.from);
}

/** Meetings of one row that overlap in time go on separate lanes, first come first placed. */
function assignLanes(items: Omit<Placed, 'lane'>[]): Placed[] {
  const laneEnds: number[] = [];
  return [...items]
    .sort((a, b) => a.from - b.from)
    .map((item) => {
      let lane = laneEnds.findIndex((end) => end <= item.from);
      if (lane === -1) lane = laneEnds.length;
      laneEnds[lane] = item.to;
      return { ...item, lane };
    });
}

/** One day, sites down and hours across, each meeting a bar as long as it lasts. */
export function DayTimeline({ day, sites, meetings, onOpen }: { day: string; sites: SiteView[]; meetings: MeetingView[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const placed = placeInDay(meetings, day);
  const firstHour = Math.min(FIRST_HOUR, ...placed.map((item) => Math.floor(item.from / 60)));
  const lastHour = Math.max(LAST_HOUR, ...placed.map((item) => Math.ceil(item.to / 60)));
  const span = (lastHour - firstHour) * 60;
  const hours = Array.from({ length: lastHour - firstHour }, (_, index) => firstHour + index);
  const percent = (minutes: number) => `${((minutes - firstHour * 60) / span) * 100}%`;

  return (
    <div className="day-timeline" role="table" aria-label={t('calendar.dayView')}>
      <div className="timeline-row timeline-head" role="row">
        <div className="grid-corner" role="columnheader">
          {t('calendar.site')}
        </div>
        <div className="timeline-track" role="columnheader">
          {hours.map((hour) => (
            <span key={hour} className="timeline-hour" style={{ left: percent(hour * 60) }}>
              {String(hour).padStart(2, '0')}:00
            </span>
          ))}
        </div>
      </div>
      {sites.map((site) => {
        const rows = assignLanes(placed.filter((item) => item.meeting.siteIds.includes(site.id)));
        const lanes = Math.max(1, ...rows.map((item) => item.lane + 1));
        return (
          <div key={site.id} className="timeline-row" role="row" data-site-id={site.id}>
            <div className="grid-site" role="rowheader">
              {site.name}
              {site.kind === 'chair' && <span className="site-chair-tag">{t('siteKinds.chair')}</span>}
            </div>
            <div className="timeline-track" role="cell" style={{ height: `${lanes * 3.6 + 0.4}rem` }}>
              {hours.map((hour) => (
                <span key={hour} className="timeline-line" style={{ left: percent(hour * 60) }} />
              ))}
              {rows.map(({ meeting, from, to, lane }) => (
                <MeetingChip
                  key={meeting.id}
                  meeting={meeting}
                  onOpen={onOpen}
                  style={{
                    position: 'absolute',
                    left: percent(from),
                    width: `calc(${((to - from) / span) * 100}% - 2px)`,
                    top: `${lane * 3.6 + 0.2}rem`,
                    height: '3.4rem',
                  }}
                />
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
