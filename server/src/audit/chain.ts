import crypto from 'node:crypto';

/** The link the first entry points back to. */
export const GENESIS = '0'.repeat(64);

/** The columns of an audit entry that its hash seals, as stored. */
export interface SealedColumns {
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

/**
 * The hash of an entry: SHA-256 over the previous entry's hash and this
 * entry's columns, so editing any entry, or removing one, breaks every link
 * after it (Art. 14).
 */
export function entryHash(previousHash: string, row: SealedColumns): string {
  const sealed = [previousHash, row.at, row.actor_id ?? null, row.actor, row.action, row.entity_type, row.entity_id, row.before, row.after];
  return crypto.createHash('sha256').update(JSON.stringify(sealed)).digest('hex');
}
