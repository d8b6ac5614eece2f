import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserView } from '@diemcau/shared';
import { AuditLog } from '../../src/audit/AuditLog';
import { runCli } from '../support/cli';
import { apiClient, startTestPlatform, type TestPlatform } from './harness';

/** Issue 11, deliver 4: a tamper-evident audit log (Art. 14). */
let platform: TestPlatform;
let audit: AuditLog;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  platform = await startTestPlatform({ manualScheduler: true });
  audit = new AuditLog(platform.db, () => new Date());
  admin = apiClient(platform.url, await platform.login('admin'));
});
afterAll(async () => {
  await platform?.close();
});

const lastIds = async (count: number) => (await platform.db('audit_log').orderBy('id', 'desc').limit(count).select('id')).map((row) => row.id as number);

describe('tamper-evident audit log (Art. 14)', () => {
  it('stays one unbroken chain under concurrent writes', async () => {
    const users = (await admin<UserView[]>('GET', '/users')).body;
    const before = await platform.db('audit_log').count<{ count: number | string }[]>({ count: '*' });
    // Forty audited changes at once, over the API: each writes its entry in its own transaction.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) => admin('PATCH', `/users/${users[index % users.length]!.id}`, { displayName: `Tên ${index}` })),
    );
    expect(results.every((result) => result.status === 200)).toBe(true);
    const report = await audit.verifyChain();
    expect(report).toEqual({ intact: true, entries: Number(before[0]!.count) + 40 });
    const { code, stdout } = await runCli(platform, ['audit-verify']);
    expect(code).toBe(0);
    expect(stdout).toContain(`${report.entries} entries`);
  });

  it('reports the first entry edited by hand', async () => {
    const [, edited] = await lastIds(3);
    const original = await platform.db('audit_log').where({ id: edited }).first();
    await platform.db('audit_log').where({ id: edited }).update({ actor: 'user:someone-else' });
    expect(await audit.verifyChain()).toMatchObject({ intact: false, brokenAt: edited, reason: 'edited' });
    const { code, stderr } = await runCli(platform, ['audit-verify']);
    expect(code).toBe(1);
    expect(stderr).toContain(`#${edited}`);
    await platform.db('audit_log').where({ id: edited }).update({ actor: original.actor });
    expect((await audit.verifyChain()).intact).toBe(true);
  });

  it('reports an entry deleted by hand at the entry after it, and entries deleted at the end', async () => {
    const [, next, deleted] = await lastIds(3);
    await platform.db('audit_log').where({ id: deleted }).delete();
    expect(await audit.verifyChain()).toMatchObject({ intact: false, brokenAt: next, reason: 'entry-missing' });
    await platform.db('audit_log').where('id', '>=', next!).delete();
    // Whoever deletes the end of the log must also know to rewrite the chain's head.
    expect(await audit.verifyChain()).toMatchObject({ intact: false, reason: 'tail-removed' });
  });
});
