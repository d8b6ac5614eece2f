import type { Knex } from 'knex';
import type { z } from 'zod';
import type { IncidentCause, IncidentClosing, IncidentInput, IncidentType, IncidentUpdate, IncidentView } from '@diemcau/shared';
import type { Actor, AuditLog } from '../audit/AuditLog';
import type { Principal } from '../auth/permissions';
import { DomainError } from '../errors';
import { fromDbTime, toDbTime, type Database } from '../store/database';

interface IncidentRow {
  id: number;
  site_id: number;
  meeting_id: string | null;
  type: IncidentType;
  opened_at: string;
  closed_at: string | null;
  opened_by: string;
  automatic: number | boolean;
  cause: IncidentCause | null;
  closed_because: IncidentClosing | null;
  summary: string;
  handled_by: string;
  actions: string;
  resolution: string;
  downtime_seconds: number | null;
}

const view = (row: IncidentRow): IncidentView => ({
  id: row.id,
  siteId: row.site_id,
  meetingId: row.meeting_id,
  type: row.type,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
  openedBy: row.opened_by,
  automatic: Boolean(row.automatic),
  cause: row.cause,
  closedBecause: row.closed_because,
  summary: row.summary,
  handledBy: row.handled_by,
  actions: row.actions,
  resolution: row.resolution,
  downtimeSeconds: row.downtime_seconds,
});

const actorName = (actor: Actor) => ('userId' in actor ? `user:${actor.username}` : 'kiosk' in actor ? `kiosk:${actor.kiosk}` : 'system');

/**
 * Faults at the sites and their downtime (Art. 7.1.d, 8.2). Incidents open by
 * themselves when a site drops out of a live meeting, or by hand; closing one
 * computes its downtime. Site technicians see their own site's; the bridge sees all.
 */
export class IncidentLog {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  async list(principal: Principal, filter: { open?: boolean; siteId?: number; limit: number }): Promise<IncidentView[]> {
    let query = this.db<IncidentRow>('incidents').orderBy('id', 'desc').limit(filter.limit);
    if (principal.role === 'site-technician') query = query.where('site_id', principal.siteId ?? -1);
    if (filter.siteId !== undefined) query = query.where('site_id', filter.siteId);
    if (filter.open !== undefined) query = filter.open ? query.whereNull('closed_at') : query.whereNotNull('closed_at');
    return (await query).map(view);
  }

  async byId(id: number, executor: Knex.Transaction | Database = this.db): Promise<IncidentView> {
    const row = await executor<IncidentRow>('incidents').where({ id }).first();
    if (!row) throw new DomainError('not-found', 'no such incident');
    return view(row);
  }

  /**
   * Opens a transmission incident at `at` (when the fault began), unless one of the same cause is open for the
   * site. Who opens it (the dropout watch, the monitor) closes only its own cause. Its cause is its summary: the
   * screens say it in the user's language.
   */
  async openAutomatic(cause: IncidentCause, siteId: number, meetingId: string | null, at: Date): Promise<IncidentView | undefined> {
    return this.db.transaction(async (trx) => {
      const open = await trx('incidents').where({ site_id: siteId, cause, automatic: true }).whereNull('closed_at').first();
      if (open) return undefined;
      return this.insert(trx, { system: 'monitor' }, { siteId, meetingId, type: 'transmission', summary: '' }, at, cause);
    });
  }

  /** The fault cleared by itself: close the site's automatic incidents of that cause, with their downtime. */
  async closeAutomatic(cause: IncidentCause, siteId: number, because: IncidentClosing): Promise<IncidentView[]> {
    return this.closeOpen({ site_id: siteId, cause, automatic: true }, because);
  }

  /** The meeting ended: no site can be missing from it any more, so its automatic incidents end now. */
  async closeAutomaticOfMeeting(meetingId: string): Promise<IncidentView[]> {
    return this.closeOpen({ meeting_id: meetingId, automatic: true }, 'meeting-ended');
  }

