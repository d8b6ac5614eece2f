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
  /** Our bridge's chair operator, for the benchmarks that time the chair's actions (bare mediasoup has none). */
  chair?: ChairAccess;
}

export interface BridgeSample {
  type: 'sample';
  workerPids: number[];
  consumersPerWorker: number[];
  eventLoopDelayMs: { p50: number; p95: number; max: number };
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

/** Counts the live consumers of every worker this process starts, from mediasoup's observer events. */
export class WorkerCensus {
  private readonly consumers = new Map<types.Worker, number>();

  constructor(observer: MediasoupObserver) {
    observer.on('newworker', (worker) => {
      this.consumers.set(worker, 0);
      worker.observer.once('close', () => this.consumers.delete(worker));
      worker.observer.on('newrouter', (router) =>
        router.observer.on('newtransport', (transport) =>
          transport.observer.on('newconsumer', (consumer) => {
            this.consumers.set(worker, (this.consumers.get(worker) ?? 0) + 1);
            consumer.observer.once('close', () => this.consumers.set(worker, (this.consumers.get(worker) ?? 1) - 1));
          }),
        ),
      );
    });
  }

  get workerPids(): number[] {
    return [...this.consumers.keys()].map((worker) => worker.pid);
  }

  get consumersPerWorker(): number[] {
    return [...this.consumers.values()];
  }
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
        eventLoopDelayMs: { p50: delay.percentile(50) / 1e6, p95: delay.percentile(95) / 1e6, max: delay.max / 1e6 },
      };
      delay.reset();
      process.send!(sample);
    }
    if (message.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
  // An orphaned bridge must not outlive its generator.
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
}
