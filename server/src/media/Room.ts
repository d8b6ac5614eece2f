import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type {
  DtlsParameters,
  MediaSource,
  RtpCapabilities,
  RtpParameters,
  SiteSummary,
  TransportDirection,
  TransportOptions,
} from '@diemcau/shared';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import { Peer, type PeerChannel } from './Peer';

export interface TransportListen {
  listenIp: string;
  announcedIp: string | undefined;
}

export interface ProduceRequest {
  transportId: string;
  kind: 'audio' | 'video';
  rtpParameters: RtpParameters;
  source: MediaSource;
}

/**
 * The media side of one live meeting: a router and the peers (kiosks) on it.
 * The room owns its peers' transports; closing the room closes all of them.
 * Every joined peer receives every other peer's media.
 */
export class Room extends EventEmitter<{ close: [reason: string] }> {
  private readonly peers = new Map<string, Peer>();
  private closed = false;

  constructor(
    readonly meetingId: string,
    private readonly router: types.Router,
    private readonly listen: TransportListen,
    private readonly logger: Logger,
  ) {
    super();
    // The router closes under us when its worker dies: the room cannot go on.
    router.observer.once('close', () => this.close('media-restart'));
  }

  get rtpCapabilities(): RtpCapabilities {
    return this.router.rtpCapabilities as RtpCapabilities;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Adds a kiosk. A second connection from the same site replaces the first (a reloaded kiosk). */
  addPeer(peerId: string, site: SiteSummary, channel: PeerChannel): Peer {
    this.assertOpen();
    for (const existing of this.peers.values()) {
      if (existing.site.code === site.code) this.removePeer(existing.id);
    }
    const peer = new Peer(peerId, site, channel);
    this.peers.set(peerId, peer);
    return peer;
  }

  removePeer(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    peer.close();
  }

  onlineSiteCodes(): Set<string> {
    return new Set([...this.peers.values()].map((peer) => peer.site.code));
  }

  async createTransport(peer: Peer, direction: TransportDirection): Promise<TransportOptions> {
    this.assertMember(peer);
    peer.transports.get(direction)?.close();
    const transport = await this.router.createWebRtcTransport({
      listenIps: [{ ip: this.listen.listenIp, announcedIp: this.listen.announcedIp }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction },
    });
    peer.transports.set(direction, transport);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(peer: Peer, transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    this.assertMember(peer);
    const transport = peer.transportById(transportId);
    if (!transport) throw new DomainError('not-found', 'unknown transport');
    await transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
  }

  /** The peer can now receive: it gets everything already being sent in the room. */
  async join(peer: Peer, rtpCapabilities: RtpCapabilities): Promise<void> {
    this.assertMember(peer);
    peer.rtpCapabilities = rtpCapabilities;
    const consumptions: Promise<void>[] = [];
    for (const other of this.peers.values()) {
      if (other === peer) continue;
      for (const producer of other.producers.values()) consumptions.push(this.consume(peer, other, producer.producer));
    }
    await Promise.all(consumptions);
  }

  async produce(peer: Peer, request: ProduceRequest): Promise<string> {
    this.assertMember(peer);
    const transport = peer.transportById(request.transportId);
    if (!transport || transport.appData.direction !== 'send') {
      throw new DomainError('not-found', 'unknown sending transport');
    }
    const producer = await transport.produce({
      kind: request.kind,
      rtpParameters: request.rtpParameters as types.RtpParameters,
      appData: { source: request.source },
    });
    peer.producers.set(producer.id, { producer, source: request.source });
    producer.observer.once('close', () => peer.producers.delete(producer.id));
    for (const other of this.peers.values()) {
      if (other !== peer) void this.consume(other, peer, producer);
    }
    return producer.id;
  }

  closeProducer(peer: Peer, producerId: string): void {
    this.assertMember(peer);
    const entry = peer.producers.get(producerId);
    if (!entry) throw new DomainError('not-found', 'unknown producer');
    entry.producer.close();
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) {
      peer.close();
      peer.channel.mediaRestart(reason);
    }
    this.peers.clear();
    this.router.close();
    this.emit('close', reason);
  }

  private async consume(consumer: Peer, producerPeer: Peer, producer: types.Producer): Promise<void> {
    const transport = consumer.transports.get('recv');
    const capabilities = consumer.rtpCapabilities as types.RtpCapabilities | undefined;
    if (!transport || !capabilities || consumer.closed || producer.closed) return;
    if (!this.router.canConsume({ producerId: producer.id, rtpCapabilities: capabilities })) {
      this.logger.warn({ site: consumer.site.code, producer: producer.id }, 'kiosk cannot receive this codec');
      return;
    }
    try {
      // Paused until the kiosk has its consumer ready, so no keyframe is lost on the way.
      const mediaConsumer = await transport.consume({ producerId: producer.id, rtpCapabilities: capabilities, paused: true });
      consumer.consumers.set(mediaConsumer.id, mediaConsumer);
      mediaConsumer.observer.once('close', () => {
        consumer.consumers.delete(mediaConsumer.id);
        if (!consumer.closed) consumer.channel.consumerClosed(mediaConsumer.id);
      });
      await consumer.channel.offerConsumer({
        consumerId: mediaConsumer.id,
        producerId: producer.id,
        kind: mediaConsumer.kind,
        rtpParameters: mediaConsumer.rtpParameters as RtpParameters,
        siteCode: producerPeer.site.code,
        source: (producer.appData.source as MediaSource | undefined) ?? 'camera',
      });
      if (!mediaConsumer.closed) await mediaConsumer.resume();
    } catch (error) {
      this.logger.warn({ err: error, site: consumer.site.code }, 'could not deliver a stream to a kiosk');
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new DomainError('not-in-meeting', 'the meeting room has closed');
  }

  private assertMember(peer: Peer): void {
    this.assertOpen();
    if (this.peers.get(peer.id) !== peer) throw new DomainError('not-in-meeting', 'not connected to this meeting');
  }
}
