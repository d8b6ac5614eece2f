import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type { Logger } from '../logger';
import { mediasoup } from './mediasoupRuntime';
import { pickLeastLoaded } from './pickLeastLoaded';

export interface WorkerPoolSettings {
  size: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  /** Wait before replacing a dead worker, so a worker that dies on start does not spin. */
  respawnDelayMs?: number;
}

interface PooledWorker {
  worker: types.Worker;
  load: number;
}

/**
 * One mediasoup worker per core. Rooms are placed on the least-loaded worker;
 * a worker that dies is logged and replaced, and its routers close, which tells
 * their rooms to rebuild elsewhere.
 */
export class WorkerPool extends EventEmitter<{ workerDied: [pid: number] }> {
  private readonly pooled: PooledWorker[] = [];
  private closed = false;

  private constructor(
    private readonly settings: WorkerPoolSettings,
    private readonly logger: Logger,
  ) {
    super();
  }

  static async start(settings: WorkerPoolSettings, logger: Logger): Promise<WorkerPool> {
    const pool = new WorkerPool(settings, logger);
    for (let i = 0; i < settings.size; i++) await pool.spawn();
    return pool;
  }

  get liveWorkers(): number {
    return this.pooled.length;
  }

  /** The live workers, for monitoring their resource usage. */
  workers(): ReadonlyArray<types.Worker> {
    return this.pooled.map((entry) => entry.worker);
  }

  /** Rooms hosted by each live worker, for health reports. */
  get loads(): Array<{ pid: number; rooms: number }> {
    return this.pooled.map((entry) => ({ pid: entry.worker.pid, rooms: entry.load }));
  }

  async createRouter(options: types.RouterOptions): Promise<types.Router> {
    const entry = pickLeastLoaded(this.pooled);
    if (!entry) throw new Error('no live media worker');
    // The router says which worker it is on, so monitoring can count a room's media per worker.
    const router = await entry.worker.createRouter({ ...options, appData: { ...options.appData, workerPid: entry.worker.pid } });
    entry.load++;
    router.observer.once('close', () => {
      entry.load--;
    });
    return router;
  }

  close(): void {
    this.closed = true;
    for (const { worker } of this.pooled.splice(0)) worker.close();
  }

  private async spawn(): Promise<void> {
    const worker = await mediasoup.createWorker({
      logLevel: 'warn',
      rtcMinPort: this.settings.rtcMinPort,
      rtcMaxPort: this.settings.rtcMaxPort,
    });
    const entry: PooledWorker = { worker, load: 0 };
    this.pooled.push(entry);
    worker.on('died', (error) => {
      this.pooled.splice(this.pooled.indexOf(entry), 1);
      this.logger.error({ pid: worker.pid, err: error }, 'media worker died; its rooms move to another worker');
      this.emit('workerDied', worker.pid);
      if (this.closed) return;
      setTimeout(() => {
        if (this.closed) return;
        this.spawn().catch((spawnError: unknown) =>
          this.logger.error({ err: spawnError }, 'could not replace a dead media worker'),
        );
      }, this.settings.respawnDelayMs ?? 1000);
    });
    this.logger.info({ pid: worker.pid }, 'media worker started');
  }
}
