import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { PreemptionReason, type MeetingKind, type MeetingStatus, type MeetingSummary, type MeetingView, type Page } from '@diemcau/shared';
import { fromDbTime, toDbTime, type Database } from '../store/database';
import { siteFromRow, type Site } from '../sites/SiteDirectory';
import { blockingStatuses, invitationBeforeApproval, type BookedMeeting, type BookingPolicy } from './rules';

type Executor = Knex.Transaction | Database;

interface MeetingRow {
  id: string;
  title: string;
  kind: MeetingKind;
  status: MeetingStatus;
  starts_at: string;
  ends_at: string;
  host_unit_id: number | null;
  chair_person: string;
  organizer_id: number | null;
  not_secret_attested: number | boolean;
  invitation_number: string | null;
  invitation_date: string | null;
  requested_at: string | null;
  approved_at: string | null;
  decision_reason: string | null;
  decision_code: string | null;
  decision_params: string | null;
}

export interface MeetingRecord extends BookedMeeting {
  hostUnitId: number | null;
  chairPerson: string;
  organizerId: number | null;
  attestsNotSecret: boolean;
  invitation: { number: string; date: string } | null;
  requestedAt: Date | null;
  decisionReason: string | null;
  preemption: PreemptionReason | null;
}

export interface NewMeeting {
  title: string;
  kind: MeetingKind;
  status: MeetingStatus;
  hostUnitId: number | null;
  chairPerson: string;
  organizerId: number | null;
  startsAt: Date;
  endsAt: Date;
  siteIds: readonly number[];
  attestsNotSecret: boolean;
  requestedAt: Date;
}

const optionalTime = (value: string | null) => (value === null ? null : fromDbTime(value));

/** A site's live meeting, if any, and its next booked one. */
export interface SiteMeetings {
  live?: MeetingRecord | undefined;
  next?: MeetingRecord | undefined;
}

export const meetingSummary = (meeting: Pick<MeetingRecord, 'id' | 'title' | 'startsAt' | 'endsAt'>): MeetingSummary => ({
  id: meeting.id,
  title: meeting.title,
  startsAt: meeting.startsAt.toISOString(),
  endsAt: meeting.endsAt.toISOString(),
});

export function meetingView(meeting: MeetingRecord, policy: BookingPolicy): MeetingView {
  return {
    id: meeting.id,
    title: meeting.title,
    kind: meeting.kind,
    status: meeting.status,
    hostUnitId: meeting.hostUnitId,
    chairPerson: meeting.chairPerson,
    organizerId: meeting.organizerId,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    siteIds: [...meeting.siteIds],
    attestsNotSecret: meeting.attestsNotSecret,
    invitation: meeting.invitation,
    invitationBeforeApproval: invitationBeforeApproval(
      { kind: meeting.kind, invitationDate: meeting.invitation?.date ?? null, approvedAt: meeting.approvedAt },
      policy,
    ),
    requestedAt: meeting.requestedAt?.toISOString() ?? null,
    approvedAt: meeting.approvedAt?.toISOString() ?? null,
    decisionReason: meeting.decisionReason,
    preemption: meeting.preemption,
  };
}

/** The columns that record a pre-emption's reason: a code and its parameters. */
export function preemptionColumns(reason: PreemptionReason): Pick<MeetingRow, 'decision_code' | 'decision_params'> {
  const { code, ...params } = reason;
  return { decision_code: code, decision_params: JSON.stringify(params) };
}

function preemptionOf(row: MeetingRow): PreemptionReason | null {
  if (row.decision_code === null) return null;
  const parsed = PreemptionReason.safeParse({ byMeetingId: null, byKind: null, ...JSON.parse(row.decision_params ?? '{}'), code: row.decision_code });
  return parsed.success ? parsed.data : null;
}

/** Storage of meetings and their sites; no rules here. */
export class MeetingRepository {
  constructor(private readonly db: Database) {}

  async byId(id: string, executor: Executor = this.db): Promise<MeetingRecord | undefined> {
    const [meeting] = await this.load(executor, (query) => {
      query.where('id', id);
    });
    return meeting;
  }

  /** Meetings overlapping [from, to), optionally only some statuses or one site's. */
  async overlapping(
    executor: Executor,
    range: { from: Date; to: Date },
    filter: { statuses?: readonly MeetingStatus[]; siteId?: number } = {},
    page?: Page,
  ): Promise<MeetingRecord[]> {
    return this.load(
      executor,
      (query) => {
        query.where('starts_at', '<', toDbTime(range.to)).andWhere('ends_at', '>', toDbTime(range.from));
        if (filter.statuses) query.whereIn('status', filter.statuses);
        if (filter.siteId !== undefined) {
          query.whereIn('id', (sub) => {
            sub.select('meeting_id').from('meeting_sites').where('site_id', filter.siteId!);
          });
        }
      },
      page,
    );
  }

  /** The committed calendar around a window: what a new booking must fit into. */
  blocking(executor: Executor, range: { from: Date; to: Date }): Promise<MeetingRecord[]> {
    return this.overlapping(executor, range, { statuses: blockingStatuses });
  }

