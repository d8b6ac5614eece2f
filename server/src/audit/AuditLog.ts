import type { Knex } from 'knex';
import type { AuditEntryView } from '@diemcau/shared';
import type { Principal } from '../auth/permissions';
import { toDbTime, type Database } from '../store/database';


export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Who did it, as written in the log. */
export type Actor = Principal | { system: string } | { kiosk: string };

function actorColumns(actor: Actor): { actor_id: number | null; actor: string } {
  if ('userId' in actor) return { actor_id: actor.userId, actor: `user:${actor.username}` };
  if ('kiosk' in actor) return { actor_id: null, actor: `kiosk:${actor.kiosk}` };
  return { actor_id: null, actor: `system:${actor.system}` };
}

const parse = (value: string | null): unknown => (value === null ? null : JSON.parse(value));

/**
 * Append-only record of every change (Art. 14). Entries are written inside the
 * transaction of the change they describe, so there is never a change without
 * its entry or an entry without its change. Nothing updates or deletes them.
 */
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async record(trx: Knex.Transaction | Database, actor: Actor, entry: AuditRecord): Promise<void> {
    await trx('audit_log').insert({
      at: toDbTime(this.now()),
      ...actorColumns(actor),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    });
  }

  async list(filter: { entityType?: string; entityId?: string; limit: number; beforeId?: number }): Promise<AuditEntryView[]> {
    let query = this.db('audit_log').orderBy('id', 'desc').limit(filter.limit);
    if (filter.entityType) query = query.where('entity_type', filter.entityType);
    if (filter.entityId) query = query.where('entity_id', filter.entityId);
    if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
    const rows = await query;
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actor: row.actor,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: parse(row.before),
      after: parse(row.after),
    }));
  }
}
