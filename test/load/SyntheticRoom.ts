import nodeDataChannel, { type PeerConnection, type Track } from 'node-datachannel';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, KioskView, NewConsumer, RequestOf, ResponseOf, Result, ServerToClientEvents, TransportOptions } from '@diemcau/shared';
import type { PreparedMedia } from './mediaFiles';
import { AUDIO_MID, OPUS_PAYLOAD_TYPE, Publisher, VIDEO_MID, VP8_PAYLOAD_TYPE } from './Publisher';
import { isRtcp, keyframeRequests, parseRtp, SequenceAccount, startsVp8Keyframe } from './rtp';
import { Samples } from './stats';
import { dtlsFingerprint, MID_EXTENSION, receiveOffer, sendAnswer, type OfferedStream } from './sdp';

type KioskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type KioskRequest = 'media:join' | 'media:connectTransport' | 'media:resumeConsumers' | 'media:produce';

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * What a synthetic room can receive: Opus and VP8 with the mid extension, as
 * Chromium, but without transport-wide congestion control or REMB (node-datachannel
 * does not estimate bandwidth), so the bridge sends each pane the layer it asks for.
 */
export const RECEIVE_CAPABILITIES = {
  codecs: [
    { kind: 'audio' as const, mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100, parameters: {}, rtcpFeedback: [] },
    {
      kind: 'video' as const,
      mimeType: 'video/VP8',
      clockRate: 90000,
      preferredPayloadType: 101,
      parameters: {},
      rtcpFeedback: [
        { type: 'nack', parameter: 'pli' },
        { type: 'ccm', parameter: 'fir' },
      ],
    },
  ],
  headerExtensions: [
    { kind: 'audio' as const, uri: MID_EXTENSION, preferredId: 1, preferredEncrypt: false, direction: 'sendrecv' },
    { kind: 'video' as const, uri: MID_EXTENSION, preferredId: 1, preferredEncrypt: false, direction: 'sendrecv' },
  ],
};

/** Where a synthetic room learns when a stream it receives was sent: the sending room's publisher, by site. */
export type SendTimeLookup = (siteCode: string, kind: 'audio' | 'video', timestamp: number) => number | undefined;

interface Received {
  offered: OfferedStream;
  account: SequenceAccount;
  bytes: number;
  /** Offered after the join (a change in the meeting), not in the join's answer. */
  late: boolean;
}

/** The sites a view shows, in pane order, the room's own included, as the chair's layout names them. */
export function viewSites(view: KioskView): string[] {
  return view.panes.flatMap((pane) => (pane.content?.kind === 'site' || pane.content?.kind === 'self' ? [pane.content.siteCode] : []));
}

export interface RoomReport {
  siteCode: string;
  /** Socket opened → first keyframe start of any video stream received (ms), or null if none came. */
  joinToFirstFrameMs: number | null;
  /** Socket opened → the bridge's first live session state (ms): the signaling part of a join. */
  joinToLiveMs: number | null;
  /** Socket opened → both producers accepted by the bridge (ms). */
  joinToProducedMs: number | null;
  streams: { audio: number; video: number };
  packetsExpected: number;
  packetsReceived: number;
  bytesIn: number;
  bytesOut: number;
  packetsOut: number;
  /** Time from send to receipt of packets whose timestamp could be matched to the sender's clock (ms). */
  transitMs: number[];
  /** What the room's view shows of other sites, and at which layer. */
  video: Array<{ siteCode: string; layer: number }>;
  /** The sites whose sound the bridge sends the room. */
  audio: string[];
  /** Whether the room reads what it receives: if not, its packet, frame and transit figures stay empty. */
  measured: boolean;
  /** Panes of the current view showing another site whose video is not being received. */
  panesMissing: number;
  restarts: number;
  errors: string[];
}

/**
 * One room of a province meeting, made by the load generator: it joins through
 * its kiosk link on `/kiosk` with the kiosk protocol, publishes a camera in three
 * simulcast layers and a microphone over real ICE and DTLS-SRTP
 * (node-datachannel), receives what the bridge sends it, and measures it.
 */
