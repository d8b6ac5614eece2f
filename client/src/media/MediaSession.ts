import { Device } from 'mediasoup-client';
import type { types } from 'mediasoup-client';
import type { MediaSource, NewConsumer, Result, RtpParameters } from '@diemcau/shared';
import { request, type SignalingSocket } from './signaling';

export interface RemoteStream {
  consumerId: string;
  siteCode: string;
  source: MediaSource;
  kind: 'audio' | 'video';
  track: MediaStreamTrack;
}

export interface InboundStats {
  siteCode: string;
  kind: 'audio' | 'video';
  packetsReceived: number;
  bytesReceived: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
}

type Listener = () => void;

/** Three simulcast layers, so the bridge can send each room the size its layout needs. */
const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

/**
 * The whole media side of one kiosk in one meeting: a mediasoup-client device,
 * a sending and a receiving transport, the local camera and microphone
 * producers, and the streams the bridge sends. Screens use only this class.
 */
export class MediaSession {
  private readonly device = new Device();
  private sendTransport: types.Transport | undefined;
  private recvTransport: types.Transport | undefined;
  private readonly consumers = new Map<string, { consumer: types.Consumer; remote: RemoteStream }>();
  private readonly listeners = new Set<Listener>();
  private readonly failureListeners = new Set<(reason: string) => void>();
  private closed = false;

  constructor(private readonly socket: SignalingSocket) {
    socket.on('media:newConsumer', this.onNewConsumer);
    socket.on('media:consumerClosed', this.onConsumerClosed);
  }

  /** Joins the room: transports first, then receive, then publish. */
  async start(local: MediaStream | undefined): Promise<void> {
    const routerRtpCapabilities = await request(this.socket, 'media:routerCapabilities', {});
    await this.device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
    this.sendTransport = await this.createTransport('send');
    this.recvTransport = await this.createTransport('recv');
    await request(this.socket, 'media:join', { rtpCapabilities: this.device.recvRtpCapabilities });
    if (!local) return;
    const video = local.getVideoTracks()[0];
    const audio = local.getAudioTracks()[0];
    const vp8 = this.device.rtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
    if (video) {
      await this.sendTransport.produce({
        track: video,
        encodings: CAMERA_ENCODINGS,
        codec: vp8,
        stopTracks: false,
        appData: { source: 'camera' },
      });
    }
    if (audio) {
      await this.sendTransport.produce({
        track: audio,
        codecOptions: { opusStereo: false, opusDtx: true, opusFec: true },
        stopTracks: false,
        appData: { source: 'microphone' },
      });
    }
  }

  get remoteStreams(): RemoteStream[] {
    return [...this.consumers.values()].map((entry) => entry.remote);
  }

  /** Called whenever the set of remote streams changes. */
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
    this.socket.off('media:newConsumer', this.onNewConsumer);
    this.socket.off('media:consumerClosed', this.onConsumerClosed);
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.consumers.clear();
    this.emitChange();
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const options = await request(this.socket, 'media:createTransport', { direction });
    const transport =
      direction === 'send'
        ? this.device.createSendTransport(options as types.TransportOptions)
        : this.device.createRecvTransport(options as types.TransportOptions);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(this.socket, 'media:connectTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback())
        .catch(errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        request(this.socket, 'media:produce', {
          transportId: transport.id,
          kind,
          rtpParameters: rtpParameters as RtpParameters,
          source: appData.source as MediaSource,
        })
          .then(({ producerId }) => callback({ id: producerId }))
          .catch(errback);
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed' && !this.closed) {
        for (const listener of this.failureListeners) listener(`${direction} transport failed`);
      }
    });
    return transport;
  }

  private readonly onNewConsumer = async (offer: NewConsumer, ack: (result: Result<Record<string, never>>) => void) => {
    try {
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
      ack({ ok: true, data: {} });
      this.emitChange();
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

  private emitChange(): void {
    for (const listener of this.listeners) listener();
  }
}