  async withStatus(executor: Executor, statuses: readonly MeetingStatus[], page?: Page): Promise<MeetingRecord[]> {
    return this.load(
      executor,
      (query) => {
        query.whereIn('status', statuses);
      },
      page,
    );
  }

  async liveForSite(siteId: number): Promise<MeetingRecord | undefined> {
    const [meeting] = await this.load(this.db, (query) => {
      query.where('status', 'live').whereIn('id', (sub) => {
        sub.select('meeting_id').from('meeting_sites').where('site_id', siteId);
      });
    });
    return meeting;
  }

  /**
   * What each of these sites' kiosks should follow: its live meeting, or else its next booked one. A few
   * queries whatever the number of sites, so telling a province's kiosks of a change is one read, not one each.
   */
  async meetingsOfSites(siteIds: readonly number[], now: Date): Promise<Map<number, SiteMeetings>> {
    const bySite = new Map<number, SiteMeetings>(siteIds.map((siteId) => [siteId, {}]));
    if (siteIds.length === 0) return bySite;
    const linked = () => this.db('meeting_sites').join('meetings', 'meetings.id', 'meeting_sites.meeting_id').whereIn('meeting_sites.site_id', siteIds);
    const firstPerSite = (query: Knex.QueryBuilder) =>
      this.db
        .from(
          query
            .select(
              'meeting_sites.site_id',
              'meeting_sites.meeting_id',
              this.db.raw('row_number() over (partition by meeting_sites.site_id order by meetings.starts_at, meetings.id) as place'),
            )
            .as('ranked'),
        )
        .where('place', 1)
        .select('site_id', 'meeting_id');
    const [live, next] = await Promise.all([
      firstPerSite(linked().where('meetings.status', 'live')),
      firstPerSite(linked().whereIn('meetings.status', ['approved', 'prepared']).where('meetings.ends_at', '>', toDbTime(now))),
    ]);
    const ids = [...new Set([...live, ...next].map((row: { meeting_id: string }) => row.meeting_id))];
    const loaded = await this.load(this.db, (query) => {
      query.whereIn('id', ids);
    });
    const records = new Map(loaded.map((meeting) => [meeting.id, meeting]));
    for (const row of live as Array<{ site_id: number; meeting_id: string }>) bySite.get(row.site_id)!.live = records.get(row.meeting_id);
    for (const row of next as Array<{ site_id: number; meeting_id: string }>) bySite.get(row.site_id)!.next = records.get(row.meeting_id);
    return bySite;
  }

  async sitesOf(meetingId: string, executor: Executor = this.db): Promise<Site[]> {
    const rows = await executor('sites')
      .select('sites.*')
      .join('meeting_sites', 'meeting_sites.site_id', 'sites.id')
      .where('meeting_sites.meeting_id', meetingId)
      .orderBy([{ column: 'sites.kind' }, { column: 'sites.name' }]);
    return rows.map(siteFromRow);
  }

  async insert(trx: Knex.Transaction, meeting: NewMeeting): Promise<MeetingRecord> {
    const id = crypto.randomUUID();
    await trx('meetings').insert({
      id,
      title: meeting.title,
      kind: meeting.kind,
      status: meeting.status,
      host_unit_id: meeting.hostUnitId,
      chair_person: meeting.chairPerson,
      organizer_id: meeting.organizerId,
      starts_at: toDbTime(meeting.startsAt),
      ends_at: toDbTime(meeting.endsAt),
      not_secret_attested: meeting.attestsNotSecret,
      requested_at: toDbTime(meeting.requestedAt),
    });
    await trx('meeting_sites').insert(meeting.siteIds.map((siteId) => ({ meeting_id: id, site_id: siteId })));
    return (await this.byId(id, trx))!;
  }

  async update(trx: Knex.Transaction, id: string, changes: Partial<MeetingRow> & Record<string, unknown>): Promise<MeetingRecord> {
    await trx('meetings').where({ id }).update(changes);
    return (await this.byId(id, trx))!;
  }

  private async load(executor: Executor, where: (query: Knex.QueryBuilder) => void, page?: Page): Promise<MeetingRecord[]> {
    const query = executor<MeetingRow>('meetings').select('*');
    where(query);
    if (page) query.limit(page.limit).offset(page.offset);
    const rows: MeetingRow[] = await query.orderBy([{ column: 'starts_at' }, { column: 'id' }]);
    if (rows.length === 0) return [];
    const links = await executor('meeting_sites').whereIn(
      'meeting_id',
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      status: row.status,
      startsAt: fromDbTime(row.starts_at),
      endsAt: fromDbTime(row.ends_at),
      siteIds: links.filter((link) => link.meeting_id === row.id).map((link) => link.site_id as number),
      approvedAt: optionalTime(row.approved_at),
      hostUnitId: row.host_unit_id,
      chairPerson: row.chair_person,
      organizerId: row.organizer_id,
      attestsNotSecret: Boolean(row.not_secret_attested),
      invitation: row.invitation_number && row.invitation_date ? { number: row.invitation_number, date: row.invitation_date } : null,
      requestedAt: optionalTime(row.requested_at),
      decisionReason: row.decision_reason,
      preemption: preemptionOf(row),
    }));
  }
}
