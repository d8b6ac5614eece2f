import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import type {
  DtlsParameters,
  MediaSource,
  NewConsumer,
  RtpCapabilities,
  RtpParameters,
  SiteSummary,
  TransportDirection,
  TransportOptions,
} from '@diemcau/shared';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import { Peer, streamKey, type PeerChannel, type PeerRole } from './Peer';
import { RoomRouter } from './RoomRouter';
import { SpeechObserver } from './SpeechObserver';
import { Subscriptions, type SubscriptionSource } from './Subscriptions';
import type { Wants } from './subscriptionPlan';
import type { MediaWorker, WorkerPool } from './WorkerPool';

export interface ProduceRequest {
  transportId: string;
  kind: 'audio' | 'video';
  rtpParameters: RtpParameters;
  source: MediaSource;
}

export interface JoinRequest {
  rtpCapabilities: RtpCapabilities;
  send: boolean;
  protocols?: readonly ('udp' | 'tcp')[] | undefined;
}

export interface JoinAnswer {
  recv: TransportOptions;
  send: TransportOptions | null;
  consumers: NewConsumer[];
}

/**
 * What the room enforces and delivers, as decided elsewhere (the conference): what is held off at the
 * SFU, and what each peer should receive.
 */
export interface MediaPolicy {
  isBlocked(siteCode: string, source: MediaSource): boolean;
  wantsOf(peer: PolicyPeer): Wants;
}

/** What a policy may know of a peer. */
export type PolicyPeer = Pick<Peer, 'role' | 'site' | 'watching'>;

/** A technician's check: the peer gets its own camera at full size and its own sound back. */
const loopbackPolicy: MediaPolicy = {
  isBlocked: () => false,
  wantsOf: (peer) =>
    new Map([
      [streamKey(peer.site.code, 'camera'), { spatialLayer: 2, temporalLayer: 2 }],
      [streamKey(peer.site.code, 'microphone'), null],
    ]),
};

/** Until its conference is bound, a meeting room sends nobody anything. */
const nothingYet: MediaPolicy = { isBlocked: () => false, wantsOf: () => new Map() };

/** Which kind of media each source may carry: a muted room cannot publish its voice as a "camera". */
const KIND_OF_SOURCE: Record<MediaSource, ReadonlyArray<'audio' | 'video'>> = {
  microphone: ['audio'],
  camera: ['video'],
  screen: ['video'],
};

export type RoomPurpose = 'meeting' | 'check';

export interface RoomEvents {
  close: [reason: string];
  peersChanged: [];
  /** A producer started, stopped, or was paused by its own peer. */
  producersChanged: [];
  dominantSpeaker: [siteCode: string];
  /** Audio level per speaking site, 0..1, a few times a second. */
  audioLevels: [levels: Map<string, number>];
}

interface Stream {
  producer: types.Producer;
  peer: Peer;
}

/** Counts of what a room holds on one worker, for monitoring. */
export interface MediaCounts {
  workerPid: number;
  peers: number;
  transports: number;
  producers: number;
  consumers: number;
}

/** What monitoring may read of one kiosk's media: the mediasoup objects whose figures it samples, nothing to change. */
export interface KioskMedia {
  siteCode: string;
  send: types.WebRtcTransport | undefined;
  recv: types.WebRtcTransport | undefined;
  producers: readonly types.Producer[];
  consumers: readonly types.Consumer[];
}

/**
 * The media side of one live meeting (or one technician's check). It spans
 * routers on several workers: each peer goes to the least-loaded worker, and a
 * stream crosses to another router only when a peer there receives it. The room
 * owns its peers' transports, holds off at the SFU what the policy blocks, and
 * keeps each peer's subscriptions in line with what the policy says it should
 * receive. When a worker dies only the peers on it re-join; the rest go on.
 */
export class Room extends EventEmitter<RoomEvents> implements SubscriptionSource {
  private readonly routers = new Map<MediaWorker, Promise<RoomRouter>>();
  private readonly peers = new Map<string, Peer>();
  private readonly streams = new Map<string, Stream>();
  private policy: MediaPolicy;
  private speech: Promise<SpeechObserver> | undefined;
  private closed = false;

