import type { Database } from './database';

/** Told how long each database statement took, by kind (select, insert, update, delete, other). */
export interface QueryObserver {
  queryAnswered(operation: string, seconds: number): void;
}

const OPERATIONS = new Set(['select', 'first', 'pluck', 'insert', 'update', 'del', 'delete', 'truncate', 'raw', 'counter']);

/** A bounded name for a statement: knex's method, or `other` (schema changes, anything unexpected). */
export function operationOf(method: unknown): string {
  if (typeof method !== 'string' || !OPERATIONS.has(method)) return 'other';
  if (method === 'first' || method === 'pluck') return 'select';
  if (method === 'del') return 'delete';
  return method;
}

interface QueryData {
  __knexQueryUid?: string;
  method?: string;
}

/**
 * Times every statement with knex's own events: `query` when it is sent,
 * `query-response` or `query-error` when it comes back, matched by knex's id.
 */
export function timeQueries(db: Database, observer: QueryObserver): void {
  const started = new Map<string, bigint>();
  db.on('query', (query: QueryData) => {
    if (query.__knexQueryUid) started.set(query.__knexQueryUid, process.hrtime.bigint());
  });
  const finished = (query: QueryData) => {
    const uid = query.__knexQueryUid;
    const start = uid === undefined ? undefined : started.get(uid);
    if (uid === undefined || start === undefined) return;
    started.delete(uid);
    observer.queryAnswered(operationOf(query.method), Number(process.hrtime.bigint() - start) / 1e9);
  };
  db.on('query-response', (_response: unknown, query: QueryData) => finished(query));
  db.on('query-error', (_error: unknown, query: QueryData) => finished(query));
}
