import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPlatform } from './harness';

const SCRIPT = path.resolve(import.meta.dirname, '../../../deploy/kiosk/setup-room-pc.sh');

/** deploy/kiosk/setup-room-pc.sh against a real bridge, writing into a scratch home and policy folder. */
describe('room PC set-up script', () => {
  let platform: TestPlatform;
  let fingerprint: string;
  let origin: string;
  let link: string;
  const scratch: string[] = [];

  beforeAll(async () => {
    platform = await TestPlatform.start();
    fingerprint = platform.tls.info.fingerprint256;
    origin = platform.httpsUrl;
    link = `${origin}/kiosk?token=${await platform.kioskToken('bac-ai')}`;
  });
  afterAll(async () => {
    await platform.close();
    for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Asynchronous: the bridge answering the script's download runs in this very process. */
  async function run(args: string[]) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-roompc-'));
    scratch.push(root);
    const home = path.join(root, 'home');
    const policies = path.join(root, 'policies');
    fs.mkdirSync(home);
    const child = spawn('bash', [SCRIPT, ...args, '--user', 'root'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DIEMCAU_KIOSK_HOME: home, DIEMCAU_POLICY_DIR: policies, DIEMCAU_SKIP_SYSTEM: '1' },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { result: { status, stdout, stderr }, home, policies };
  }

  it('trusts the CA whose fingerprint the technician pasted, allows the camera for the bridge only, and installs the unit', async () => {
    const { result, home, policies } = await run([origin, link, '--fingerprint', fingerprint.toLowerCase()]);
    expect(result.status, result.stderr).toBe(0);

    const trusted = spawnSync('certutil', ['-d', `sql:${home}/.pki/nssdb`, '-L', '-n', 'diemcau bridge CA', '-a'], { encoding: 'utf8' });
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(new crypto.X509Certificate(trusted.stdout).fingerprint256).toBe(fingerprint);
    const trustFlags = spawnSync('certutil', ['-d', `sql:${home}/.pki/nssdb`, '-L'], { encoding: 'utf8' }).stdout;
    expect(trustFlags).toMatch(/diemcau bridge CA\s+C,,/);

    const policy = JSON.parse(fs.readFileSync(path.join(policies, 'diemcau-kiosk.json'), 'utf8'));
    expect(policy).toMatchObject({
      VideoCaptureAllowed: false,
      AudioCaptureAllowed: false,
      VideoCaptureAllowedUrls: [origin],
      AudioCaptureAllowedUrls: [origin],
      AutoplayAllowlist: [origin],
    });

    const unit = fs.readFileSync(path.join(home, '.config/systemd/user/diemcau-kiosk.service'), 'utf8');
    const command = unit.slice(unit.indexOf('ExecStart='), unit.indexOf('Restart='));
    expect(command).toContain('/usr/bin/chromium --kiosk');
    expect(command).not.toContain('--use-fake-ui-for-media-stream');
    expect(fs.readlinkSync(path.join(home, '.config/systemd/user/graphical-session.target.wants/diemcau-kiosk.service'))).toBe('../diemcau-kiosk.service');
    const environment = path.join(home, '.config/diemcau-kiosk.env');
    expect(fs.readFileSync(environment, 'utf8')).toBe(`KIOSK_URL=${link}\n`);
    expect(fs.statSync(environment).mode & 0o077).toBe(0);
  });

  it('changes nothing when the fingerprint does not match', async () => {
    const wrong = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00');
    const { result, home, policies } = await run([origin, link, '--fingerprint', wrong]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/fingerprint/);
    expect(fs.existsSync(path.join(home, '.pki'))).toBe(false);
    expect(fs.existsSync(policies)).toBe(false);
    expect(fs.existsSync(path.join(home, '.config'))).toBe(false);
  });

  it('refuses a plain-HTTP bridge address and a link to another origin', async () => {
    expect((await run([origin.replace('https:', 'http:'), link, '--fingerprint', fingerprint])).result.status).toBe(1);
    expect((await run(['https://other.example:8443', link, '--fingerprint', fingerprint])).result.stderr).toMatch(/kiosk link must start with/);
  });
});
