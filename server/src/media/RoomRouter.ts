import type { types } from 'mediasoup';
import { mediaCodecs } from './codecs';
import type { MediaWorker } from './WorkerPool';

/**
 * One of a room's routers, on one worker. A room has one per worker its peers
 * were placed on; a stream sent on one router reaches the others through
 * mediasoup's pipe transports, once per stream and router.
 */
export class RoomRouter {
  private readonly piped = new Map<string, Promise<void>>();

  private constructor(
    readonly worker: MediaWorker,
    readonly router: types.Router,
  ) {}

  static async open(worker: MediaWorker): Promise<RoomRouter> {
    return new RoomRouter(worker, await worker.worker.createRouter({ mediaCodecs }));
  }

  get closed(): boolean {
    return this.router.closed;
  }

  /** Makes a producer of another of the room's routers consumable here; the pipe is made once and shared. */
  pipeFrom(source: RoomRouter, producerId: string): Promise<void> {
    if (source === this) return Promise.resolve();
    let pipe = this.piped.get(producerId);
    if (!pipe) {
      pipe = source.router.pipeToRouter({ producerId, router: this.router }).then(({ pipeProducer }) => {
        // The pipe producer closes with the original, or when the source router's worker dies.
        if (!pipeProducer || pipeProducer.closed) this.piped.delete(producerId);
        else pipeProducer.observer.once('close', () => this.piped.delete(producerId));
      });
      this.piped.set(producerId, pipe);
      pipe.catch(() => this.piped.delete(producerId));
    }
    return pipe;
  }

  close(): void {
    this.router.close();
  }
}