export class SyntheticRoom {
  private socket: KioskSocket | undefined;
  private sendConnection: PeerConnection | undefined;
  private receiveConnection: PeerConnection | undefined;
  private readonly tracks: Track[] = [];
  private publisher: Publisher | undefined;
  private recvTransport: TransportOptions | undefined;
  private recvConnected = false;
  private offerVersion = 1;
  private readonly offered: OfferedStream[] = [];
  private readonly bySsrc = new Map<number, Received>();
  private readonly byConsumer = new Map<string, Received>();
  private negotiation: Promise<void> = Promise.resolve();
  private startedAt = 0;
  private firstFrameAt: number | undefined;
  private producedAt: number | undefined;
  private liveAt: number | undefined;
  private view: KioskView | undefined;
  /** When the sites of the current view first arrived, for timing the chair's layout changes. */
  private viewSince: { sites: string; at: number } | undefined;
  /** By site, when the first packet of the latest audio stream offered after the join arrived. */
  private readonly lateAudioHeard = new Map<string, number>();
  private restarts = 0;
  private closed = false;
  private readonly transit = new Samples();
  private readonly errors: string[] = [];

  constructor(
    /** The site's code as the bridge names it; learnt from the session state when not known beforehand. */
    public siteCode: string,
    private readonly url: string,
    private readonly token: string,
    private readonly media: PreparedMedia,
    private readonly clock: () => number,
    private readonly sentAt: SendTimeLookup,
    /**
     * Whether this room reads what it receives. Every room receives (the bridge sends and
     * node-datachannel decrypts alike); reading each packet in JavaScript is what costs, so
     * a large run measures a sample of its rooms.
     */
    readonly measured = true,
  ) {}

