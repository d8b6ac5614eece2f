/**
 * `npm run bench -- startup`: time from spawning the server to its first GET /healthz 200, the compiled
 * server (`node server/dist/main.js`, what `npm run serve` runs) against the sources through tsx (`npm run dev`),
 * starts alternating in the same run so both see the same machine load. The compiled server is built first.
 * One data directory, seeded by a first start that is not counted: each counted start is a restart.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
/** A start slower than this is a failure, not a figure. */
const START_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 15_000;
const root = path.resolve(import.meta.dirname, '../..');

const variants = {
  compiled: ['--enable-source-maps', 'server/dist/main.js'],
  tsx: ['--import', 'tsx', 'server/src/main.ts'],
} as const;
type Variant = keyof typeof variants;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the server, returns the milliseconds until /healthz answered 200, and stops it again. */
async function timeStart(variant: Variant, dataDir: string): Promise<number> {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HTTPS_PORT: String(await freePort()),
    HOST: '127.0.0.1',
    RTC_LISTEN_IP: '127.0.0.1',
    RTC_SERVER_PORT: '0',
    MEDIASOUP_WORKERS: '1',
    LOG_LEVEL: 'warn',
    DIEMCAU_DATA_DIR: dataDir,
  };
  const started = performance.now();
  const child = spawn(process.execPath, variants[variant], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    while (performance.now() - started < START_LIMIT_MS) {
      if (child.exitCode !== null) throw new Error(`the ${variant} server exited: ${errors}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (healthy) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the ${variant} server was not healthy within ${START_LIMIT_MS} ms: ${errors}`);
  } finally {
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_LIMIT_MS))]);
    if (!stopped) {
      child.kill('SIGKILL');
      await exited;
    }
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export async function startupBenchmark(): Promise<void> {
  execFileSync(process.execPath, ['server/build.mjs'], { cwd: root, stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-startup-'));
  try {
    await timeStart('compiled', dataDir);
    const times: Record<Variant, number[]> = { compiled: [], tsx: [] };
    for (let round = 0; round < STARTS; round++) {
      for (const variant of round % 2 === 0 ? (['tsx', 'compiled'] as const) : (['compiled', 'tsx'] as const)) {
        times[variant].push(await timeStart(variant, dataDir));
      }
    }
    const load = os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
    for (const variant of ['tsx', 'compiled'] as const) {
      const runs = times[variant].map((ms) => ms.toFixed(0)).join(', ');
      process.stdout.write(`start → /healthz 200, ${variant}: median ${median(times[variant]).toFixed(0)} ms over ${STARTS} starts (${runs})\n`);
    }
    process.stdout.write(`load average after the run: ${load} (${os.cpus().length} cores)\n`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
