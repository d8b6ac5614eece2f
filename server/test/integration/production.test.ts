import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { apiClient, startTestPlatform, type TestPlatform } from './harness';

/** Issue 11, deliver 5: a production start without the demo province and accounts. */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ manualScheduler: true, env: { DIEMCAU_DEMO: '0' } });
});
afterAll(async () => {
  await platform?.close();
});

const count = async (table: string) => Number((await platform.db(table).count<{ count: number | string }[]>({ count: '*' }))[0]!.count);

/** Starts the real server entry point and returns everything it printed until it served, then stops it. */
async function serverOutput(env: Record<string, string>): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-main-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    env: {
      ...process.env,
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      RTC_LISTEN_IP: '127.0.0.1',
      MEDIASOUP_WORKERS: '1',
      DIEMCAU_DATA_DIR: dataDir,
      LOG_LEVEL: 'trace',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 30_000);
      child.stdout.on('data', () => {
        if (output.includes('diemcau is serving')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`the server exited:\n${output}`)));
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return output;
}

describe('production start without the demo (issue 11, deliver 5)', () => {
  it('seeds no demo province, meeting or account', async () => {
    for (const table of ['units', 'sites', 'meetings', 'users']) expect(await count(table)).toBe(0);
  });

  it('creates the first administrator from the command line, who can log in; the name cannot be taken twice', async () => {
    const created = await runCli(platform, ['create-admin', 'quantri']);
    expect(created.code).toBe(0);
    const password = /Password \(shown this once\): (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeTruthy();
    const login = await apiClient(platform.url)<{ user: { role: string } }>('POST', '/auth/login', { username: 'quantri', password });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('admin');
    expect(await platform.db('audit_log').where({ action: 'user.create', actor: 'system:cli' }).first()).toBeTruthy();

    expect((await runCli(platform, ['create-admin', 'quantri'])).code).toBe(1);
    expect((await runCli(platform, ['create-admin', 'Not A Name'])).code).toBe(1);
  });

  it('prints no password when started with DIEMCAU_DEMO=0, and says how to create the administrator', async () => {
    const output = await serverOutput({ DIEMCAU_DEMO: '0' });
    expect(output).toContain('create-admin');
    expect(output).not.toMatch(/password|Demo accounts/i);
  });
});