  /** Connects and joins; resolves once the room publishes (its first received frame may come later). */
  async start(): Promise<void> {
    this.startedAt = this.clock();
    const socket: KioskSocket = io(`${this.url}/kiosk`, { auth: { token: this.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket = socket;
    socket.on('conference:view', (view) => {
      this.view = view;
      const sites = viewSites(view).join(' ');
      if (this.viewSince?.sites !== sites) this.viewSince = { sites, at: this.clock() };
    });
    socket.on('media:newConsumer', (consumer, ack) => {
      this.receive([consumer], true).then(
        () => ack({ ok: true, data: {} }),
        (error: Error) => ack({ ok: false, error: { code: 'media-error', message: error.message } }),
      );
    });
    socket.on('media:consumerClosed', ({ consumerId }) => this.consumerClosed(consumerId));
    socket.on('media:restart', () => {
      this.restarts++;
      this.rejoin().catch((error: Error) => this.errors.push(`rejoin: ${error.message}`));
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.siteCode}: no live session within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
      socket.on('session:state', (state) => {
        this.siteCode = state.site.code;
        if (state.phase !== 'live') return;
        this.liveAt ??= this.clock();
        clearTimeout(timer);
        resolve();
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        reject(new Error(`${this.siteCode}: ${error.message}`));
      });
    });
    await this.joinMedia();
  }

  /** Counters since the room started; a benchmark takes two and subtracts. */
  report(): RoomReport {
    const received = [...this.byConsumer.values()];
    const bytesIn = received.reduce((sum, entry) => sum + entry.bytes, 0);
    const bytesOut = this.publisher?.bytesSent ?? 0;
    const activeVideo = new Set(
      received.filter((entry) => entry.offered.active && entry.offered.consumer.kind === 'video').map((entry) => entry.offered.consumer.siteCode),
    );
    const shown = (this.view?.panes ?? []).flatMap((pane) => (pane.content?.kind === 'site' && pane.content.online ? [pane.content.siteCode] : []));
    return {
      siteCode: this.siteCode,
      joinToFirstFrameMs: this.firstFrameAt === undefined ? null : this.firstFrameAt - this.startedAt,
      joinToLiveMs: this.liveAt === undefined ? null : this.liveAt - this.startedAt,
      joinToProducedMs: this.producedAt === undefined ? null : this.producedAt - this.startedAt,
      streams: {
        audio: received.filter((entry) => entry.offered.active && entry.offered.consumer.kind === 'audio').length,
        video: activeVideo.size,
      },
      packetsExpected: received.reduce((sum, entry) => sum + entry.account.expected, 0),
      packetsReceived: received.reduce((sum, entry) => sum + entry.account.received, 0),
      bytesIn,
      bytesOut,
      packetsOut: this.publisher?.packetsSent ?? 0,
      transitMs: this.transit.values,
      video: (this.view?.panes ?? []).flatMap((pane) =>
        pane.content?.kind === 'site' && pane.content.siteCode !== this.siteCode ? [{ siteCode: pane.content.siteCode, layer: pane.layer }] : [],
      ),
      audio: received.filter((entry) => entry.offered.active && entry.offered.consumer.kind === 'audio').map((entry) => entry.offered.consumer.siteCode),
      measured: this.measured,
      panesMissing: shown.filter((site) => site !== this.siteCode && !activeVideo.has(site)).length,
      restarts: this.restarts,
      errors: this.publisher?.stoppedBy ? [...this.errors, `sending stopped: ${this.publisher.stoppedBy}`] : this.errors,
    };
  }

  /** Sends what has fallen due; the generator calls it for every room on one timer. */
  tick(): void {
    this.publisher?.tick();
  }

  /** When this room got a view showing exactly `sites` (in pane order), if that is its view now. */
  viewShowing(sites: readonly string[]): number | undefined {
    return this.viewSince?.sites === sites.join(' ') ? this.viewSince.at : undefined;
  }

  /**
   * When the first packet arrived of the latest audio stream from `siteCode` that the bridge
   * offered after the join (a room unmuted during the meeting), if one has.
   */
  heardSince(siteCode: string): number | undefined {
    return this.lateAudioHeard.get(siteCode);
  }

  sentTime(kind: 'audio' | 'video', timestamp: number): number | undefined {
    return kind === 'audio' ? this.publisher?.audioSentTimes.get(timestamp) : this.publisher?.videoSent.get(timestamp);
  }

  close(): void {
    this.closed = true;
    this.closeMedia();
    this.socket?.close();
  }

  private closeMedia(): void {
    this.publisher = undefined;
    for (const track of this.tracks.splice(0)) track.close();
    this.sendConnection?.close();
    this.receiveConnection?.close();
    this.sendConnection = undefined;
    this.receiveConnection = undefined;
    this.recvTransport = undefined;
    this.recvConnected = false;
    this.offered.length = 0;
    this.bySsrc.clear();
  }

  private async rejoin(): Promise<void> {
    if (this.closed) return;
    this.closeMedia();
    await this.joinMedia();
  }

  private async request<K extends KioskRequest>(name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    const socket = this.socket!;
    const result = (await (socket.timeout(REQUEST_TIMEOUT_MS) as unknown as Socket).emitWithAck(name, payload)) as Result<ResponseOf<K>>;
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  private newConnection(role: string): PeerConnection {
    const connection = new nodeDataChannel.PeerConnection(`${this.siteCode}-${role}`, {
      iceServers: [],
      disableAutoNegotiation: true,
      bindAddress: '127.0.0.1',
    });
    connection.onStateChange((state) => {
      if (state === 'failed') this.errors.push(`${role} connection failed`);
    });
    return connection;
  }

  private async joinMedia(): Promise<void> {
    const joined = await this.request('media:join', { rtpCapabilities: RECEIVE_CAPABILITIES, send: true });
    if (!joined.send) throw new Error('the bridge gave no sending transport');
    this.recvTransport = joined.recv;
    await Promise.all([this.publish(joined.send), this.receive(joined.consumers)]);
  }

  private async publish(transport: TransportOptions): Promise<void> {
    const connection = this.newConnection('send');
    this.sendConnection = connection;
    const publisher = new Publisher(this.media, this.clock);
    // The SSRCs in the offer let node-datachannel route the bridge's keyframe requests to these tracks.
    const video = new nodeDataChannel.Video(VIDEO_MID, 'SendOnly');
    video.addVP8Codec(VP8_PAYLOAD_TYPE);
    for (const ssrc of publisher.ssrcs.video) video.addSSRC(ssrc, publisher.cname);
    const audio = new nodeDataChannel.Audio(AUDIO_MID, 'SendOnly');
    audio.addOpusCodec(OPUS_PAYLOAD_TYPE);
    audio.addSSRC(publisher.ssrcs.audio, publisher.cname);
    const videoTrack = connection.addTrack(video);
    const audioTrack = connection.addTrack(audio);
    this.tracks.push(videoTrack, audioTrack);
    const opened = Promise.all([videoTrack, audioTrack].map((track) => new Promise<void>((resolve) => track.onOpen(resolve))));
    videoTrack.onMessage((message) => {
      if (isRtcp(message)) for (const ssrc of keyframeRequests(message)) publisher.requestKeyframe(ssrc);
    });
    connection.setLocalDescription('offer');
    await this.request('media:connectTransport', {
      transportId: transport.id,
      dtlsParameters: { role: 'client', fingerprints: [localFingerprint(connection)] },
    });
    connection.setRemoteDescription(
      sendAnswer(transport, { mid: VIDEO_MID, payloadType: VP8_PAYLOAD_TYPE }, { mid: AUDIO_MID, payloadType: OPUS_PAYLOAD_TYPE }),
      'answer',
    );
    await withTimeout(opened, REQUEST_TIMEOUT_MS, 'sending connection did not open');
    publisher.start(videoTrack, audioTrack);
    this.publisher = publisher;
    const parameters = publisher.rtpParameters;
    await this.request('media:produce', { transportId: transport.id, kind: 'video', rtpParameters: parameters.video, source: 'camera' });
    await this.request('media:produce', { transportId: transport.id, kind: 'audio', rtpParameters: parameters.audio, source: 'microphone' });
    this.producedAt ??= this.clock();
  }

  /** Adds streams to the receiving connection (one renegotiation at a time), then has the bridge start them. */
  private receive(consumers: NewConsumer[], late = false): Promise<void> {
    const step = this.negotiation.then(async () => {
      if (consumers.length === 0 || this.closed) return;
      for (const consumer of consumers) {
        const offered: OfferedStream = { consumer, active: true };
        const entry: Received = { offered, account: new SequenceAccount(), bytes: 0, late };
        if (late && consumer.kind === 'audio') this.lateAudioHeard.delete(consumer.siteCode);
        this.offered.push(offered);
        this.byConsumer.set(consumer.consumerId, entry);
        const ssrc = (consumer.rtpParameters.encodings?.[0] as { ssrc?: number } | undefined)?.ssrc;
        if (ssrc !== undefined) this.bySsrc.set(ssrc, entry);
      }
      await this.renegotiate();
      // As a kiosk: the streams of the join are resumed by request; one offered later, by acknowledging the offer.
      if (!late) await this.request('media:resumeConsumers', { consumerIds: consumers.map((consumer) => consumer.consumerId) });
    });
    this.negotiation = step.catch(() => undefined);
    return step;
  }

  private consumerClosed(consumerId: string): void {
    const entry = this.byConsumer.get(consumerId);
    if (!entry) return;
    entry.offered.active = false;
    this.negotiation = this.negotiation
      .then(() => this.renegotiate())
      .catch((error: Error) => {
        this.errors.push(`renegotiate: ${error.message}`);
      });
  }

  private async renegotiate(): Promise<void> {
    const transport = this.recvTransport!;
    if (!this.receiveConnection) {
      const connection = this.newConnection('recv');
      connection.onTrack((track) => {
        this.tracks.push(track);
        if (this.measured) track.onMessage((message) => this.onPacket(message));
        else if (
          this.offered.some(
            ({ consumer }) => consumer.rtpParameters.mid === track.mid() && consumer.kind === 'audio' && this.byConsumer.get(consumer.consumerId)?.late,
          )
        ) {
          // An unmeasured room reads only the sound of rooms unmuted during the meeting: the cheap way to time "heard".
          track.onMessage((message) => this.noteLateAudio(parseRtp(message)));
        }
      });
      this.receiveConnection = connection;
    }
    const connection = this.receiveConnection;
    connection.setRemoteDescription(receiveOffer(transport, this.offered, this.offerVersion++), 'offer');
    // A connection that has failed or closed takes no offer; answering then would abort the process.
    if (connection.signalingState() !== 'have-remote-offer') throw new Error(`receiving connection is ${connection.state()}`);
    connection.setLocalDescription('answer');
    if (!this.recvConnected) {
      this.recvConnected = true;
      await this.request('media:connectTransport', {
        transportId: transport.id,
        dtlsParameters: { role: 'client', fingerprints: [localFingerprint(connection)] },
      });
    }
  }

  private onPacket(message: Buffer): void {
    const header = parseRtp(message);
    if (!header) return;
    const entry = this.bySsrc.get(header.ssrc);
    if (!entry) return;
    const now = this.clock();
    entry.account.record(header.sequenceNumber);
    entry.bytes += header.payloadEnd - header.payloadOffset;
    this.noteLateAudio(header);
    const { kind, siteCode } = entry.offered.consumer;
    if (kind === 'video' && this.firstFrameAt === undefined && startsVp8Keyframe(message.subarray(header.payloadOffset, header.payloadEnd))) {
      this.firstFrameAt = now;
    }
    const sent = this.sentAt(siteCode, kind, header.timestamp);
    if (sent !== undefined) this.transit.add(now - sent);
  }

  private noteLateAudio(header: ReturnType<typeof parseRtp>): void {
    const entry = header && this.bySsrc.get(header.ssrc);
    if (!entry?.late || entry.offered.consumer.kind !== 'audio' || this.lateAudioHeard.has(entry.offered.consumer.siteCode)) return;
    this.lateAudioHeard.set(entry.offered.consumer.siteCode, this.clock());
  }
}

function localFingerprint(connection: PeerConnection): { algorithm: string; value: string } {
  const description = connection.localDescription();
  if (!description) throw new Error('no local description');
  return dtlsFingerprint(description.sdp);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
