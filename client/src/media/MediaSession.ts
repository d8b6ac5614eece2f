import type { Device, types } from 'mediasoup-client';
import type { MediaSource, NewConsumer, Result, RtpCapabilities, TransportOptions } from '@diemcau/shared';
import { GainedMicrophone } from './audio';
import { FreezeWatch, type VideoProgress } from './freezeWatch';
import { request, type SignalingSocket } from './signaling';
import { logRejection } from '../ui/logRejection';

export interface RemoteStream {
  consumerId: string;
  siteCode: string;
  source: MediaSource;
  kind: 'audio' | 'video';
  track: MediaStreamTrack;
}

export interface InboundStats {
  consumerId: string;
  siteCode: string;
  kind: 'audio' | 'video';
  packetsReceived: number;
  bytesReceived: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
}

export interface LocalProducer {
  source: MediaSource;
  producerId: string;
  paused: boolean;
  /** The track sent: a device's own, or one made from it (the microphone through its gain stage). */
  trackId: string | undefined;
}

/** The protocols a transport may use to reach the bridge. */
export type IceProtocol = 'udp' | 'tcp';

/** How the browser may reach the bridge: a TURN relay to use, and whether only relayed paths count. */
export interface IcePolicy {
  iceServers?: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
}

/**
 * The way a session's transports go to the bridge. A meeting leaves it open; the connection check
 * forces one protocol and relay policy at a time, so a blocked path shows up as such.
 */
export interface MediaPath {
  protocols?: IceProtocol[];
  ice?: IcePolicy;
}

export type { Device };
export { forgetNativeCapabilities, newDevice } from './nativeCapabilities';

type Listener = () => void;

/** Three simulcast layers, so the bridge can send each room the size its layout needs. */
const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

/** How often the remote pictures are checked for being stuck. */
const FREEZE_CHECK_MS = 200;
/**
 * Pictures are watched while there are at most this many (a kiosk's largest layout, 4×4): reading the stats
 * of a console's wall of up to 150 thumbnails five times a second would cost its PC more than a stuck thumbnail.
 */
const MAX_WATCHED_VIDEOS = 16;

/** Shared content is one full-size picture, sharp rather than smooth. */
const SCREEN_ENCODINGS: types.RtpEncodingParameters[] = [{ maxBitrate: 1_500_000, maxFramerate: 15 }];

/*
 * A paused producer sends no RTP at all (rather than black frames or silence)
 * and leaves the track enabled, so the room's own preview keeps showing.
 */
const PAUSE_WITHOUT_RTP = { zeroRtpOnPause: true, disableTrackOnPause: false } as const;

/**
 * The whole media side of one peer in one meeting (a room's kiosk, or the
 * chair console): its transports, the local producers, and the streams the
 * bridge sends. The mediasoup-client device is its owner's, loaded once with
 * the bridge's capabilities and kept across re-joins. Screens use only this
 * class.
 */
export class MediaSession {
  protected sendTransport: types.Transport | undefined;
  protected recvTransport: types.Transport | undefined;
  protected readonly consumers = new Map<string, { consumer: types.Consumer; remote: RemoteStream }>();
  private readonly producers = new Map<MediaSource, types.Producer>();
  /** The microphone's gain stage, once a gain other than 1 was asked for. */
  private gainStage: Promise<GainedMicrophone | undefined> | undefined;
  private publishing: Promise<void> | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly failureListeners = new Set<(reason: string) => void>();
  private readonly freezeWatch = new FreezeWatch();
  private freezeTimer: ReturnType<typeof setInterval> | undefined;
  /** A check still reading stats: on a loaded PC the next one is skipped rather than piled up. */
  private freezeCheckRunning = false;
  protected closed = false;

  constructor(
    protected readonly socket: SignalingSocket,
    protected readonly device: Device,
    protected readonly path: MediaPath = {},
  ) {
    socket.on('media:newConsumer', this.onNewConsumer);
    socket.on('media:consumerClosed', this.onConsumerClosed);
  }

