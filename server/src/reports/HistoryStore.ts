import { fromDbTime, toDbTime, type Database } from '../store/database';
import type { Measure } from './histogram';
import type { History, HistoryCheck, HistoryMeeting, PresenceRecord } from './history';

/** The chair first, then the sites by Vietnamese name: the same order whatever the database's collation. */
const sorted = (rows: Array<{ id: number; code: string; name: string; kind: string; unit_id: number }>) =>
  rows
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'vi'))
    .map((row) => ({ id: row.id, code: row.code, name: row.name, unitId: row.unit_id }));

const optionalTime = (value: string | null) => (value === null ? null : fromDbTime(value));

/** Loads the records the reports add up, for the meetings and events of a period; nothing else. */
export class HistoryStore {
  constructor(private readonly db: Database) {}

  async load(range: { start: Date; end: Date }): Promise<History> {
    const [start, end] = [toDbTime(range.start), toDbTime(range.end)];
    const meetings = await this.meetings((query) => {
      query.where('starts_at', '>=', start).andWhere('starts_at', '<', end);
    });
    const meetingIds = meetings.map((meeting) => meeting.id);
    const [units, sites, presence, incidents, checks, quality, feedback] = await Promise.all([
      this.db('units').select('id', 'name'),
      this.db('sites').select('id', 'code', 'name', 'kind', 'unit_id'),
      this.presence(meetingIds),
      this.db('incidents').where('opened_at', '>=', start).andWhere('opened_at', '<', end).select('site_id', 'opened_at', 'downtime_seconds'),
      this.checks((query) => {
        query.where('run_at', '>=', start).andWhere('run_at', '<', end);
      }),
      this.db('quality_aggregates').whereIn('meeting_id', meetingIds).select('meeting_id', 'site_id', 'measure', 'counts'),
      this.db('feedback').where('submitted_at', '>=', start).andWhere('submitted_at', '<', end).select('unit_id', 'category', 'status', 'submitted_at'),
    ]);
    return {
      units,
      sites: sorted(sites),
      meetings,
      presence,
      incidents: incidents.map((row) => ({ siteId: row.site_id, openedAt: fromDbTime(row.opened_at), downtimeSeconds: row.downtime_seconds })),
      checks,
      quality: quality.map((row) => ({ meetingId: row.meeting_id, siteId: row.site_id, measure: row.measure as Measure, counts: JSON.parse(row.counts) })),
      feedback: feedback.map((row) => ({ unitId: row.unit_id, category: row.category, status: row.status, submittedAt: fromDbTime(row.submitted_at) })),
    };
  }

  /** One meeting with what its roll call needs: its sites, their presence, and their checks up to its end. */
  async meeting(meetingId: string, checkValidMs: number) {
    const [meeting] = await this.meetings((query) => {
      query.where('id', meetingId);
    });
    if (!meeting) return undefined;
    const [sites, presence, checks] = await Promise.all([
      this.db('sites').whereIn('id', meeting.siteIds).select('id', 'code', 'name', 'kind', 'unit_id'),
      this.presence([meetingId]),
      this.checks((query) => {
        query.whereIn('site_id', meeting.siteIds).andWhere((where) => {
          where.where('meeting_id', meetingId).orWhere('run_at', '>=', toDbTime(new Date(meeting.startsAt.getTime() - checkValidMs)));
        });
      }),
    ]);
    return { meeting, sites: sorted(sites), presence, checks };
  }

  private async meetings(where: (query: ReturnType<Database>) => void): Promise<HistoryMeeting[]> {
    const query = this.db('meetings').select('id', 'title', 'kind', 'status', 'host_unit_id', 'starts_at', 'ends_at', 'opened_at', 'closed_at');
    where(query);
    const rows = await query.orderBy('starts_at');
    const links =
      rows.length === 0
        ? []
        : await this.db('meeting_sites').whereIn(
            'meeting_id',
            rows.map((row) => row.id),
          );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      status: row.status,
      hostUnitId: row.host_unit_id,
      startsAt: fromDbTime(row.starts_at),
      endsAt: fromDbTime(row.ends_at),
      openedAt: optionalTime(row.opened_at),
      closedAt: optionalTime(row.closed_at),
      siteIds: links.filter((link) => link.meeting_id === row.id).map((link) => link.site_id as number),
    }));
  }

  private async presence(meetingIds: readonly string[]): Promise<PresenceRecord[]> {
    if (meetingIds.length === 0) return [];
    const rows = await this.db('attendance').whereIn('meeting_id', meetingIds);
    return rows.map((row) => ({
      meetingId: row.meeting_id,
      siteId: row.site_id,
      firstJoinAt: fromDbTime(row.first_join_at),
      lastLeaveAt: optionalTime(row.last_leave_at),
      presentSeconds: row.present_seconds,
      reconnections: row.reconnections,
      onlineSince: optionalTime(row.online_since),
    }));
  }

  private async checks(where: (query: ReturnType<Database>) => void): Promise<HistoryCheck[]> {
    const query = this.db('site_checks').select('site_id', 'meeting_id', 'run_at', 'verdict');
    where(query);
    return (await query).map((row) => ({ siteId: row.site_id, meetingId: row.meeting_id, runAt: fromDbTime(row.run_at), verdict: row.verdict }));
  }
}
