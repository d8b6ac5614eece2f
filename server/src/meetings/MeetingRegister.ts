import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import type { z } from 'zod';
import {
  PAGE_SIZE_MAX,
  type BookingCheck,
  type BookingCheckRequest,
  type CalendarQuery,
  type ConflictView,
  type MeetingRequest,
  type MeetingStatus,
  type MeetingView,
  type Page,
} from '@diemcau/shared';
import type { AuditLog } from '../audit/AuditLog';
import { can, type Principal } from '../auth/permissions';
import { DomainError } from '../errors';
import type { HolidayCalendar } from '../holidays/HolidayCalendar';
import type { Notifications } from '../notifications/Notifications';
import { toDbTime, type Database } from '../store/database';
import type { UserDirectory } from '../users/UserDirectory';
import { meetingView, preemptionColumns, type MeetingRecord, type MeetingRepository } from './MeetingRepository';
import {
  assertTransition,
  canTransition,
  decideApproval,
  findConflicts,
  leadTimeCheck,
  requestDeadline,
  suggestFreeSlots,
  validateRequest,
  type BookingPolicy,
  type Conflict,
  type MeetingCandidate,
} from './rules';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MeetingChange {
  meeting: MeetingRecord;
  from: MeetingStatus | null;
}

const conflictView = (conflict: Conflict): ConflictView => ({
  meeting: {
    id: conflict.meeting.id,
    title: conflict.meeting.title,
    kind: conflict.meeting.kind,
    status: conflict.meeting.status,
    startsAt: conflict.meeting.startsAt.toISOString(),
    endsAt: conflict.meeting.endsAt.toISOString(),
  },
  sharedSiteIds: conflict.sharedSiteIds,
  overBridgeLimit: conflict.overBridgeLimit,
});

const slotsView = (slots: { startsAt: Date; endsAt: Date }[]) =>
  slots.map((slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() }));

/**
 * The bridge's one calendar (Art. 10): requests, the Office's decisions, and the
 * life of a meeting up to its end. Every write runs in one transaction that
 * first takes the calendar lock, so two bookings for the same slot are decided
 * one after the other and exactly one wins. Changes are announced after commit.
 */
export class MeetingRegister extends EventEmitter<{ changed: [MeetingChange[]] }> {
  constructor(
    private readonly db: Database,
    readonly repository: MeetingRepository,
    private readonly users: UserDirectory,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
    readonly policy: BookingPolicy,
    private readonly holidays: HolidayCalendar,
    private readonly now: () => Date,
  ) {
    super();
  }

  view(meeting: MeetingRecord): MeetingView {
    return meetingView(meeting, this.policy);
  }

  async get(id: string): Promise<MeetingRecord> {
    const meeting = await this.repository.byId(id);
    if (!meeting) throw new DomainError('not-found', 'no such meeting');
    return meeting;
  }