  constructor(
    readonly meetingId: string,
    readonly purpose: RoomPurpose,
    private readonly pool: WorkerPool,
    private readonly logger: Logger,
  ) {
    super();
    this.setMaxListeners(0);
    this.policy = purpose === 'check' ? loopbackPolicy : nothingYet;
  }

  get rtpCapabilities(): RtpCapabilities {
    return this.pool.rtpCapabilities;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  peerList(): Peer[] {
    return [...this.peers.values()];
  }

  /** Adds a peer on the least-loaded worker. A second kiosk of the same site replaces the first (a reloaded kiosk). */
  async addPeer(peerId: string, site: SiteSummary, channel: PeerChannel, role: PeerRole = 'kiosk'): Promise<Peer> {
    this.assertOpen();
    const worker = this.pool.leastLoaded();
    const router = await this.routerOn(worker);
    this.assertOpen();
    for (const existing of this.peers.values()) {
      if (existing.role === role && existing.site.code === site.code) this.removePeer(existing.id);
    }
    const subscriptions = new Subscriptions(this, this.logger.child({ site: site.code, peer: peerId }));
    const peer = new Peer(peerId, site, role, channel, router, subscriptions);
    subscriptions.attach(peer);
    worker.load++;
    peer.onClose(() => worker.load--);
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
    return new Set(
      this.peerList()
        .filter((peer) => peer.role === 'kiosk')
        .map((peer) => peer.site.code),
    );
  }

  /** Kiosk sites whose microphone is being sent and not paused by the room itself. */
  liveMicrophones(): Set<string> {
    const sites = new Set<string>();
    for (const peer of this.peers.values()) {
      const microphone = peer.producerOf('microphone');
      if (peer.role === 'kiosk' && microphone && !microphone.selfPaused) sites.add(peer.site.code);
    }
    return sites;
  }

  /** The peer (site code, or `console`) sending a screen stream, if any. */
  screenSharer(): string | null {
    for (const peer of this.peers.values()) if (peer.producerOf('screen')) return peer.site.code;
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

  /** The media of each site's kiosk in the room, by site code, for monitoring to sample. */
  kioskMedia(): Map<string, KioskMedia> {
    const media = new Map<string, KioskMedia>();
    for (const peer of this.peers.values()) {
      if (peer.role !== 'kiosk') continue;
      media.set(peer.site.code, {
        siteCode: peer.site.code,
        send: peer.transports.get('send'),
        recv: peer.transports.get('recv'),
        producers: [...peer.producers.values()].map((info) => info.producer),
        consumers: peer.subscriptions.consumers().map((entry) => entry.consumer),
      });
    }
    return media;
  }

  /** What the room holds on each worker it uses. */
  mediaCounts(): MediaCounts[] {
    const byWorker = new Map<number, MediaCounts>();
    for (const peer of this.peers.values()) {
      const pid = peer.router.worker.pid;
      const counts = byWorker.get(pid) ?? { workerPid: pid, peers: 0, transports: 0, producers: 0, consumers: 0 };
      counts.peers++;
      counts.transports += peer.transports.size;
      counts.producers += peer.producers.size;
      counts.consumers += peer.subscriptions.consumers().length;
      byWorker.set(pid, counts);
    }
    return [...byWorker.values()];
  }

  setPolicy(policy: MediaPolicy): void {
    this.policy = policy;
    this.refresh();
  }

  /**
   * The policy changed: hold off and release at the SFU, and bring in line the subscriptions of the peers
   * whose streams it says changed (every peer's, unless told which).
   */
  refresh(changedFor: (peer: PolicyPeer) => boolean = () => true): void {
    this.applyPolicy();
    for (const peer of this.peers.values()) if (changedFor(peer)) peer.subscriptions.update();
  }

  /** Sets what the console sees in its thumbnail wall. */
  watch(peer: Peer, siteCodes: readonly string[]): void {
    this.assertMember(peer);
    peer.watching = new Set(siteCodes);
    peer.subscriptions.update();
  }

  wantsOf(peer: Peer): Wants {
    return this.policy.wantsOf(peer);
  }

  streamKeys(): ReadonlySet<string> {
    return new Set(this.streams.keys());
  }

  async prepare(peer: Peer, key: string): Promise<{ producerId: string; siteCode: string; source: MediaSource } | undefined> {
    const stream = this.streams.get(key);
    if (!stream || stream.producer.closed) return undefined;
    await peer.router.pipeFrom(stream.peer.router, stream.producer.id);
    const source = (stream.producer.appData as { source: MediaSource }).source;
    return { producerId: stream.producer.id, siteCode: stream.peer.site.code, source };
  }

  /**
   * The peer joins the room's media: its transports are made, and the consumers of what it should
   * receive now come back in the answer, paused until the peer has set them up.
   */
  async join(peer: Peer, request: JoinRequest): Promise<JoinAnswer> {
    this.assertMember(peer);
    const protocols = request.protocols ?? ['udp', 'tcp'];
    const [recv, send] = await Promise.all([
      this.createTransport(peer, 'recv', protocols),
      request.send ? this.createTransport(peer, 'send', protocols) : null,
    ]);
    peer.rtpCapabilities = request.rtpCapabilities;
    const consumers = await peer.subscriptions.start();
    return { recv, send, consumers };
  }

  async resumeConsumers(peer: Peer, consumerIds: readonly string[]): Promise<void> {
    this.assertMember(peer);
    await peer.subscriptions.resumeJoined(consumerIds);
  }

  /** The peer's picture of one of its consumers is stuck: its sender is asked for a keyframe (at most once a second per consumer). */
  async requestKeyFrame(peer: Peer, consumerId: string): Promise<void> {
    this.assertMember(peer);
    await peer.subscriptions.requestKeyFrame(consumerId);
  }

  async createTransport(peer: Peer, direction: TransportDirection, protocols: readonly ('udp' | 'tcp')[] = ['udp', 'tcp']): Promise<TransportOptions> {
    this.assertMember(peer);
    const transport = await peer.router.router.createWebRtcTransport({
      ...peer.router.worker.transportOptions(protocols),
      appData: { direction },
    });
    if (peer.closed) {
      transport.close();
      throw new DomainError('not-in-meeting', 'not connected to this meeting');
    }
    peer.transports.get(direction)?.close();
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
    await transport.connect({ dtlsParameters: dtlsParameters });
  }

  async produce(peer: Peer, request: ProduceRequest): Promise<string> {
    this.assertMember(peer);
    if (!KIND_OF_SOURCE[request.source].includes(request.kind)) {
      throw new DomainError('invalid-request', `a ${request.source} sends ${KIND_OF_SOURCE[request.source].join(' or ')}, not ${request.kind}`, {
        fields: { kind: 'does not match the source' },
      });
    }
    if (peer.producerOf(request.source)) {
      throw new DomainError('invalid-request', `this peer already sends its ${request.source}`, { fields: { source: 'already sent' } });
    }
    const transport = peer.transportById(request.transportId);
    if (!transport || transport.appData.direction !== 'send') {
      throw new DomainError('not-found', 'unknown sending transport');
    }
    if (request.source === 'screen' && this.policy.isBlocked(peer.site.code, 'screen')) {
      throw new DomainError('forbidden', 'the chair has not given this site the content token');
    }
    const producer = await transport.produce({
      kind: request.kind,
      rtpParameters: request.rtpParameters,
      // A muted room that publishes a new microphone starts muted too.
      paused: this.policy.isBlocked(peer.site.code, request.source),
      appData: { source: request.source },
    });
    // Two requests for one source may have raced through the check above: the second loses.
    if (peer.producerOf(request.source) || peer.closed) {
      producer.close();
      throw new DomainError('invalid-request', `this peer already sends its ${request.source}`, { fields: { source: 'already sent' } });
    }
    const key = streamKey(peer.site.code, request.source);
    peer.producers.set(producer.id, { producer, source: request.source, selfPaused: false });
    this.streams.set(key, { producer, peer });
    producer.observer.once('close', () => {
      peer.producers.delete(producer.id);
      if (this.streams.get(key)?.producer === producer) this.streams.delete(key);
      if (this.speech)
        void this.speech.then(
          (speech) => speech.forget(producer.id),
          () => undefined,
        );
      if (!this.closed) this.emit('producersChanged');
    });
    if (producer.kind === 'audio' && peer.role === 'kiosk') this.observeSpeech(peer, producer);
    this.emit('producersChanged');
    for (const other of this.peers.values()) other.subscriptions.update();
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
    this.emit('producersChanged');
  }

  closeProducer(peer: Peer, producerId: string): void {
    this.assertMember(peer);
    const entry = peer.producers.get(producerId);
    if (!entry) throw new DomainError('not-found', 'unknown producer');
    entry.producer.close();
  }

  /** Closes every router and peer. Safe to call twice. */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) {
      peer.close();
      peer.channel.mediaRestart(reason);
    }
    this.peers.clear();
    this.streams.clear();
    for (const router of this.routers.values())
      void router.then(
        (opened) => opened.close(),
        () => undefined,
      );
    this.routers.clear();
    this.emit('close', reason);
  }