  /** A device that can talk to this bridge: loaded with its capabilities, once. */
  static async loadDevice(device: Device, capabilities: RtpCapabilities): Promise<Device> {
    if (!device.loaded) await device.load({ routerRtpCapabilities: capabilities as types.RtpCapabilities });
    return device;
  }

  /**
   * Joins the room in one round trip and receives at once: the transports and
   * the consumers of what the room should see and hear come in the answer, and
   * are set up together before the bridge is told to start them.
   */
  async join({ send }: { send: boolean }): Promise<void> {
    const { protocols } = this.path;
    performance.mark('join:requested');
    const answer = await request(this.socket, 'media:join', { rtpCapabilities: this.device.recvRtpCapabilities, send, protocols });
    performance.mark('join:answered');
    if (this.closed) return;
    this.recvTransport = this.createTransport('recv', answer.recv);
    this.freezeTimer = setInterval(() => {
      if (this.freezeCheckRunning) return;
      this.freezeCheckRunning = true;
      this.unfreeze()
        .catch(logRejection)
        .finally(() => (this.freezeCheckRunning = false));
    }, FREEZE_CHECK_MS);
    const taken = await Promise.allSettled(answer.consumers.map((offer) => this.consume(offer)));
    const ready = answer.consumers.filter((_, index) => taken[index]?.status === 'fulfilled').map((offer) => offer.consumerId);
    if (ready.length > 0 && !this.closed) await request(this.socket, 'media:resumeConsumers', { consumerIds: ready });
    // Receiving is set up first: the camera's encoder starting up competed with it for the room PC.
    if (answer.send && !this.closed) this.sendTransport = this.createTransport('send', answer.send);
  }

  /** Sends the room's camera (in three simulcast layers) and microphone; a missing device is simply not sent. */
  publish(local: MediaStream): Promise<void> {
    if (!this.sendTransport || this.closed) return Promise.resolve();
    this.publishing ??= this.produceDevices(this.sendTransport, local);
    return this.publishing;
  }

  private async produceDevices(transport: types.Transport, local: MediaStream): Promise<void> {
    const video = local.getVideoTracks()[0];
    const audio = local.getAudioTracks()[0];
    await Promise.all([
      video && !this.producers.has('camera')
        ? transport
            .produce({ track: video, encodings: CAMERA_ENCODINGS, codec: this.vp8(), stopTracks: false, ...PAUSE_WITHOUT_RTP, appData: { source: 'camera' } })
            .then((producer) => this.keep('camera', producer))
        : undefined,
      audio && !this.producers.has('microphone')
        ? transport
            .produce({
              track: audio,
              codecOptions: { opusStereo: false, opusDtx: true, opusFec: true },
              stopTracks: false,
              ...PAUSE_WITHOUT_RTP,
              appData: { source: 'microphone' },
            })
            .then((producer) => this.keep('microphone', producer))
        : undefined,
    ]);
  }

  /** What this peer sends, for diagnostics. */
  get localProducers(): LocalProducer[] {
    return [...this.producers].map(([source, producer]) => ({ source, producerId: producer.id, paused: producer.paused, trackId: producer.track?.id }));
  }

  /** The screen this peer shares, while it does. */
  get sharedScreen(): MediaStreamTrack | undefined {
    return this.producers.get('screen')?.track ?? undefined;
  }

  /**
   * Stops or restarts sending a device's RTP from here. This only follows what
   * the chair set: the bridge already holds the device off at the SFU, and
   * asking it to pause (media:setProducerPaused) would mark the device as
   * paused by the room, which the chair's unmute does not undo.
   */
  setSending(source: MediaSource, sending: boolean): void {
    const producer = this.producers.get(source);
    if (!producer || producer.paused !== sending) return;
    if (sending) producer.resume();
    else producer.pause();
  }

