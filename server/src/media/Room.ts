import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type {
  DtlsParameters,
  MediaSource,
  RtpCapabilities,
  RtpParameters,
  SiteSummary,
  SpatialLayer,
  TransportDirection,
  TransportOptions,
} from '@diemcau/shared';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import { Peer, streamKey, type PeerChannel, type PeerRole } from './Peer';

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

/** What the chair currently holds off: a muted microphone, a camera turned off, a screen not allowed. */
export interface MediaPolicy {
  isBlocked(siteCode: string, source: MediaSource): boolean;
}

const allowEverything: MediaPolicy = { isBlocked: () => false };

export interface RoomEvents {
  close: [reason: string];
  peersChanged: [];
  /** A producer started or stopped; the conference watches for shared content. */
  producersChanged: [];
  dominantSpeaker: [siteCode: string];
  /** Audio level per speaking site, 0..1, a few times a second. */
  audioLevels: [levels: Map<string, number>];
}

/**
 * The media side of one live meeting: a router and its peers (kiosks and the
 * chair console). The room owns its peers' transports; closing it closes them
 * all. Every kiosk hears every microphone; video is sent only where a peer's
 * layout shows it, at the layer its pane needs, and paused at the SFU when
 * hidden. What the chair holds off is paused at the SFU too, so no room can
 * undo it from its own side.
 */
export class Room extends EventEmitter<RoomEvents> {
  private readonly peers = new Map<string, Peer>();
  private policy: MediaPolicy = allowEverything;
  private closed = false;

  /** A room with its voice-activation and level observers on a router of its own. */
  static async open(meetingId: string, router: types.Router, listen: TransportListen, logger: Logger): Promise<Room> {
    const activeSpeaker = await router.createActiveSpeakerObserver({ interval: 300 });
    const audioLevels = await router.createAudioLevelObserver({ maxEntries: 100, threshold: -70, interval: 250 });
    return new Room(meetingId, router, listen, logger, activeSpeaker, audioLevels);
  }