  /** Pauses at the SFU what the policy holds off and resumes what it releases (unless the peer paused it itself). */
  private applyPolicy(): void {
    for (const peer of this.peers.values()) {
      for (const info of peer.producers.values()) {
        const shouldPause = info.selfPaused || this.policy.isBlocked(peer.site.code, info.source);
        if (shouldPause === info.producer.paused) continue;
        // The worker may die while the request is in flight; its peers then re-join through the router's close.
        (shouldPause ? info.producer.pause() : info.producer.resume()).catch((error: unknown) =>
          this.logger.warn({ err: error, site: peer.site.code, source: info.source }, 'could not apply the chair policy to a stream'),
        );
      }
    }
  }

  /** This room's router on a worker, opened on first use. */
  private routerOn(worker: MediaWorker): Promise<RoomRouter> {
    let router = this.routers.get(worker);
    if (!router) {
      router = RoomRouter.open(worker);
      this.routers.set(worker, router);
      router.then(
        (opened) => opened.router.observer.once('close', () => this.routerClosed(worker, opened)),
        () => this.routers.delete(worker),
      );
    }
    return router;
  }

  /** A worker died under the room: its peers re-join elsewhere, and voice activation moves if it was there. */
  private routerClosed(worker: MediaWorker, router: RoomRouter): void {
    if (this.closed) return;
    this.routers.delete(worker);
    const moved = this.peerList().filter((peer) => peer.router === router);
    for (const peer of moved) {
      this.peers.delete(peer.id);
      peer.close();
      peer.channel.mediaRestart('media-restart');
    }
    this.logger.warn({ workerPid: worker.pid, peers: moved.length, code: 'room-router-closed' }, 'a worker of the meeting died; its rooms re-join');
    if (this.speech) {
      void this.speech.then(
        (speech) => {
          if (speech.home === router) this.rebuildSpeech();
        },
        () => this.rebuildSpeech(),
      );
    }
    if (moved.length > 0) this.emit('peersChanged');
    this.emit('producersChanged');
  }

  /** Fire-and-forget: a microphone voice activation cannot observe is logged, and the meeting goes on. */
  private observeSpeech(peer: Peer, producer: types.Producer): void {
    this.speech ??= this.openSpeech(peer.router);
    this.speech
      .then((speech) => speech.observe({ producerId: producer.id, siteCode: peer.site.code, router: peer.router }))
      .catch((error: unknown) => this.logger.warn({ err: error, site: peer.site.code }, 'voice activation cannot observe this microphone'));
  }

  private async openSpeech(home: RoomRouter): Promise<SpeechObserver> {
    const speech = await SpeechObserver.open(home, this.logger);
    speech.on('dominantSpeaker', (site) => this.emit('dominantSpeaker', site));
    speech.on('audioLevels', (levels) => this.emit('audioLevels', levels));
    return speech;
  }

  /** Voice activation's router died: observe every microphone again from a live one. */
  private rebuildSpeech(): void {
    this.speech = undefined;
    for (const peer of this.peers.values()) {
      const microphone = peer.producerOf('microphone');
      if (peer.role === 'kiosk' && microphone && !microphone.producer.closed) this.observeSpeech(peer, microphone.producer);
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
