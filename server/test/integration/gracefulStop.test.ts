import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { nextEvent, type KioskClient } from './harness';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-stop-'));
const env = {
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  DIEMCAU_DATA_DIR: dataDir,
  RTC_LISTEN_IP: '127.0.0.1',
  RTC_SERVER_PORT: '0',
  MEDIASOUP_WORKERS: '1',
  LOG_LEVEL: 'info',
};
let bridge: ChildProcess | undefined;
afterAll(() => {
  bridge?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The bridge as systemd runs it: its own process, started from main.ts. */
function startBridge(): Promise<{ process: ChildProcess; port: number; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bridge did not start:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.includes('diemcau is serving'));
      if (line) {
        clearTimeout(timer);
        resolve({ process: child, port: (JSON.parse(line) as { port: number }).port, output: () => output });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the bridge exited (${code}):\n${output}`)));
  });
}

describe('a graceful stop (SIGTERM from systemd or docker)', () => {
  it('tells the kiosks the bridge is restarting, and exits cleanly within 10 s', async () => {
    const started = await startBridge();
    bridge = started.process;
    const link = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'kiosk-link', 'bac-ai'], { cwd: serverDir, env, encoding: 'utf8' });
    const token = new URL(link.stdout.trim()).searchParams.get('token')!;
    const kiosk: KioskClient = io(`http://127.0.0.1:${started.port}/kiosk`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await nextEvent(kiosk, 'session:state', 15_000);

    const told = nextEvent(kiosk, 'session:restarting', 15_000);
    const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
      const stoppedAt = Date.now();
      bridge!.once('exit', (code) => resolve({ code, ms: Date.now() - stoppedAt }));
    });
    bridge.kill('SIGTERM');
    await told;
    const { code, ms } = await exited;
    kiosk.close();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(started.output()).toContain('shutting down');
  });
});
