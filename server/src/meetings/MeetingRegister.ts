import type { MeetingSummary } from '@diemcau/shared';
import { fromDbTime, toDbTime, type Database } from '../store/database';
import { siteFromRow, type Site } from '../sites/SiteDirectory';

export type MeetingStatus = 'approved' | 'live' | 'ended';

export interface Meeting {
  id: string;
  title: string;
  status: MeetingStatus;
  startsAt: Date;
  endsAt: Date | null;
}

interface MeetingRow {
  id: string;
  title: string;
  status: MeetingStatus;
  starts_at: string;
  ends_at: string | null;
}

const meetingFromRow = (row: MeetingRow): Meeting => ({
  id: row.id,
  title: row.title,
  status: row.status,
  startsAt: fromDbTime(row.starts_at),
  endsAt: row.ends_at === null ? null : fromDbTime(row.ends_at),
});

export const meetingSummary = (meeting: Meeting): MeetingSummary => ({
  id: meeting.id,
  title: meeting.title,
  startsAt: meeting.startsAt.toISOString(),
  endsAt: meeting.endsAt?.toISOString() ?? null,
});

/** Which meeting each site takes part in, now and next. */
export class MeetingRegister {
  constructor(private readonly db: Database) {}

  private meetingsOfSite(siteId: number) {
    return this.db<MeetingRow>('meetings')
      .select('meetings.*')
      .join('meeting_sites', 'meeting_sites.meeting_id', 'meetings.id')
      .where('meeting_sites.site_id', siteId);
  }

  async liveForSite(siteId: number): Promise<Meeting | undefined> {
    const row = await this.meetingsOfSite(siteId).where('meetings.status', 'live').first();
    return row && meetingFromRow(row);
  }

  async nextForSite(siteId: number, now: Date): Promise<Meeting | undefined> {
    const row = await this.meetingsOfSite(siteId)
      .where('meetings.status', 'approved')
      .where('meetings.starts_at', '>=', toDbTime(now))
      .orderBy('meetings.starts_at')
      .first();
    return row && meetingFromRow(row);
  }

  async sitesOf(meetingId: string): Promise<Site[]> {
    const rows = await this.db('sites')
      .select('sites.*')
      .join('meeting_sites', 'meeting_sites.site_id', 'sites.id')
      .where('meeting_sites.meeting_id', meetingId)
      .orderBy([{ column: 'sites.kind' }, { column: 'sites.name' }]);
    return rows.map(siteFromRow);
  }
}