  /** One page of the calendar (the first, of the largest size, unless said otherwise). */
  async calendar(query: Omit<z.infer<typeof CalendarQuery>, keyof Page> & Partial<Page>): Promise<MeetingView[]> {
    const page: Page = { limit: query.limit ?? PAGE_SIZE_MAX, offset: query.offset ?? 0 };
    if (query.from === undefined || query.to === undefined) {
      // The approval queue: every meeting in one status, whenever it is.
      return (await this.repository.withStatus(this.db, [query.status!], page)).map((meeting) => this.view(meeting));
    }
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from || to.getTime() - from.getTime() > 62 * DAY) {
      throw new DomainError('invalid-request', 'the range must be positive and at most 62 days', { fields: { to: 'range' } });
    }
    const meetings = await this.repository.overlapping(
      this.db,
      { from, to },
      {
        ...(query.siteId !== undefined && { siteId: query.siteId }),
        ...(query.status !== undefined && { statuses: [query.status] }),
      },
      page,
    );
    return meetings.map((meeting) => this.view(meeting));
  }

  /** Everything the request form needs to show while the user types; writes nothing. */
  async check(request: BookingCheckRequest): Promise<BookingCheck> {
    const candidate = this.candidateOf(request);
    const now = this.now();
    const problems = validateRequest({ ...candidate, attestsNotSecret: request.attestsNotSecret }).map((problem) => ({
      code: problem.code,
      ...('article' in problem && { article: problem.article }),
      message: problem.message,
    }));
    const days = await this.holidays.workCalendar();
    const lead = leadTimeCheck(candidate.kind, candidate.startsAt, now, this.policy, days);
    const deadline = requestDeadline(candidate.kind, candidate.startsAt, this.policy, days);
    const calendar = await this.calendarAround(this.db, candidate);
    const conflicts = findConflicts(candidate, calendar, this.policy);
    const decision = candidate.kind === 'departmental' ? undefined : decideApproval(candidate, calendar, this.policy);
    return {
      problems,
      leadTime: { ok: lead.ok, deadline: deadline.deadline.toISOString(), article: deadline.article },
      conflicts: decision?.ok ? [] : conflicts.map(conflictView),
      wouldPreempt: decision?.ok ? decision.preempts.map((meeting) => conflictView({ meeting, sharedSiteIds: [], overBridgeLimit: false }).meeting) : [],
      suggestions: conflicts.length > 0 ? slotsView(suggestFreeSlots(candidate, calendar, this.policy, now, days)) : [],
    };
  }

  async request(principal: Principal, request: MeetingRequest): Promise<MeetingView> {
    if (request.approve && !can(principal, 'meeting:decide')) {
      throw new DomainError('forbidden', 'only the Office approves meetings');
    }
    const candidate = this.candidateOf(request);
    const problems = validateRequest({ ...candidate, attestsNotSecret: request.attestsNotSecret });
    if (problems.length > 0) {
      const fields = Object.fromEntries(problems.map((problem) => [problem.code === 'secret-not-ruled-out' ? 'attestsNotSecret' : 'endsAt', problem.message]));
      throw new DomainError('invalid-request', problems.map((problem) => problem.message).join('; '), { fields, details: { problems } });
    }
    const now = this.now();
    const lead = leadTimeCheck(candidate.kind, candidate.startsAt, now, this.policy, await this.holidays.workCalendar());
    if (!lead.ok) {
      throw new DomainError('lead-time', `too late to book: request before ${lead.deadline.toISOString()} (Art. ${lead.article})`, {
        details: { deadline: lead.deadline.toISOString(), article: lead.article },
      });
    }
    const changes: MeetingChange[] = [];
    const view = await this.db.transaction(async (trx) => {
      await this.lockCalendar(trx);
      await this.assertSitesExist(trx, candidate.siteIds);
      if (!(await trx('units').where({ id: request.hostUnitId }).first())) {
        throw new DomainError('invalid-request', 'no such hosting unit', { fields: { hostUnitId: 'no such unit' } });
      }
      const calendar = await this.calendarAround(trx, candidate);
      // A departmental request cannot win against anything booked; a provincial one may pre-empt on approval.
      const decision = decideApproval(candidate, calendar, this.policy);
      if (!decision.ok) throw await this.conflictRefusal(trx, decision.conflicts, candidate, calendar, now);
      const meeting = await this.repository.insert(trx, {
        title: request.title,
        kind: request.kind,
        status: 'requested',
        hostUnitId: request.hostUnitId,
        chairPerson: request.chairPerson,
        organizerId: principal.userId,
        startsAt: candidate.startsAt,
        endsAt: candidate.endsAt,
        siteIds: candidate.siteIds,
        attestsNotSecret: request.attestsNotSecret,
        requestedAt: now,
      });
      await this.audit.record(trx, principal, { action: 'meeting.request', entityType: 'meeting', entityId: meeting.id, after: this.view(meeting) });
      const params = { title: meeting.title, startsAt: meeting.startsAt.toISOString() };
      const office = (await this.users.idsWithRole(['secretariat'], trx)).filter((userId) => userId !== principal.userId);
      await this.notifications.notify(trx, office, 'meeting-requested', params, meeting.id);
      if (meeting.kind === 'emergency') {
        // Art. 6.5: the bridge must hear of an emergency meeting at once.
        await this.notifications.notify(
          trx,
          await this.users.idsWithRole(['bridge-technician', 'secretariat'], trx),
          'emergency-requested',
          params,
          meeting.id,
        );
      }
      changes.push({ meeting, from: null });
      if (!request.approve) return this.view(meeting);
      return this.view(await this.approveWithin(trx, principal, meeting, changes));
    });
    this.emit('changed', changes);
    return view;
  }

  async approve(principal: Principal, id: string): Promise<MeetingView> {
    const changes: MeetingChange[] = [];
    const view = await this.db.transaction(async (trx) => {
      await this.lockCalendar(trx);
      const meeting = await this.repository.byId(id, trx);
      if (!meeting) throw new DomainError('not-found', 'no such meeting');
      return this.view(await this.approveWithin(trx, principal, meeting, changes));
    });
    this.emit('changed', changes);
    return view;
  }

  async reject(principal: Principal, id: string, reason: string): Promise<MeetingView> {
    return this.transition(principal, id, 'rejected', 'meeting.reject', { decision_reason: reason, decided_by: principal.userId }, async (trx, meeting) => {
      if (meeting.organizerId) {
        await this.notifications.notify(trx, [meeting.organizerId], 'meeting-rejected', { title: meeting.title, reason }, meeting.id);
      }
    });
  }

  /** The organizer may cancel their own meeting; the Office may cancel any. */
  async cancel(principal: Principal, id: string, reason: string): Promise<MeetingView> {
    const meeting = await this.get(id);
    if (!can(principal, 'meeting:decide') && meeting.organizerId !== principal.userId) {
      throw new DomainError('forbidden', 'only the organizer or the Office may cancel this meeting');
    }
    return this.transition(principal, id, 'cancelled', 'meeting.cancel', { decision_reason: reason }, async (trx, current) => {
      const recipients = [...(await this.users.idsWithRole(['secretariat'], trx)), ...(current.organizerId ? [current.organizerId] : [])];
      await this.notifications.notify(
        trx,
        recipients.filter((userId) => userId !== principal.userId),
        'meeting-cancelled',
        { title: current.title, reason },
        current.id,
      );
    });
  }

  /** Art. 4.2, 11.2: the invitation is recorded so that one issued before approval is flagged. */
  async recordInvitation(principal: Principal, id: string, invitation: { number: string; date: string }): Promise<MeetingView> {
    const meeting = await this.get(id);
    if (!can(principal, 'meeting:decide') && meeting.organizerId !== principal.userId) {
      throw new DomainError('forbidden', 'only the organizer or the Office may record the invitation');
    }
    return this.db.transaction(async (trx) => {
      const updated = await this.repository.update(trx, id, { invitation_number: invitation.number, invitation_date: invitation.date });
      await this.audit.record(trx, principal, {
        action: 'meeting.invitation',
        entityType: 'meeting',
        entityId: id,
        before: meeting.invitation,
        after: updated.invitation,
      });
      return this.view(updated);
    });
  }

  /**
   * Art. 6.4: a meeting is prepared once every site passed its check; the Office
   * may override that with a reason, which is recorded with the change.
   */
  async markPrepared(
    principal: Principal,
    id: string,
    overrideReason: string | undefined,
    unreadySites: (siteIds: readonly number[]) => Promise<number[]>,
  ): Promise<MeetingView> {
    const meeting = await this.get(id);
    const unready = await unreadySites(meeting.siteIds);
    if (unready.length > 0 && !overrideReason) {
      throw new DomainError('invalid-state', 'some sites have not passed their connection check', { details: { unreadySiteIds: unready } });
    }
    const overridden = unready.length > 0;
    return this.transition(
      principal,
      id,
      'prepared',
      overridden ? 'meeting.prepare-override' : 'meeting.prepare',
      overridden ? { preparation_override: overrideReason } : {},
    );
  }

  /**
   * Reminds the technicians of each approved meeting's sites, and the bridge,
   * once the half-day session for preparing it has begun (Art. 6.4); for an
   * emergency meeting that is at once (Art. 6.5).
   */
  async remindDue(): Promise<number> {
    const now = this.now();
    return this.db.transaction(async (trx) => {
      const days = await this.holidays.workCalendar(trx);
      const due = (await this.repository.withStatus(trx, ['approved'])).filter(
        (meeting) => meeting.startsAt > now && requestDeadline(meeting.kind, meeting.startsAt, this.policy, days).deadline <= now,
      );
      let reminded = 0;
      for (const meeting of due) {
        const row = await trx('meetings').where({ id: meeting.id }).first('reminded_at');
        if (row?.reminded_at) continue;
        const technicians = await trx('users').where({ role: 'site-technician', active: true }).whereIn('site_id', meeting.siteIds).pluck('id');
        const bridge = await this.users.idsWithRole(['bridge-technician'], trx);
        await this.notifications.notify(
          trx,
          [...technicians, ...bridge],
          'check-reminder',
          { title: meeting.title, startsAt: meeting.startsAt.toISOString() },
          meeting.id,
        );
        await trx('meetings')
          .where({ id: meeting.id })
          .update({ reminded_at: toDbTime(now) });
        reminded++;
      }
      return reminded;
    });
  }

  /** The chair operator opens the meeting, possibly before its start time. */
  open(principal: Principal, id: string): Promise<MeetingView> {
    return this.transition(principal, id, 'live', 'meeting.open', { opened_at: toDbTime(this.now()) });
  }

  close(principal: Principal, id: string): Promise<MeetingView> {
    return this.transition(principal, id, 'ended', 'meeting.close', { closed_at: toDbTime(this.now()) });
  }

  /** Meetings whose start time has come go live on their own; returns how many did. */
  async startDue(): Promise<number> {
    const now = this.now();
    const changes: MeetingChange[] = [];
    await this.db.transaction(async (trx) => {
      const due = (await this.repository.withStatus(trx, ['approved', 'prepared'])).filter((meeting) => meeting.startsAt <= now && meeting.endsAt > now);
      for (const meeting of due) {
        const updated = await this.repository.update(trx, meeting.id, { status: 'live', opened_at: toDbTime(now) });
        await this.audit.record(
          trx,
          { system: 'scheduler' },
          { action: 'meeting.start', entityType: 'meeting', entityId: meeting.id, before: { status: meeting.status }, after: { status: 'live' } },
        );
        changes.push({ meeting: updated, from: meeting.status });
      }
    });
    if (changes.length > 0) this.emit('changed', changes);
    return changes.length;
  }

  private async transition(
    actor: Principal,
    id: string,
    to: MeetingStatus,
    action: string,
    columns: Record<string, unknown>,
    after?: (trx: Knex.Transaction, meeting: MeetingRecord) => Promise<void>,
  ): Promise<MeetingView> {
    const changes: MeetingChange[] = [];
    const view = await this.db.transaction(async (trx) => {
      const meeting = await this.repository.byId(id, trx);
      if (!meeting) throw new DomainError('not-found', 'no such meeting');
      this.assertCanMove(meeting.status, to);
      const updated = await this.repository.update(trx, id, { status: to, ...columns });
      await this.audit.record(trx, actor, {
        action,
        entityType: 'meeting',
        entityId: id,
        before: { status: meeting.status },
        after: { status: to, ...columns },
      });
      await after?.(trx, updated);
      changes.push({ meeting: updated, from: meeting.status });
      return this.view(updated);
    });
    this.emit('changed', changes);
    return view;
  }

  private async approveWithin(trx: Knex.Transaction, principal: Principal, meeting: MeetingRecord, changes: MeetingChange[]): Promise<MeetingRecord> {
    this.assertCanMove(meeting.status, 'approved');
    const now = this.now();
    const calendar = await this.calendarAround(trx, meeting);
    const decision = decideApproval(meeting, calendar, this.policy);
    if (!decision.ok) throw await this.conflictRefusal(trx, decision.conflicts, meeting, calendar, now);
    const approved = await this.repository.update(trx, meeting.id, { status: 'approved', approved_at: toDbTime(now), decided_by: principal.userId });
    await this.audit.record(trx, principal, {
      action: 'meeting.approve',
      entityType: 'meeting',
      entityId: meeting.id,
      before: { status: meeting.status },
      after: { status: 'approved' },
    });
    if (approved.organizerId && approved.organizerId !== principal.userId) {
      await this.notifications.notify(
        trx,
        [approved.organizerId],
        'meeting-approved',
        { title: approved.title, startsAt: approved.startsAt.toISOString() },
        approved.id,
      );
    }
    const calendarAfter = [...calendar.filter((other) => !decision.preempts.includes(other)), approved];
    for (const victim of decision.preempts) {
      const reason = { code: 'preempted-by-priority', article: '4.2', byMeetingId: approved.id, byTitle: approved.title, byKind: approved.kind } as const;
      const preempted = await this.repository.update(trx, victim.id, { status: 'preempted', ...preemptionColumns(reason) });
      await this.audit.record(trx, principal, {
        action: 'meeting.preempt',
        entityType: 'meeting',
        entityId: victim.id,
        before: { status: victim.status },
        after: { status: 'preempted', by: approved.id, reason },
      });
      if (victim.organizerId) {
        const suggestions = slotsView(suggestFreeSlots(victim, calendarAfter, this.policy, now, await this.holidays.workCalendar(trx)));
        const params = { title: victim.title, reasonCode: reason.code, article: reason.article, by: approved.title, byKind: approved.kind, suggestions };
        await this.notifications.notify(trx, [victim.organizerId], 'meeting-preempted', params, victim.id);
      }
      changes.push({ meeting: preempted, from: victim.status });
    }
    changes.push({ meeting: approved, from: meeting.status });
    return approved;
  }

  /** The refusal of a booking that collides, with the free slots to offer instead. */
  private async conflictRefusal(
    trx: Knex.Transaction,
    conflicts: Conflict[],
    candidate: MeetingCandidate,
    calendar: MeetingRecord[],
    now: Date,
  ): Promise<DomainError> {
    const suggestions = slotsView(suggestFreeSlots(candidate, calendar, this.policy, now, await this.holidays.workCalendar(trx)));
    return new DomainError('conflict', 'the meeting collides with meetings already booked', {
      details: { conflicts: conflicts.map(conflictView), suggestions },
    });
  }

  private assertCanMove(from: MeetingStatus, to: MeetingStatus): void {
    if (!canTransition(from, to)) {
      try {
        assertTransition(from, to);
      } catch (error) {
        throw new DomainError('invalid-state', (error as Error).message);
      }
    }
  }

  /** Updating the single lock row first makes concurrent booking transactions queue on SQLite and PostgreSQL alike. */
  private async lockCalendar(trx: Knex.Transaction): Promise<void> {
    await trx('calendar_lock').where({ id: 1 }).increment('version', 1);
  }

  /** The blocking meetings that can matter for a candidate: its own window and the free-slot search horizon. */
  private calendarAround(executor: Knex.Transaction | Database, candidate: MeetingCandidate): Promise<MeetingRecord[]> {
    const horizon = this.policy.slotSearchDays * DAY;
    return this.repository.blocking(executor, {
      from: new Date(Math.min(candidate.startsAt.getTime(), this.now().getTime()) - horizon),
      to: new Date(candidate.endsAt.getTime() + horizon),
    });
  }

  private candidateOf(request: BookingCheckRequest): MeetingCandidate {
    return { kind: request.kind, startsAt: new Date(request.startsAt), endsAt: new Date(request.endsAt), siteIds: request.siteIds };
  }

  private async assertSitesExist(trx: Knex.Transaction, siteIds: readonly number[]): Promise<void> {
    const found = await trx('sites').whereIn('id', siteIds).select('id');
    if (found.length !== siteIds.length) {
      throw new DomainError('invalid-request', 'some sites do not exist', { fields: { siteIds: 'unknown site' } });
    }
  }
}
