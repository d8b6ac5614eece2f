import type { Knex } from 'knex';
import type { FeedbackInput, FeedbackRecipient, FeedbackStatus, FeedbackView, Role } from '@diemcau/shared';
import type { AuditLog } from '../audit/AuditLog';
import { can, type Principal } from '../auth/permissions';
import { DomainError } from '../errors';
import type { Notifications } from '../notifications/Notifications';
import { toDbTime, type Database } from '../store/database';
import type { UserDirectory } from '../users/UserDirectory';

interface FeedbackRow {
  id: number;
  category: FeedbackView['category'];
  text: string;
  status: FeedbackStatus;
  unit_id: number;
  site_id: number | null;
  meeting_id: string | null;
  submitted_at: string;
  answer: string | null;
  answered_at: string | null;
  forwarded_to: FeedbackRecipient | null;
  closed_at: string | null;
  username: string;
  submitted_by: number;
}

const view = (row: FeedbackRow): FeedbackView => ({
  id: row.id,
  category: row.category,
  text: row.text,
  status: row.status,
  unitId: row.unit_id,
  siteId: row.site_id,
  meetingId: row.meeting_id,
  submittedBy: row.username,
  submittedAt: row.submitted_at,
  answer: row.answer,
  answeredAt: row.answered_at,
  forwardedTo: row.forwarded_to,
  closedAt: row.closed_at,
});

/** Who takes over what the Department forwards: the telecom provider's technicians, or the Office. */
const recipientRoles: Record<FeedbackRecipient, Role> = { telecom: 'bridge-technician', office: 'secretariat' };

/**
 * Feedback and proposals of the units to the Department of Information and
 * Communications (Art. 12.3, 15.3): a unit's users write them; the Department
 * answers, forwards to the telecom provider or the Office, and closes them.
 * The submitter is notified of each step; every step is audited.
 */
export class FeedbackLog {
  constructor(
    private readonly db: Database,
    private readonly users: UserDirectory,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  /** The principal's unit's feedback, what was forwarded to its role, or everything for the Department and the auditor. */
  async list(principal: Principal): Promise<FeedbackView[]> {
    const query = this.query().orderBy('feedback.id', 'desc');
    if (!can(principal, 'feedback:read-all')) {
      const forwardedHere = (Object.entries(recipientRoles) as Array<[FeedbackRecipient, Role]>).find(([, role]) => role === principal.role)?.[0];
      query.where((where) => {
        where.where('feedback.unit_id', principal.unitId ?? -1);
        if (forwardedHere) where.orWhere('feedback.forwarded_to', forwardedHere);
      });
    }
    return (await query).map(view);
  }

  async submit(principal: Principal, input: FeedbackInput): Promise<FeedbackView> {
    if (principal.unitId === null) throw new DomainError('forbidden', 'feedback is sent on behalf of a unit; this account has none');
    if (principal.role === 'site-technician' && input.siteId !== null && input.siteId !== principal.siteId) {
      throw new DomainError('forbidden', 'a site technician writes only about its own site');
    }
    return this.db.transaction(async (trx) => {
      if (input.siteId !== null && !(await trx('sites').where({ id: input.siteId }).first())) {
        throw new DomainError('invalid-request', 'no such site', { fields: { siteId: 'no such site' } });
      }
      if (input.meetingId !== null && !(await trx('meetings').where({ id: input.meetingId }).first())) {
        throw new DomainError('invalid-request', 'no such meeting', { fields: { meetingId: 'no such meeting' } });
      }
      const [row] = await trx('feedback')
        .insert({
          category: input.category,
          text: input.text,
          status: 'open',
          unit_id: principal.unitId,
          site_id: input.siteId,
          meeting_id: input.meetingId,
          submitted_by: principal.userId,
          submitted_at: toDbTime(this.now()),
        })
        .returning('id');
      const created = await this.byId(typeof row === 'object' ? row.id : row, trx);
      await this.audit.record(trx, principal, { action: 'feedback.submit', entityType: 'feedback', entityId: created.id, after: created });
      await this.notifications.notify(trx, await this.users.idsWithRole(['information-department'], trx), 'feedback-submitted', {
        id: created.id,
        category: created.category,
      });
      return created;
    });
  }

  answer(principal: Principal, id: number, answer: string): Promise<FeedbackView> {
    return this.change(principal, id, 'feedback.answer', { status: 'answered', answer }, 'feedback-answered');
  }

  forward(principal: Principal, id: number, to: FeedbackRecipient, note: string): Promise<FeedbackView> {
    return this.change(principal, id, 'feedback.forward', { status: 'forwarded', answer: note, forwarded_to: to }, 'feedback-forwarded', async (trx, after) => {
      await this.notifications.notify(trx, await this.users.idsWithRole([recipientRoles[to]], trx), 'feedback-forwarded-to-you', {
        id: after.id,
        category: after.category,
      });
    });
  }

  close(principal: Principal, id: number, answer: string | undefined): Promise<FeedbackView> {
    return this.change(
      principal,
      id,
      'feedback.close',
      { status: 'closed', closed_at: toDbTime(this.now()), ...(answer !== undefined && { answer }) },
      'feedback-closed',
    );
  }

  private async change(
    principal: Principal,
    id: number,
    action: string,
    changes: Partial<FeedbackRow>,
    notice: 'feedback-answered' | 'feedback-forwarded' | 'feedback-closed',
    also?: (trx: Knex.Transaction, after: FeedbackView) => Promise<void>,
  ): Promise<FeedbackView> {
    return this.db.transaction(async (trx) => {
      const before = await this.byId(id, trx);
      if (before.status === 'closed') throw new DomainError('invalid-state', 'the feedback is already closed');
      const answered = changes.answer !== undefined ? { answered_at: toDbTime(this.now()) } : {};
      await trx('feedback')
        .where({ id })
        .update({ ...changes, ...answered });
      const after = await this.byId(id, trx);
      await this.audit.record(trx, principal, { action, entityType: 'feedback', entityId: id, before, after });
      const submitter = await trx('feedback').where({ id }).first('submitted_by');
      await this.notifications.notify(trx, [submitter.submitted_by], notice, { id, category: after.category, status: after.status });
      await also?.(trx, after);
      return after;
    });
  }

  private async byId(id: number, executor: Knex.Transaction | Database = this.db): Promise<FeedbackView> {
    const row = await this.query(executor).where('feedback.id', id).first();
    if (!row) throw new DomainError('not-found', 'no such feedback');
    return view(row);
  }

  private query(executor: Knex.Transaction | Database = this.db) {
    return executor<FeedbackRow>('feedback').select('feedback.*', 'users.username').join('users', 'users.id', 'feedback.submitted_by');
  }
}
