import type { types } from 'mediasoup';
import type { MediaSource, NewConsumer, RtpCapabilities, SiteSummary, TransportDirection } from '@diemcau/shared';
import type { RoomRouter } from './RoomRouter';
import type { Subscriptions } from './Subscriptions';

/** How a room talks back to one connected peer; the signaling layer implements it over its socket. */
export interface PeerChannel {
  /** Resolves once the peer has set up the consumer on its side. */
  offerConsumer(consumer: NewConsumer): Promise<void>;
  consumerClosed(consumerId: string): void;
  mediaRestart(reason: string): void;
}

/**
 * A room's kiosk; the chair console, which watches every site and may present;
 * or a technician's connection check, which receives its own media back.
 */
export type PeerRole = 'kiosk' | 'console' | 'check';

export interface ProducerInfo {
  producer: types.Producer;
  source: MediaSource;
  /** The peer paused it itself; the chair's policy never resumes what the peer paused. */
  selfPaused: boolean;
}

/** `site/source`: the key by which a peer says which stream it wants. */
export const streamKey = (siteCode: string, source: MediaSource) => `${siteCode}/${source}`;

/**
 * One peer in a room, placed on one of the room's routers: its transports, the
 * producers it sends, and the subscriptions that keep what it receives in line
 * with what it should receive.
 */
export class Peer {
  readonly transports = new Map<TransportDirection, types.WebRtcTransport>();
  readonly producers = new Map<string, ProducerInfo>();
  /** Set when the peer joins with what it can receive; until then nothing is sent to it. */
  rtpCapabilities: RtpCapabilities | undefined;
  /** The console's visible thumbnails (`chair:watch`); undefined until it says. */
  watching: ReadonlySet<string> | undefined;
  closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    readonly id: string,
    readonly site: SiteSummary,
    readonly role: PeerRole,
    readonly channel: PeerChannel,
    readonly router: RoomRouter,
    readonly subscriptions: Subscriptions,
  ) {}

  transportById(transportId: string): types.WebRtcTransport | undefined {
    for (const transport of this.transports.values()) if (transport.id === transportId) return transport;
    return undefined;
  }

  producerOf(source: MediaSource): ProducerInfo | undefined {
    for (const info of this.producers.values()) if (info.source === source) return info;
    return undefined;
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Closing the transports closes every producer and consumer on them. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.subscriptions.close();
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
