import type { types } from 'mediasoup';
import type { RtpCapabilities } from '@diemcau/shared';
import type { RtcSettings } from '../config';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import { mediaCodecs } from './codecs';
import { mediasoup } from './mediasoupRuntime';
import { pickLeastLoaded } from './pickLeastLoaded';

export interface WorkerPoolSettings {
  size: number;
  rtc: RtcSettings;
  /** Wait before replacing a dead worker, so a worker that dies on start does not spin. */
  respawnDelayMs?: number;
}

/** One SFU process on one core, with the single port its rooms' media arrives on. */
export class MediaWorker {
  /** Peers of every room placed on this worker: what balancing compares. */
  load = 0;

  constructor(
    readonly worker: types.Worker,
    readonly webRtcServer: types.WebRtcServer | undefined,
    private readonly rtc: RtcSettings,
  ) {}

  get pid(): number {
    return this.worker.pid;
  }

  get closed(): boolean {
    return this.worker.closed;
  }

  /** Options for a peer's transport: through the worker's WebRtcServer, or on a port of its own from the range. */
  transportOptions(protocols: readonly ('udp' | 'tcp')[]): types.WebRtcTransportOptions {
    const listen = this.webRtcServer ? { webRtcServer: this.webRtcServer } : { listenIps: [{ ip: this.rtc.listenIp, announcedIp: this.rtc.announcedIp }] };
    return {
      ...listen,
      enableUdp: protocols.includes('udp'),
      enableTcp: protocols.includes('tcp'),
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
    };
  }
}

/**
 * One mediasoup worker per core. Each new peer goes to the least-loaded worker,
 * whatever its meeting, so one meeting uses every core. A worker that dies is
 * logged and replaced on the same port; its routers close, and the rooms move
 * the peers they had there.
 */
export class WorkerPool {
  private readonly slots: Array<MediaWorker | undefined>;
  private closed = false;

  private constructor(
    private readonly settings: WorkerPoolSettings,
    private readonly logger: Logger,
    /** The same for every router, since every router has the same codecs. */
    readonly rtpCapabilities: RtpCapabilities,
  ) {
    this.slots = new Array<MediaWorker | undefined>(settings.size).fill(undefined);
  }

  static async start(settings: WorkerPoolSettings, logger: Logger): Promise<WorkerPool> {
    const probe = await mediasoup.createWorker({ logLevel: 'warn' });
    const router = await probe.createRouter({ mediaCodecs });
    const capabilities = router.rtpCapabilities as RtpCapabilities;
    probe.close();
    const pool = new WorkerPool(settings, logger, capabilities);
    try {
      for (let slot = 0; slot < settings.size; slot++) await pool.spawn(slot);
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  get liveWorkers(): number {
    return this.workers().length;
  }

  workers(): MediaWorker[] {
    return this.slots.filter((entry): entry is MediaWorker => entry !== undefined);
  }

  leastLoaded(): MediaWorker {
    const entry = pickLeastLoaded(this.workers());
    if (!entry) throw new DomainError('media-error', 'no live media worker');
    return entry;
  }

  close(): void {
    this.closed = true;
    for (const entry of this.slots.splice(0)) entry?.worker.close();
  }

  private async spawn(slot: number): Promise<void> {
    const { rtc } = this.settings;
    const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: rtc.minPort, rtcMaxPort: rtc.maxPort });
    let webRtcServer: types.WebRtcServer | undefined;
    if (rtc.serverPort !== undefined) {
      const port = rtc.serverPort === 0 ? undefined : rtc.serverPort + slot;
      try {
        webRtcServer = await worker.createWebRtcServer({
          listenInfos: (['udp', 'tcp'] as const).map((protocol) => ({ protocol, ip: rtc.listenIp, announcedIp: rtc.announcedIp, port })),
        });
      } catch (error) {
        worker.close();
        throw new Error(`could not listen for media on port ${port ?? '(free)'}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const entry = new MediaWorker(worker, webRtcServer, rtc);
    this.slots[slot] = entry;
    worker.on('died', (error) => {
      if (this.slots[slot] === entry) this.slots[slot] = undefined;
      this.logger.error({ pid: worker.pid, err: error, code: 'worker-died' }, 'media worker died; its peers re-join on another worker');
      if (this.closed) return;
      setTimeout(() => {
        if (this.closed) return;
        this.spawn(slot).catch((spawnError: unknown) => this.logger.error({ err: spawnError }, 'could not replace a dead media worker'));
      }, this.settings.respawnDelayMs ?? 1000);
    });
    const sockets = (webRtcServer ? await webRtcServer.dump() : undefined) as
      { udpSockets: Array<{ port: number }>; tcpServers: Array<{ port: number }> } | undefined;
    this.logger.info(
      { pid: worker.pid, udp: sockets?.udpSockets.map((socket) => socket.port), tcp: sockets?.tcpServers.map((socket) => socket.port) },
      'media worker started',
    );
  }
}