  /**
   * Sets the microphone's gain. At the default of 1 the raw track is sent; the
   * first other value puts a Web Audio gain stage in its place.
   */
  async setMicrophoneGain(gain: number): Promise<void> {
    const producer = this.producers.get('microphone');
    if (!producer || (gain === 1 && !this.gainStage)) return;
    this.gainStage ??= this.insertGainStage(producer);
    const stage = await this.gainStage;
    if (stage) stage.level = gain;
  }

  /**
   * Asks the browser for a screen or window and shares it as the meeting's
   * content. Call it from a click or key press: browsers refuse otherwise. It
   * stops by itself when the track ends (the browser's own "stop sharing").
   */
  async shareScreen(): Promise<void> {
    if (!this.sendTransport) throw new Error('not joined');
    const capture = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
    const track = capture.getVideoTracks()[0];
    if (!track) return;
    await this.stopScreen();
    track.contentHint = 'detail';
    const producer = await this.sendTransport.produce({
      track,
      encodings: SCREEN_ENCODINGS,
      codec: this.vp8(),
      appData: { source: 'screen' },
    });
    this.producers.set('screen', producer);
    producer.on('trackended', () => {
      this.stopScreen().catch(logRejection);
    });
    this.emitChange();
  }

  async stopScreen(): Promise<void> {
    const producer = this.producers.get('screen');
    if (!producer) return;
    this.producers.delete('screen');
    producer.close();
    this.emitChange();
    await request(this.socket, 'media:closeProducer', { producerId: producer.id }).catch(() => undefined);
  }

  get remoteStreams(): RemoteStream[] {
    return [...this.consumers.values()].map((entry) => entry.remote);
  }

  /** Called whenever the remote streams, or the screen this peer shares, change. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when a transport fails for good; the owner should rebuild the session. */
  onFailure(listener: (reason: string) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Receiving statistics per remote stream, read from the browser's own WebRTC stats. */
  async inboundStats(): Promise<InboundStats[]> {
    const all = await Promise.all(
      [...this.consumers.values()].map(async ({ consumer, remote }) => {
        const report = await consumer.getStats();
        for (const stat of report.values()) {
          if (stat.type !== 'inbound-rtp') continue;
          return {
            consumerId: remote.consumerId,
            siteCode: remote.siteCode,
            kind: remote.kind,
            packetsReceived: stat.packetsReceived ?? 0,
            bytesReceived: stat.bytesReceived ?? 0,
            framesDecoded: stat.framesDecoded ?? 0,
            frameWidth: stat.frameWidth ?? 0,
            frameHeight: stat.frameHeight ?? 0,
          } satisfies InboundStats;
        }
        return undefined;
      }),
    );
    return all.filter((entry) => entry !== undefined);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.freezeTimer);
    this.socket.off('media:newConsumer', this.onNewConsumer);
    this.socket.off('media:consumerClosed', this.onConsumerClosed);
    this.producers.clear();
    this.gainStage?.then((stage) => stage?.close()).catch(logRejection);
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.consumers.clear();
    this.emitChange();
  }

  /** Asks the bridge for a keyframe of each remote video that is stuck (see FreezeWatch). */
  private async unfreeze(): Promise<void> {
    const transport = this.recvTransport;
    if (!transport || this.closed) return;
    const consumerOfTrack = new Map(
      [...this.consumers.values()].filter(({ remote }) => remote.kind === 'video').map(({ consumer }) => [consumer.track.id, consumer.id]),
    );
    if (consumerOfTrack.size === 0 || consumerOfTrack.size > MAX_WATCHED_VIDEOS) return;
    const progress = new Map<string, VideoProgress>();
    try {
      for (const stat of (await transport.getStats()).values()) {
        const consumerId = stat.type === 'inbound-rtp' ? consumerOfTrack.get(stat.trackIdentifier) : undefined;
        if (consumerId) progress.set(consumerId, { framesDecoded: stat.framesDecoded ?? 0, packetsReceived: stat.packetsReceived ?? 0 });
      }
    } catch {
      return; // The transport closed meanwhile.
    }
    for (const consumerId of this.freezeWatch.update(progress, performance.now())) {
      request(this.socket, 'media:requestKeyFrame', { consumerId }).catch((error: unknown) => console.warn('could not ask for a keyframe', error));
    }
  }

