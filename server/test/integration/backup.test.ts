import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitView, UserView } from '@diemcau/shared';
import { AuditLog } from '../../src/audit/AuditLog';
import { restoreStore } from '../../src/store/backup';
import { runCli } from '../support/cli';
import { apiClient, startTestPlatform, type TestPlatform } from './harness';

/** Issue 11, deliver 3: `npm run cli -- backup <file>` and `restore <file>` of the embedded store. */
let platform: TestPlatform;
let admin: ReturnType<typeof apiClient>;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-backups-'));

beforeAll(async () => {
  platform = await startTestPlatform({ manualScheduler: true });
  admin = apiClient(platform.url, await platform.login('admin'));
});
afterAll(async () => {
  await platform?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const TABLES: Record<string, string[]> = {
  units: ['id'],
  sites: ['id'],
  users: ['id'],
  meetings: ['id'],
  meeting_sites: ['meeting_id', 'site_id'],
  refresh_tokens: ['id'],
  audit_log: ['id'],
  audit_chain: ['id'],
  incidents: ['id'],
  notifications: ['id'],
};

async function contents(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) tables[table] = await platform.db(table).orderBy(order.map((column) => ({ column })));
  return tables;
}

const secretsOf = (dataDir: string) => ({
  jwt: fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8'),
  metrics: fs.readFileSync(path.join(dataDir, 'metrics-token'), 'utf8'),
});

describe('backup and restore (issue 11, deliver 3)', () => {
  it('takes a consistent copy while the server keeps writing', async () => {
    const users = (await admin<UserView[]>('GET', '/users')).body;
    const archive = path.join(scratch, 'online.tar.gz');
    const writes = Promise.all(
      Array.from({ length: 30 }, (_, index) => admin('PATCH', `/users/${users[index % users.length]!.id}`, { displayName: `Ghi ${index}` })),
    );
    const backup = await runCli(platform, ['backup', archive]);
    expect((await writes).every((write) => write.status === 200)).toBe(true);
    expect(backup.code).toBe(0);
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);

    // Unpacked elsewhere, the copy is a whole store: its audit chain checks out to its own end.
    const elsewhere = path.join(scratch, 'elsewhere');
    const restored = await restoreStore({ dataDir: elsewhere }, archive);
    expect(restored.files).toEqual(expect.arrayContaining(['jwt-secret', 'metrics-token']));
    const copy = knex({ client: 'better-sqlite3', connection: { filename: path.join(elsewhere, 'diemcau.sqlite') }, useNullAsDefault: true });
    try {
      expect(await new AuditLog(copy, () => new Date()).verifyChain()).toMatchObject({ intact: true });
    } finally {
      await copy.destroy();
    }
    expect(secretsOf(elsewhere)).toEqual(secretsOf(platform.dataDir));
  });

  it('backs up, and after changes and a lost secret, restores exactly what was backed up', async () => {
    expect((await admin('POST', '/units', { code: 'so-tai-chinh', name: 'Sở Tài chính', kind: 'department' })).status).toBe(201);
    const archive = path.join(scratch, 'before-changes.tar.gz');
    const backedUp = await contents();
    const secrets = secretsOf(platform.dataDir);
    expect((await runCli(platform, ['backup', archive])).code).toBe(0);

    // Changes after the backup: a unit renamed, a user created.
    const unit = (await admin<UnitView[]>('GET', '/units')).body.find((candidate) => candidate.code === 'so-tai-chinh')!;
    expect((await admin('PATCH', `/units/${unit.id}`, { name: 'Sở Tài chính (đổi tên)' })).status).toBe(200);
    expect((await admin('POST', '/users', { username: 'moi', displayName: 'Người mới', role: 'auditor', password: 'mot-mat-khau-dai' })).status).toBe(201);
    expect(await contents()).not.toEqual(backedUp);

    let restore: Awaited<ReturnType<typeof runCli>> | undefined;
    await platform.restart(async () => {
      fs.writeFileSync(path.join(platform.dataDir, 'jwt-secret'), 'x'.repeat(64));
      restore = await runCli(platform, ['restore', archive]);
    });
    expect(restore?.code).toBe(0);
    expect(await contents()).toEqual(backedUp);
    expect(secretsOf(platform.dataDir)).toEqual(secrets);
    // The restored signing secret still opens the tokens issued before the backup.
    expect((await admin('GET', '/units')).status).toBe(200);
  });

  it('refuses a damaged archive and leaves the store alone', async () => {
    const bad = path.join(scratch, 'bad.tar.gz');
    fs.writeFileSync(bad, 'not an archive');
    const before = await contents();
    const restore = await runCli(platform, ['restore', bad]);
    expect(restore.code).not.toBe(0);
    expect(await contents()).toEqual(before);
  });
});
