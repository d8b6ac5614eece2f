import type { types } from 'mediasoup';
import type { MediaSource, NewConsumer, RtpCapabilities, SiteSummary, TransportDirection } from '@diemcau/shared';

/** How a room talks back to one connected kiosk; the signaling layer implements it over its socket. */
export interface PeerChannel {
  /** Resolves once the kiosk has set up the consumer on its side. */
  offerConsumer(consumer: NewConsumer): Promise<void>;
  consumerClosed(consumerId: string): void;
  mediaRestart(reason: string): void;
}

export interface ProducerInfo {
  producer: types.Producer;
  source: MediaSource;
}

/** One kiosk in a room: its transports and the producers and consumers on them. */
export class Peer {
  readonly transports = new Map<TransportDirection, types.WebRtcTransport>();
  readonly producers = new Map<string, ProducerInfo>();
  readonly consumers = new Map<string, types.Consumer>();
  /** Set when the kiosk declares what it can receive; until then nothing is sent to it. */
  rtpCapabilities: RtpCapabilities | undefined;
  closed = false;

  constructor(
    readonly id: string,
    readonly site: SiteSummary,
    readonly channel: PeerChannel,
  ) {}

  transportById(transportId: string): types.WebRtcTransport | undefined {
    for (const transport of this.transports.values()) if (transport.id === transportId) return transport;
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