  private async insertGainStage(producer: types.Producer): Promise<GainedMicrophone | undefined> {
    const stage = producer.track ? await GainedMicrophone.open(producer.track) : undefined;
    if (!stage || this.closed) {
      stage?.close();
      // Without the kiosk's autoplay flag Web Audio may not start: better the raw microphone than silence.
      this.gainStage = undefined;
      return undefined;
    }
    await producer.replaceTrack({ track: stage.track });
    // Replacing the track restarts sending; a paused producer must stay silent.
    if (producer.paused) producer.pause();
    return stage;
  }

  protected vp8(): types.RtpCodecCapability | undefined {
    return this.device.rtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
  }

  protected keep(source: MediaSource, producer: types.Producer): void {
    if (this.closed) producer.close();
    else this.producers.set(source, producer);
  }

  protected createTransport(direction: 'send' | 'recv', options: TransportOptions): types.Transport {
    const settings = { ...(options as types.TransportOptions), ...this.path.ice };
    const transport = direction === 'send' ? this.device.createSendTransport(settings) : this.device.createRecvTransport(settings);
    /*
     * ICE and DTLS start at once rather than after the bridge has the browser's DTLS parameters: its worker
     * answers a DTLS hello that comes first, and checks the fingerprint once the request below is through. The
     * request's round trip is off the join's critical path.
     */
    transport.on('connect', ({ dtlsParameters }, callback) => {
      callback();
      request(this.socket, 'media:connectTransport', { transportId: transport.id, dtlsParameters }).catch((error: unknown) =>
        this.fail(`${direction} transport not connected: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        request(this.socket, 'media:produce', {
          transportId: transport.id,
          kind,
          rtpParameters,
          source: appData.source as MediaSource,
        })
          .then(({ producerId }) => callback({ id: producerId }))
          .catch(errback);
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (state === 'connected' && direction === 'recv') performance.mark('join:recv-connected');
      if (state === 'failed') this.fail(`${direction} transport failed`);
    });
    return transport;
  }

  private async consume(offer: NewConsumer): Promise<void> {
    if (!this.recvTransport || this.closed) throw new Error('not receiving');
    const consumer = await this.recvTransport.consume({
      id: offer.consumerId,
      producerId: offer.producerId,
      kind: offer.kind,
      rtpParameters: offer.rtpParameters as types.RtpParameters,
    });
    this.consumers.set(consumer.id, {
      consumer,
      remote: { consumerId: consumer.id, siteCode: offer.siteCode, source: offer.source, kind: offer.kind, track: consumer.track },
    });
    this.emitChange();
  }

  private readonly onNewConsumer = async (offer: NewConsumer, ack: (result: Result<Record<string, never>>) => void) => {
    try {
      await this.consume(offer);
      ack({ ok: true, data: {} });
    } catch (error) {
      ack({ ok: false, error: { code: 'media-error', message: error instanceof Error ? error.message : String(error) } });
    }
  };

  private readonly onConsumerClosed = ({ consumerId }: { consumerId: string }) => {
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    entry.consumer.close();
    this.consumers.delete(consumerId);
    this.emitChange();
  };

  /** A transport is lost for good: the owner rebuilds the session (nothing to do once it is closed). */
  private fail(reason: string): void {
    if (this.closed) return;
    for (const listener of this.failureListeners) listener(reason);
  }

  private emitChange(): void {
    for (const listener of this.listeners) listener();
  }
}
