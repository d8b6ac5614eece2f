import type { Knex } from 'knex';
import type { AuditEntryView } from '@diemcau/shared';
import type { Principal } from '../auth/permissions';
import { toDbTime, type Database } from '../store/database';
import { entryHash, GENESIS, type SealedColumns } from './chain';

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

/** The outcome of checking the chain: intact, or the first entry whose link is broken and how. */
export type ChainReport =
  | { intact: true; entries: number }
  | {
      intact: false;
      entries: number;
      /** The first entry that does not check out (for `tail-removed`, the last entry still there). */
      brokenAt: number;
      /** `edited`: the entry differs from what was sealed; `entry-missing`: an entry before it is gone or changed its link; `tail-removed`: entries after the last one are gone. */
      reason: 'edited' | 'entry-missing' | 'tail-removed';
    };

/** Entries are verified this many at a time. */
const VERIFY_PAGE = 1000;

/**
 * Append-only record of every change (Art. 14). Entries are written inside the
 * transaction of the change they describe, so there is never a change without
 * its entry or an entry without its change. Nothing updates or deletes them,
 * and each entry carries the hash of the one before (a chain whose end is kept
 * in `audit_chain`), so an entry edited or deleted by hand in the database
 * shows in `verifyChain`.
 */
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async record(executor: Knex.Transaction | Database, actor: Actor, entry: AuditRecord): Promise<void> {
    // The chain's head is locked until commit, so the entry must be written in a transaction.
    if (!executor.isTransaction) return this.db.transaction((trx) => this.record(trx, actor, entry));
    const trx = executor;
    // Updating the head first locks it (PostgreSQL) until this transaction ends: the next writer
    // reads the head this one leaves, so concurrent writes extend one chain instead of forking it.
    await trx('audit_chain').where({ id: 1 }).increment('length', 1);
    const head = await trx('audit_chain').where({ id: 1 }).first();
    const row: SealedColumns = {
      at: toDbTime(this.now()),
      ...actorColumns(actor),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    };
    const hash = entryHash(head.last_hash, row);
    const [inserted] = await trx('audit_log')
      .insert({ ...row, prev_hash: head.last_hash, hash })
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    await trx('audit_chain').where({ id: 1 }).update({ last_id: id, last_hash: hash });
  }

  /** Recomputes the chain from the first entry, up to the end recorded when the check began. */
  async verifyChain(): Promise<ChainReport> {
    const head = await this.db('audit_chain').where({ id: 1 }).first();
    let previous = GENESIS;
    let entries = 0;
    let lastId = 0;
    for (;;) {
      const rows = await this.db('audit_log').where('id', '>', lastId).andWhere('id', '<=', head.last_id).orderBy('id').limit(VERIFY_PAGE);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.prev_hash !== previous) return { intact: false, entries, brokenAt: row.id, reason: 'entry-missing' };
        if (row.hash !== entryHash(previous, row)) return { intact: false, entries, brokenAt: row.id, reason: 'edited' };
        previous = row.hash;
        lastId = row.id;
        entries++;
      }
    }
    if (entries !== head.length || previous !== head.last_hash) return { intact: false, entries, brokenAt: lastId, reason: 'tail-removed' };
    return { intact: true, entries };
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
