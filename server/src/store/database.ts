import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { migrations } from './migrations';

export type Database = Knex;

/** The embedded store's file in the data directory. */
export const SQLITE_FILE = 'diemcau.sqlite';

/**
 * SQLite in the data directory by default, PostgreSQL when a URL is given. Both
 * go through knex, so domain code never depends on which one is in use.
 */
export function openDatabase(options: { dataDir: string; databaseUrl?: string | undefined }): Database {
  if (options.databaseUrl) {
    return knex({ client: 'pg', connection: options.databaseUrl, pool: { min: 0, max: 10 } });
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  return knex({
    client: 'better-sqlite3',
    connection: { filename: path.join(options.dataDir, SQLITE_FILE) },
    useNullAsDefault: true,
    pool: {
      afterCreate(connection: { pragma(sql: string): void }, done: (error: Error | null) => void) {
        // WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
        connection.pragma('journal_mode = WAL');
        connection.pragma('foreign_keys = ON');
        done(null);
      },
    },
  });
}

export async function migrateToLatest(db: Database): Promise<void> {
  await db.migrate.latest({ migrationSource: migrations });
}

/** Timestamps are stored as ISO-8601 UTC text so SQLite and PostgreSQL read back the same value. */
export const toDbTime = (date: Date): string => date.toISOString();
export const fromDbTime = (value: string | Date): Date => new Date(value);
