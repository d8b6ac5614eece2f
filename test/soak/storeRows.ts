import path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE } from '../../server/src/store/database';

/**
 * Rows per table of a bridge's embedded store, read from outside its process:
 * the file is opened read-only (WAL lets a reader in while the bridge writes).
 */
export function storeRows(dataDir: string): Record<string, number> {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'knex_%' ORDER BY name")
      .pluck()
      .all() as string[];
    // The names come from the store's own catalogue, quoted as identifiers.
    return Object.fromEntries(
      tables.map((table) => [
        table,
        db
          .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
          .pluck()
          .get() as number,
      ]),
    );
  } finally {
    db.close();
  }
}
