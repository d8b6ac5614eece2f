/*
 * What a bridge process under load reports about itself to the load generator,
 * over the IPC channel of `child_process.fork`: the PIDs of its SFU workers (the
 * generator reads their CPU and memory in /proc), the consumers each worker
 * carries, and the delay of its Node event loop.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { types } from 'mediasoup';
import type { LayoutTemplate } from '@diemcau/shared';
import type { ChairAccess } from './ChairConsole';

/** The reference view of a province meeting: the chair's site first in a 4×4 grid of districts. */
export const REFERENCE_GRID: LayoutTemplate = 'grid-4x4';

export interface BridgeReady {
  type: 'ready';
  url: string;
  rooms: Array<{ siteCode: string; token: string }>;
  workerPids: number[];
  /** diemcau's bridge only: its data directory, whose store can be read (read-only) from outside. */
  dataDir?: string;
  /** diemcau's bridge only: the live meeting and its chair operator, for the benchmarks and the soak that drive the chair (bare mediasoup has none). */
  chair?: ChairAccess;
}

export interface BridgeSample {
  type: 'sample';
  workerPids: number[];
  consumersPerWorker: number[];
  heldPerWorker: WorkerHeld[];
  eventLoopDelayMs: { p50: number; p95: number; max: number };
  /** The bridge's Node process: heap read after a full collection when the process allows it (--expose-gc). */
  node: { rssBytes: number; heapUsedBytes: number; activeResources: number };
}

/** The other sites of a meeting of `count`: those the store has first, then made-up communes. */
export function loadSiteCodes(count: number, existing: readonly string[]): string[] {
  const codes = existing.slice(0, Math.max(0, count - 1));
  for (let index = 1; codes.length < count - 1; index++) codes.push(`xa-${String(index).padStart(3, '0')}`);
  return codes;
}

interface MediasoupObserver {
  on(event: 'newworker', listener: (worker: types.Worker) => void): unknown;
}

/** What one kind of transport holds on a worker. */
export interface Held {
  transports: number;
  producers: number;
  consumers: number;
}

/** A worker's media: the peers' own (WebRTC transports), and the pipes that carry streams between the routers of one room. */
export interface WorkerHeld {
  webRtc: Held;
  pipe: Held;
}

interface Closable {
  observer: { once(event: 'close', listener: () => void): unknown };
}

/** Counts the live transports, producers and consumers of every worker this process starts, from mediasoup's observer events. */
export class WorkerCensus {
  private readonly held = new Map<types.Worker, WorkerHeld>();

  constructor(observer: MediasoupObserver) {
    observer.on('newworker', (worker) => {
      const held: WorkerHeld = { webRtc: { transports: 0, producers: 0, consumers: 0 }, pipe: { transports: 0, producers: 0, consumers: 0 } };
      this.held.set(worker, held);
      worker.observer.once('close', () => this.held.delete(worker));
      const count = (on: Held, what: keyof Held, closable: Closable) => {
        on[what]++;
        closable.observer.once('close', () => on[what]--);
      };
      worker.observer.on('newrouter', (router) =>
        router.observer.on('newtransport', (transport) => {
          // diemcau's bridge makes WebRTC transports for peers and pipe transports between routers, nothing else.
          const on = 'iceParameters' in transport ? held.webRtc : held.pipe;
          count(on, 'transports', transport);
          transport.observer.on('newproducer', (producer) => count(on, 'producers', producer));
          transport.observer.on('newconsumer', (consumer) => count(on, 'consumers', consumer));
        }),
      );
    });
  }

  get workerPids(): number[] {
    return [...this.held.keys()].map((worker) => worker.pid);
  }

  /** Every consumer of each worker, pipes' included. */
  get consumersPerWorker(): number[] {
    return [...this.held.values()].map((held) => held.webRtc.consumers + held.pipe.consumers);
  }

  get heldPerWorker(): WorkerHeld[] {
    return [...this.held.values()].map((held) => ({ webRtc: { ...held.webRtc }, pipe: { ...held.pipe } }));
  }
}

/** What the bridge's Node process holds now; the heap after a full collection if `gc` is exposed, so that samples compare. */
function nodeFigures(): BridgeSample['node'] {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, activeResources: process.getActiveResourcesInfo().length };
}

/** Answers the generator: `sample` (since the previous one) and `stop`. */
export function bridgeMessages(census: WorkerCensus, stop: () => Promise<void>): void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'sample') {
      const sample: BridgeSample = {
        type: 'sample',
        workerPids: census.workerPids,
        consumersPerWorker: census.consumersPerWorker,
        heldPerWorker: census.heldPerWorker,
        eventLoopDelayMs: { p50: delay.percentile(50) / 1e6, p95: delay.percentile(95) / 1e6, max: delay.max / 1e6 },
        // After the delay is read: a full collection stalls the loop.
        node: nodeFigures(),
      };
      delay.reset();
      process.send!(sample);
    }
    if (message.type === 'stop') {
      void stop()
        .catch(logStopFailure)
        .finally(() => process.exit(0));
    }
  });
  // An orphaned bridge must not outlive its generator.
  process.on(
    'disconnect',
    () =>
      void stop()
        .catch(logStopFailure)
        .finally(() => process.exit(0)),
  );
}

function logStopFailure(error: unknown): void {
  console.error('the bridge did not stop cleanly', error);
}
