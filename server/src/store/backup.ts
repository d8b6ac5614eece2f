import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import * as tar from 'tar';
import { z } from 'zod';
import { SQLITE_FILE } from './database';

/** Written into every backup; read back, and checked, before anything is restored. */
const Manifest = z.object({
  format: z.literal(1),
  createdAt: z.iso.datetime(),
  /** The embedded store's copy, or null when the store is PostgreSQL (dumped with pg_dump instead). */
  database: z.literal(SQLITE_FILE).nullable(),
  /** The other files of the data directory: the signing secret, the metrics token, TLS keys and certificates. */
  files: z.array(z.string().min(1).max(300)),
});
type Manifest = z.infer<typeof Manifest>;

const MANIFEST = 'diemcau-backup.json';
/** The live database and SQLite's companions are never copied as files: the backup API copies the database. */
const DATABASE_FILES = new Set([SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`, `${SQLITE_FILE}-journal`]);

export interface StoreLocation {
  dataDir: string;
  databaseUrl?: string | undefined;
}

/**
 * Writes one archive with a consistent copy of the embedded store, taken
 * online with SQLite's backup API (the server keeps running and writing), and
 * every other file of the data directory (the secrets: without the signing
 * secret, restored kiosk links would not open). With PostgreSQL, only the
 * files: the database is dumped with pg_dump (see README).
 */
export async function backupStore(store: StoreLocation, archive: string): Promise<Manifest> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-backup-'));
  try {
    const files = dataFiles(store.dataDir);
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      fs.copyFileSync(path.join(store.dataDir, file), path.join(staging, file));
    }
    let database: Manifest['database'] = null;
    if (!store.databaseUrl) {
      // Read-write, though it only reads: a read-only connection cannot join a WAL database the server holds open.
      const source = new Sqlite(path.join(store.dataDir, SQLITE_FILE), { fileMustExist: true });
      try {
        await source.backup(path.join(staging, SQLITE_FILE));
      } finally {
        source.close();
      }
      database = SQLITE_FILE;
    }
    const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), database, files };
    fs.writeFileSync(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
    // The archive holds the secrets: readable by its owner only.
    fs.writeFileSync(archive, '', { mode: 0o600 });
    await tar.create({ gzip: true, file: archive, cwd: staging, portable: true }, [MANIFEST, ...(database ? [database] : []), ...files]);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Puts a backup back into the data directory. The server must be stopped. The
 * archive is unpacked and checked (manifest, SQLite integrity) before anything
 * is replaced; the database it replaces is kept beside it.
 */
export async function restoreStore(store: StoreLocation, archive: string): Promise<Manifest & { previous: string | null }> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-restore-'));
  try {
    await tar.extract({ file: archive, cwd: staging, strict: true });
    const manifest = Manifest.parse(JSON.parse(fs.readFileSync(path.join(staging, MANIFEST), 'utf8')));
    for (const file of manifest.files) {
      if (!isInside(staging, file) || !fs.existsSync(path.join(staging, file))) throw new Error(`the backup lacks ${file}`);
    }
    if (manifest.database && store.databaseUrl) throw new Error('this backup holds an embedded store, but DATABASE_URL names PostgreSQL');
    if (manifest.database) checkIntegrity(path.join(staging, manifest.database));

    fs.mkdirSync(store.dataDir, { recursive: true });
    let previous: string | null = null;
    if (manifest.database) {
      const live = path.join(store.dataDir, SQLITE_FILE);
      if (fs.existsSync(live)) {
        previous = `${live}.before-restore-${Date.now()}`;
        fs.renameSync(live, previous);
      }
      for (const companion of ['-wal', '-shm', '-journal']) fs.rmSync(`${live}${companion}`, { force: true });
      fs.copyFileSync(path.join(staging, manifest.database), live);
    }
    for (const file of manifest.files) {
      const target = path.join(store.dataDir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(staging, file), target);
      fs.chmodSync(target, 0o600);
    }
    return { ...manifest, previous };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Regular files of the data directory, relative to it, but the database and the restore leftovers. */
function dataFiles(dataDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  return fs
    .readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dataDir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !DATABASE_FILES.has(file) && !file.startsWith(`${SQLITE_FILE}.before-restore-`))
    .sort();
}

function isInside(root: string, file: string): boolean {
  const resolved = path.resolve(root, file);
  return resolved.startsWith(root + path.sep);
}

function checkIntegrity(file: string): void {
  const copy = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`the backup's database is damaged: ${String(result)}`);
  } finally {
    copy.close();
  }
}
