import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { WorkerPool } from '../../src/media/WorkerPool';
import { startPlatform } from '../../src/platform';
import type { Database } from '../../src/store/database';

const opened = vi.hoisted(() => [] as Database[]);
vi.mock('../../src/store/database', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/store/database')>();
  return {
    ...original,
    openDatabase: (...args: Parameters<typeof original.openDatabase>) => {
      const db = original.openDatabase(...args);
      opened.push(db);
      return db;
    },
  };
});

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a start that cannot listen', () => {
  it('rejects, and leaves no worker process and no open store behind', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const pools: WorkerPool[] = [];
    const pids: number[] = [];
    const start = WorkerPool.start.bind(WorkerPool);
    vi.spyOn(WorkerPool, 'start').mockImplementation(async (...args) => {
      const pool = await start(...args);
      pools.push(pool);
      pids.push(...pool.workers().map((worker) => worker.pid));
      return pool;
    });
    try {
      const config = loadConfig({
        PORT: String(port),
        HTTPS_PORT: '0',
        HOST: '127.0.0.1',
        DIEMCAU_DATA_DIR: dataDir,
        RTC_LISTEN_IP: '127.0.0.1',
        RTC_SERVER_PORT: '0',
        MEDIASOUP_WORKERS: '1',
        LOG_LEVEL: 'silent',
      });
      await expect(startPlatform(config, createLogger(config.logLevel), { manualScheduler: true })).rejects.toThrow(/EADDRINUSE/);

      expect(pools).toHaveLength(1);
      expect(pids).toHaveLength(1);
      expect(pools[0]!.liveWorkers).toBe(0);
      // The worker processes get their signal on close; give them a bounded moment to exit.
      for (let wait = 0; wait < 50 && pids.some(isRunning); wait++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(pids.filter(isRunning)).toEqual([]);
      expect(opened).toHaveLength(1);
      await expect(opened[0]!.raw('select 1')).rejects.toThrow();
    } finally {
      vi.restoreAllMocks();
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
