import type { types } from 'mediasoup';
import type { MediaSource, NewConsumer, RtpCapabilities, SiteSummary, SpatialLayer, TransportDirection } from '@diemcau/shared';

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

export interface ConsumerInfo {
  consumer: types.Consumer;
  siteCode: string;
  source: MediaSource;
}

/** `site/source`: the key by which a peer says which video it wants. */
export const streamKey = (siteCode: string, source: MediaSource) => `${siteCode}/${source}`;

/** One peer in a room: its transports, the producers and consumers on them, and the video it wants. */
export class Peer {
  readonly transports = new Map<TransportDirection, types.WebRtcTransport>();
  readonly producers = new Map<string, ProducerInfo>();
  readonly consumers = new Map<string, ConsumerInfo>();
  /** Video streams this peer's layout shows, with the simulcast layer each pane needs. */
  wants = new Map<string, SpatialLayer>();
  /** Set when the peer declares what it can receive; until then nothing is sent to it. */
  rtpCapabilities: RtpCapabilities | undefined;
  closed = false;

  constructor(
    readonly id: string,
    readonly site: SiteSummary,
    readonly role: PeerRole,
    readonly channel: PeerChannel,
  ) {}

  transportById(transportId: string): types.WebRtcTransport | undefined {
    for (const transport of this.transports.values()) if (transport.id === transportId) return transport;
    return undefined;
  }

  consumerOf(key: string): ConsumerInfo | undefined {
    for (const info of this.consumers.values()) if (streamKey(info.siteCode, info.source) === key) return info;
    return undefined;
  }

  /** Closing the transports closes every producer and consumer on them. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}
