/*
 * The bridge's side of a synthetic room's two connections, written as SDP for
 * node-datachannel, as mediasoup-client writes it for a browser: the bridge is
 * ICE-lite, and the room is the DTLS client on both connections.
 */
import sdpTransform, { type MediaAttributes, type SessionDescription } from 'sdp-transform';
import type { NewConsumer, TransportOptions } from '@diemcau/shared';

export const MID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:mid';
export const RID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';

/** What the room's own offer or answer says about its DTLS certificate. */
export function dtlsFingerprint(sdp: string): { algorithm: string; value: string } {
  const session = sdpTransform.parse(sdp);
  const fingerprint = session.fingerprint ?? session.media.find((media) => media.fingerprint)?.fingerprint;
  if (!fingerprint) throw new Error('local description has no DTLS fingerprint');
  return { algorithm: fingerprint.type, value: fingerprint.hash };
}

type Media = SessionDescription['media'][number];

function transportAttributes(transport: TransportOptions, setup: 'actpass' | 'passive'): Partial<Media> {
  const fingerprint = transport.dtlsParameters.fingerprints.find((candidate) => candidate.algorithm === 'sha-256') ?? transport.dtlsParameters.fingerprints[0]!;
  return {
    connection: { version: 4, ip: '127.0.0.1' },
    iceUfrag: transport.iceParameters.usernameFragment,
    icePwd: transport.iceParameters.password,
    fingerprint: { type: fingerprint.algorithm, hash: fingerprint.value },
    setup,
    candidates: transport.iceCandidates.map((candidate) => ({
      foundation: candidate.foundation,
      component: 1,
      transport: candidate.protocol,
      priority: candidate.priority,
      ip: candidate.ip,
      port: candidate.port,
      type: candidate.type,
      ...(typeof candidate.tcpType === 'string' && { tcptype: candidate.tcpType }),
    })),
    endOfCandidates: 'end-of-candidates',
    rtcpMux: 'rtcp-mux',
    rtcpRsize: 'rtcp-rsize',
  };
}

function session(mids: string[], media: Media[], version = 1): string {
  const description: SessionDescription = {
    version: 0,
    origin: { username: 'mediasoup', sessionId: 1, sessionVersion: version, netType: 'IN', ipVer: 4, address: '0.0.0.0' },
    name: '-',
    timing: { start: 0, stop: 0 },
    icelite: 'ice-lite',
    groups: [{ type: 'BUNDLE', mids: mids.join(' ') }],
    msidSemantic: { semantic: 'WMS', token: '*' },
    media,
  };
  return sdpTransform.write(description);
}

/** The bridge's answer to the room's sending offer: it receives video (mid 0) and audio (mid 1). */
export function sendAnswer(transport: TransportOptions, video: { mid: string; payloadType: number }, audio: { mid: string; payloadType: number }): string {
  const section = (type: 'video' | 'audio', mid: string, payloadType: number, codec: string, rate: number, channels?: number): Media => ({
    type,
    port: 7,
    protocol: 'UDP/TLS/RTP/SAVPF',
    payloads: String(payloadType),
    mid,
    direction: 'recvonly',
    rtp: [{ payload: payloadType, codec, rate, ...(channels && { encoding: channels }) }],
    fmtp: [],
    ext: [
      { value: 1, uri: MID_EXTENSION },
      { value: 2, uri: RID_EXTENSION },
    ],
    ...transportAttributes(transport, 'passive'),
  });
  return session(
    [video.mid, audio.mid],
    [section('video', video.mid, video.payloadType, 'VP8', 90000), section('audio', audio.mid, audio.payloadType, 'opus', 48000, 2)],
  );
}

/** One stream the bridge sends the room; `active: false` once its consumer has closed. */
export interface OfferedStream {
  consumer: NewConsumer;
  active: boolean;
}

/** The bridge's offer of every stream it sends the room, one m-section each, in the order they came. */
export function receiveOffer(transport: TransportOptions, streams: readonly OfferedStream[], version: number): string {
  const media = streams.map(({ consumer, active }): Media => {
    const { rtpParameters } = consumer;
    const encoding = (rtpParameters.encodings?.[0] ?? {}) as { ssrc?: number };
    const cname = (rtpParameters.rtcp as { cname?: string } | undefined)?.cname ?? 'bridge';
    const codecs = rtpParameters.codecs;
    const attributes: Partial<MediaAttributes> = {
      rtp: codecs.map((codec) => ({
        payload: codec.payloadType,
        codec: codec.mimeType.split('/')[1]!,
        rate: codec.clockRate,
        ...(codec.channels && codec.channels > 1 && { encoding: codec.channels }),
      })),
      fmtp: codecs
        .filter((codec) => codec.parameters && Object.keys(codec.parameters).length > 0)
        .map((codec) => ({
          payload: codec.payloadType,
          config: Object.entries(codec.parameters!)
            .map(([key, value]) => `${key}=${String(value)}`)
            .join(';'),
        })),
      ext: (rtpParameters.headerExtensions ?? []).map((extension) => ({ value: extension.id, uri: extension.uri })),
      ssrcs: encoding.ssrc !== undefined ? [{ id: encoding.ssrc, attribute: 'cname', value: cname }] : [],
    };
    return {
      type: consumer.kind,
      port: active ? 7 : 0,
      protocol: 'UDP/TLS/RTP/SAVPF',
      payloads: codecs.map((codec) => codec.payloadType).join(' '),
      mid: rtpParameters.mid!,
      direction: active ? 'sendonly' : 'inactive',
      ...attributes,
      ...transportAttributes(transport, 'actpass'),
    } as Media;
  });
  return session(
    streams.filter((stream) => stream.active).map((stream) => stream.consumer.rtpParameters.mid!),
    media,
    version,
  );
}
