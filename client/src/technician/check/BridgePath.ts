import { Device } from 'mediasoup-client';
import type { types } from 'mediasoup-client';
import type { MediaSource, NewConsumer, Result, TransportOptions } from '@diemcau/shared';
import { request, type SignalingSocket } from '../../media/signaling';
import { linkSnapshot, loopbackFigures, mediaPathOf, type LoopbackFigures } from './linkStats';

export type IceProtocol = 'udp' | 'tcp';

/** How the browser may reach the bridge: a TURN relay to use, and whether only relayed paths count. */
export interface IcePolicy {
  iceServers?: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
}

export interface LoopedTracks {
  video: MediaStreamTrack;
  audio: MediaStreamTrack | undefined;
}

/** A kiosk gets connected in a second or two; a path still not connected after this is blocked. */
const ICE_TIMEOUT_MS = 8_000;
const CONSUMER_TIMEOUT_MS = 10_000;
/** The sender's bandwidth estimate ramps up first; the figures are taken after it. */
const WARM_UP_MS = 2_000;
const LOOPBACK_MS = 5_000;
/**
 * The test picture may use this much more than the meeting needs: enough to show the line
 * carries the need, not so much that the check floods a thin line.
 */
const BITRATE_HEADROOM = 1.5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connected(transport: types.Transport, timeoutMs: number): Promise<boolean> {
  if (transport.connectionState === 'connected') return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (result: boolean) => {
      clearTimeout(timer);
      transport.off('connectionstatechange', onState);
      resolve(result);
    };
    const onState = (state: types.ConnectionState) => {
      if (state === 'connected') finish(true);
      else if (state === 'failed' || state === 'closed') finish(false);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    transport.on('connectionstatechange', onState);
  });
}

/**
 * The media side of a connection check, over the `/check` namespace: the bridge gives this
 * connection a room of its own and sends its own producers straight back. It opens ICE over one
 * protocol at a time, so a blocked UDP or TCP path shows up as such, and measures the loopback
 * from the browser's own WebRTC statistics.
 */
export class BridgePath {
  private readonly device = new Device();

  constructor(private readonly socket: SignalingSocket) {}

  async load(): Promise<void> {
    const routerRtpCapabilities = await request(this.socket, 'media:routerCapabilities', {});
    await this.device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
  }

  /** Whether a sending transport limited to these protocols gets connected while it sends the track. */
  async probe(protocols: IceProtocol[], track: MediaStreamTrack, policy: IcePolicy): Promise<boolean> {
    const transport = this.transport('send', await request(this.socket, 'media:createTransport', { direction: 'send', protocols }), policy);
    try {
      const done = connected(transport, ICE_TIMEOUT_MS);
      await transport.produce({ track, stopTracks: false, appData: { source: track.kind === 'video' ? 'camera' : 'microphone' } });
      return await done;
    } catch {
      return false;
    } finally {
      transport.close();
    }
  }

  /**
   * Sends the tracks through the bridge and receives them back for a few seconds, the picture
   * at up to what the meeting needs and a half. `onReturned` gets the picture that came back, to
   * show it. Undefined when nothing came back.
   */
  async loopback(
    protocols: IceProtocol[],
    policy: IcePolicy,
    tracks: LoopedTracks,
    requiredKbps: number,
    onReturned: (track: MediaStreamTrack) => void,
  ): Promise<LoopbackFigures | undefined> {
    const joined = await request(this.socket, 'media:join', { rtpCapabilities: this.device.recvRtpCapabilities, send: true, protocols });
    const send = this.transport('send', joined.send!, policy);
    const receive = this.transport('recv', joined.recv, policy);
    let returned: (track: MediaStreamTrack) => void = () => undefined;
    const pictureReturned = new Promise<MediaStreamTrack>((resolve) => (returned = resolve));
    const onNewConsumer = async (offer: NewConsumer, ack: (result: Result<Record<string, never>>) => void) => {
      try {
        const consumer = await receive.consume({
          id: offer.consumerId,
          producerId: offer.producerId,
          kind: offer.kind,
          rtpParameters: offer.rtpParameters as types.RtpParameters,
        });
        ack({ ok: true, data: {} });
        if (consumer.kind === 'video') returned(consumer.track);
      } catch (error) {
        ack({ ok: false, error: { code: 'media-error', message: error instanceof Error ? error.message : String(error) } });
      }
    };
    this.socket.on('media:newConsumer', onNewConsumer);
    try {
      await send.produce({
        track: tracks.video,
        codec: this.vp8(),
        encodings: [{ maxBitrate: requiredKbps * 1000 * BITRATE_HEADROOM }],
        // Starting at the meeting's need shows at once whether the line carries it.
        codecOptions: { videoGoogleStartBitrate: requiredKbps },
        stopTracks: false,
        appData: { source: 'camera' },
      });
      if (tracks.audio) {
        await send.produce({ track: tracks.audio, codecOptions: { opusStereo: false, opusFec: true }, stopTracks: false, appData: { source: 'microphone' } });
      }
      const picture = await Promise.race([pictureReturned, sleep(CONSUMER_TIMEOUT_MS).then(() => undefined)]);
      if (!picture) return undefined;
      onReturned(picture);
      const [sending, receiving] = await Promise.all([connected(send, ICE_TIMEOUT_MS), connected(receive, ICE_TIMEOUT_MS)]);
      if (!sending || !receiving) return undefined;
      await sleep(WARM_UP_MS);
      const before = linkSnapshot(await send.getStats(), await receive.getStats(), performance.now());
      await sleep(LOOPBACK_MS);
      const sendStats = await send.getStats();
      const after = linkSnapshot(sendStats, await receive.getStats(), performance.now());
      return loopbackFigures(before, after, requiredKbps, mediaPathOf(sendStats));
    } finally {
      this.socket.off('media:newConsumer', onNewConsumer);
      send.close();
      receive.close();
    }
  }

  private vp8(): types.RtpCodecCapability | undefined {
    return this.device.rtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
  }

  private transport(direction: 'send' | 'recv', options: TransportOptions, policy: IcePolicy): types.Transport {
    const settings = { ...(options as types.TransportOptions), ...policy };
    const transport = direction === 'send' ? this.device.createSendTransport(settings) : this.device.createRecvTransport(settings);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(this.socket, 'media:connectTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback())
        .catch(errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      request(this.socket, 'media:produce', { transportId: transport.id, kind, rtpParameters: rtpParameters, source: appData.source as MediaSource })
        .then(({ producerId }) => callback({ id: producerId }))
        .catch(errback);
    });
    return transport;
  }
}