  private constructor(
    readonly meetingId: string,
    private readonly router: types.Router,
    private readonly listen: TransportListen,
    private readonly logger: Logger,
    private readonly activeSpeaker: types.ActiveSpeakerObserver,
    private readonly audioLevels: types.AudioLevelObserver,
  ) {
    super();
    // The router closes under us when its worker dies: the room cannot go on.
    router.observer.once('close', () => this.close('media-restart'));
    activeSpeaker.on('dominantspeaker', ({ producer }) => {
      const site = this.siteOfProducer(producer.id);
      if (site) this.emit('dominantSpeaker', site);
    });
    audioLevels.on('volumes', (volumes) => {
      const levels = new Map<string, number>();
      for (const { producer, volume } of volumes) {
        const site = this.siteOfProducer(producer.id);
        // dBov from -70 (the silence threshold) to 0 (full scale), as 0..1 for meters.
        if (site) levels.set(site, Math.max(0, Math.min(1, (volume + 70) / 70)));
      }
      this.emit('audioLevels', levels);
    });
    audioLevels.on('silence', () => this.emit('audioLevels', new Map()));
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

  /** What the room holds on each worker it uses, for monitoring. */
  mediaCounts(): Array<{ workerPid: number; peers: number; transports: number; producers: number; consumers: number }> {
    const peers = this.peerList();
    const sum = (count: (peer: Peer) => number) => peers.reduce((total, peer) => total + count(peer), 0);
    return [
      {
        workerPid: Number(this.router.appData.workerPid),
        peers: peers.length,
        transports: sum((peer) => peer.transports.size),
        producers: sum((peer) => peer.producers.size),
        consumers: sum((peer) => peer.consumers.size),
      },
    ];
  }

  peerList(): Peer[] {
    return [...this.peers.values()];
  }

  /** Adds a peer. A second kiosk of the same site replaces the first (a reloaded kiosk). */
  addPeer(peerId: string, site: SiteSummary, channel: PeerChannel, role: PeerRole = 'kiosk'): Peer {
    this.assertOpen();
    for (const existing of this.peers.values()) {
      if (existing.role === role && existing.site.code === site.code) this.removePeer(existing.id);
    }
    const peer = new Peer(peerId, site, role, channel);
    this.peers.set(peerId, peer);
    this.emit('peersChanged');
    return peer;
  }

  removePeer(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    peer.close();
    this.emit('peersChanged');
  }

  /** Sites with a kiosk connected (the console is not a site in the meeting). */
  onlineSiteCodes(): Set<string> {
    return new Set(this.peerList().filter((peer) => peer.role === 'kiosk').map((peer) => peer.site.code));
  }

  /** The peer (site code, or `console`) sending a screen stream, if any. */
  screenSharer(): string | null {
    for (const peer of this.peers.values()) {
      for (const info of peer.producers.values()) if (info.source === 'screen') return peer.site.code;
    }
    return null;
  }

  /** Best current send quality per site (mediasoup's 0–10 score of its camera or microphone). */
  siteScores(): Map<string, number> {
    const scores = new Map<string, number>();
    for (const peer of this.peers.values()) {
      if (peer.role !== 'kiosk') continue;
      const best = Math.max(0, ...[...peer.producers.values()].flatMap((info) => info.producer.score.map((entry) => entry.score)));
      scores.set(peer.site.code, best);
    }
    return scores;
  }

  setPolicy(policy: MediaPolicy): void {
    this.policy = policy;
    this.applyPolicy();
  }

  /** Pauses at the SFU what the policy holds off and resumes what it releases (unless the peer paused it itself). */
  applyPolicy(): void {
    for (const peer of this.peers.values()) {
      for (const info of peer.producers.values()) {
        const shouldPause = info.selfPaused || this.policy.isBlocked(peer.site.code, info.source);
        if (shouldPause && !info.producer.paused) void info.producer.pause();
        if (!shouldPause && info.producer.paused) void info.producer.resume();
      }
    }
  }

  /** The video this peer's layout shows; consumers are created, re-layered, resumed or paused to match. */
  async setWants(peer: Peer, wants: Map<string, SpatialLayer>): Promise<void> {
    this.assertMember(peer);
    peer.wants = wants;
    const work: Promise<void>[] = [];
    for (const info of peer.consumers.values()) {
      if (info.consumer.kind !== 'video') continue;
      const layer = wants.get(streamKey(info.siteCode, info.source));
      if (layer === undefined) {
        if (!info.consumer.paused) work.push(info.consumer.pause());
      } else {
        work.push(info.consumer.setPreferredLayers({ spatialLayer: layer, temporalLayer: 2 }));
        if (info.consumer.paused) work.push(info.consumer.resume());
      }
    }
    for (const other of this.peers.values()) {
      for (const info of other.producers.values()) {
        if ((other !== peer || peer.role === 'check') && info.producer.kind === 'video' && wants.has(streamKey(other.site.code, info.source)) && !peer.consumerOf(streamKey(other.site.code, info.source))) {
          work.push(this.consume(peer, other, info.producer, info.source));
        }
      }
    }
    await Promise.all(work);
  }

  async createTransport(peer: Peer, direction: TransportDirection, protocols: readonly ('udp' | 'tcp')[] = ['udp', 'tcp']): Promise<TransportOptions> {
    this.assertMember(peer);
    peer.transports.get(direction)?.close();
    const transport = await this.router.createWebRtcTransport({
      listenIps: [{ ip: this.listen.listenIp, announcedIp: this.listen.announcedIp }],
      enableUdp: protocols.includes('udp'),
      enableTcp: protocols.includes('tcp'),
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

  /** The peer can now receive: it gets what is already being sent that it should hear or see. */
  async join(peer: Peer, rtpCapabilities: RtpCapabilities): Promise<void> {
    this.assertMember(peer);
    peer.rtpCapabilities = rtpCapabilities;
    const consumptions: Promise<void>[] = [];
    for (const other of this.peers.values()) {
      for (const info of other.producers.values()) {
        if (this.shouldReceive(peer, other, info.producer, info.source)) consumptions.push(this.consume(peer, other, info.producer, info.source));
      }
    }
    await Promise.all(consumptions);
  }

  async produce(peer: Peer, request: ProduceRequest): Promise<string> {
    this.assertMember(peer);
    const transport = peer.transportById(request.transportId);
    if (!transport || transport.appData.direction !== 'send') {
      throw new DomainError('not-found', 'unknown sending transport');
    }
    if (request.source === 'screen' && this.policy.isBlocked(peer.site.code, 'screen')) {
      throw new DomainError('forbidden', 'the chair has not given this site the content token');
    }
    const producer = await transport.produce({
      kind: request.kind,
      rtpParameters: request.rtpParameters as types.RtpParameters,
      // A muted room that publishes a new microphone starts muted too.
      paused: this.policy.isBlocked(peer.site.code, request.source),
      appData: { source: request.source },
    });
    peer.producers.set(producer.id, { producer, source: request.source, selfPaused: false });
    producer.observer.once('close', () => {
      peer.producers.delete(producer.id);
      if (!this.closed) this.emit('producersChanged');
    });
    if (producer.kind === 'audio' && peer.role === 'kiosk') {
      await this.activeSpeaker.addProducer({ producerId: producer.id });
      await this.audioLevels.addProducer({ producerId: producer.id });
    }
    for (const other of this.peers.values()) {
      if (this.shouldReceive(other, peer, producer, request.source)) void this.consume(other, peer, producer, request.source);
    }
    this.emit('producersChanged');
    return producer.id;
  }

  /** A peer pausing or resuming its own device; resuming what the chair holds off is refused. */
  async setProducerPaused(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    this.assertMember(peer);
    const info = peer.producers.get(producerId);
    if (!info) throw new DomainError('not-found', 'unknown producer');
    if (!paused && this.policy.isBlocked(peer.site.code, info.source)) {
      throw new DomainError('forbidden', 'the chair has turned this off; only the chair can turn it back on');
    }
    info.selfPaused = paused;
    this.applyPolicy();
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

  /**
   * Kiosks hear every other kiosk; video and shared content go where a layout
   * shows them. Only a connection check gets its own media back.
   */
  private shouldReceive(receiver: Peer, sender: Peer, producer: types.Producer, source: MediaSource): boolean {
    if (receiver === sender) return receiver.role === 'check';
    if (producer.kind === 'audio') return receiver.role === 'kiosk' && sender.role === 'kiosk';
    return receiver.wants.has(streamKey(sender.site.code, source));
  }

  private siteOfProducer(producerId: string): string | undefined {
    for (const peer of this.peers.values()) if (peer.producers.has(producerId)) return peer.site.code;
    return undefined;
  }

  private async consume(receiver: Peer, sender: Peer, producer: types.Producer, source: MediaSource): Promise<void> {
    const transport = receiver.transports.get('recv');
    const capabilities = receiver.rtpCapabilities as types.RtpCapabilities | undefined;
    if (!transport || !capabilities || receiver.closed || producer.closed) return;
    if (!this.router.canConsume({ producerId: producer.id, rtpCapabilities: capabilities })) {
      this.logger.warn({ site: receiver.site.code, producer: producer.id }, 'peer cannot receive this codec');
      return;
    }
    try {
      const layer = receiver.wants.get(streamKey(sender.site.code, source));
      // Paused until the peer has its consumer ready, so no keyframe is lost on the way.
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities: capabilities,
        paused: true,
        ...(layer !== undefined && { preferredLayers: { spatialLayer: layer, temporalLayer: 2 } }),
      });
      receiver.consumers.set(consumer.id, { consumer, siteCode: sender.site.code, source });
      consumer.observer.once('close', () => {
        receiver.consumers.delete(consumer.id);
        if (!receiver.closed) receiver.channel.consumerClosed(consumer.id);
      });
      await receiver.channel.offerConsumer({
        consumerId: consumer.id,
        producerId: producer.id,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters as RtpParameters,
        siteCode: sender.site.code,
        source,
      });
      // The layout may have changed while the peer was setting up: only show what is still wanted.
      const stillWanted = consumer.kind === 'audio' || receiver.wants.has(streamKey(sender.site.code, source));
      if (!consumer.closed && stillWanted) await consumer.resume();
    } catch (error) {
      this.logger.warn({ err: error, site: receiver.site.code }, 'could not deliver a stream to a peer');
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