  private async closeOpen(match: Partial<IncidentRow>, because: IncidentClosing): Promise<IncidentView[]> {
    return this.db.transaction(async (trx) => {
      const open = await trx<IncidentRow>('incidents').where(match).whereNull('closed_at');
      const closed: IncidentView[] = [];
      for (const row of open) closed.push(await this.closeRow(trx, { system: 'monitor' }, row, { because }));
      return closed;
    });
  }

  async open(principal: Principal, input: z.infer<typeof IncidentInput>): Promise<IncidentView> {
    this.assertScope(principal, input.siteId);
    return this.db.transaction((trx) => this.insert(trx, principal, input, this.now(), null));
  }

  async update(principal: Principal, id: number, patch: z.infer<typeof IncidentUpdate>): Promise<IncidentView> {
    return this.db.transaction(async (trx) => {
      const before = await this.byId(id, trx);
      this.assertScope(principal, before.siteId);
      await trx('incidents')
        .where({ id })
        .update({
          ...(patch.type !== undefined && { type: patch.type }),
          ...(patch.handledBy !== undefined && { handled_by: patch.handledBy }),
          ...(patch.actions !== undefined && { actions: patch.actions }),
          ...(patch.resolution !== undefined && { resolution: patch.resolution }),
        });
      const after = await this.byId(id, trx);
      await this.audit.record(trx, principal, { action: 'incident.update', entityType: 'incident', entityId: id, before, after });
      return after;
    });
  }

  async close(principal: Principal, id: number, resolution: string): Promise<IncidentView> {
    return this.db.transaction(async (trx) => {
      const row = await trx<IncidentRow>('incidents').where({ id }).first();
      if (!row) throw new DomainError('not-found', 'no such incident');
      this.assertScope(principal, row.site_id);
      if (row.closed_at !== null) throw new DomainError('invalid-state', 'the incident is already closed');
      return this.closeRow(trx, principal, row, { resolution });
    });
  }

  private async insert(
    trx: Knex.Transaction,
    actor: Actor,
    input: { siteId: number; meetingId: string | null; type: IncidentType; summary: string },
    at: Date,
    cause: IncidentCause | null,
  ): Promise<IncidentView> {
    const [row] = await trx('incidents')
      .insert({
        site_id: input.siteId,
        meeting_id: input.meetingId,
        type: input.type,
        summary: input.summary,
        opened_at: toDbTime(at),
        opened_by: actorName(actor),
        automatic: cause !== null,
        cause,
      })
      .returning('id');
    const incident = await this.byId(typeof row === 'object' ? row.id : row, trx);
    await this.audit.record(trx, actor, { action: 'incident.open', entityType: 'incident', entityId: incident.id, after: incident });
    return incident;
  }

  /** Closed by a person with their resolution, or by itself for a coded reason (any note written meanwhile stays). */
  private async closeRow(
    trx: Knex.Transaction,
    actor: Actor,
    row: IncidentRow,
    closing: { resolution: string } | { because: IncidentClosing },
  ): Promise<IncidentView> {
    const closedAt = this.now();
    const downtime = Math.max(0, Math.round((closedAt.getTime() - fromDbTime(row.opened_at).getTime()) / 1000));
    await trx('incidents')
      .where({ id: row.id })
      .update({
        closed_at: toDbTime(closedAt),
        downtime_seconds: downtime,
        ...('because' in closing ? { closed_because: closing.because } : { resolution: closing.resolution || row.resolution }),
      });
    const after = await this.byId(row.id, trx);
    await this.audit.record(trx, actor, { action: 'incident.close', entityType: 'incident', entityId: row.id, before: view(row), after });
    return after;
  }

  private assertScope(principal: Principal, siteId: number): void {
    if (principal.role === 'site-technician' && principal.siteId !== siteId) {
      throw new DomainError('forbidden', 'a site technician handles only its own site');
    }
  }
}
