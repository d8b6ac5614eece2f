import { randomInt } from 'node:crypto';
import type { RtpParameters } from '@diemcau/shared';
import { FRAME_RATE, LAYERS, vp8Payloads, type PreparedMedia } from './mediaFiles';
import { senderReport, writeRtp, type HeaderExtension } from './rtp';
import { MID_EXTENSION, RID_EXTENSION } from './sdp';

/** Where the room's packets go: node-datachannel encrypts and sends each one as it is. */
export interface PacketSink {
  sendMessageBinary(packet: Buffer): boolean;
}

export const VIDEO_MID = '0';
export const AUDIO_MID = '1';
export const VP8_PAYLOAD_TYPE = 96;
export const OPUS_PAYLOAD_TYPE = 111;
const MID_EXTENSION_ID = 1;
const RID_EXTENSION_ID = 2;
const AUDIO_PACKET_MS = 20;
const SENDER_REPORT_MS = 1_000;
/** How many sent timestamps each stream remembers, for reading the time through the bridge back. */
const SENT_TIMES_KEPT = 256;

interface Stream {
  ssrc: number;
  sequenceNumber: number;
  packets: number;
  octets: number;
  extensions: HeaderExtension[];
}

function newStream(extensions: HeaderExtension[]): Stream {
  // Random starting points: a stream starting at 0 looks like 65,536 lost packets to the SFU.
  return { ssrc: randomInt(1, 2 ** 32 - 1), sequenceNumber: randomInt(0, 0x10000), packets: 0, octets: 0, extensions };
}

const text = (value: string) => Buffer.from(value, 'ascii');

/** Remembers when each RTP timestamp was sent, a bounded number of them. */
class SentTimes {
  private readonly times = new Map<number, number>();
  record(timestamp: number, at: number): void {
    if (this.times.has(timestamp)) return;
    this.times.set(timestamp, at);
    if (this.times.size > SENT_TIMES_KEPT) this.times.delete(this.times.keys().next().value!);
  }
  get(timestamp: number): number | undefined {
    return this.times.get(timestamp);
  }
}

/**
 * One room's camera and microphone, replayed from pre-encoded media: VP8 in three
 * simulcast layers (rid r0–r2 on their own SSRCs, with the mid and rid header
 * extensions as Chromium sends them) and Opus, each paced in real time with
 * Sender Reports once a second. A keyframe request makes the requested layer
 * jump to the next keyframe of its file.
 */
export class Publisher {
  private readonly layers: Stream[];
  /** The simulcast layers sent: the lowest ones, as many as the media has. */
  private readonly sent: ReadonlyArray<(typeof LAYERS)[number]>;
  private readonly layerCursor: number[];
  private readonly audio: Stream;
  private readonly videoTimestampBase = randomInt(0, 2 ** 32 - 1);
  private readonly audioTimestampBase = randomInt(0, 2 ** 32 - 1);
  private readonly pictureIds: number[];
  private startedAt = 0;
  private sinks: { video: PacketSink; audio: PacketSink } | undefined;
  /** Why sending stopped (the connection closed under it), if it did. */
  stoppedBy: string | undefined;
  private framesSent = 0;
  private audioSent = 0;
  private lastReportAt = -Infinity;
  private readonly keyframeWanted = new Set<number>();
  readonly videoSent = new SentTimes();
  readonly audioSentTimes = new SentTimes();
  readonly cname = `load-${randomInt(0, 2 ** 31).toString(36)}`;

  constructor(
    private readonly media: PreparedMedia,
    private readonly clock: () => number,
  ) {
    this.sent = LAYERS.slice(0, media.layers.length);
    this.layers = this.sent.map(({ rid }) =>
      newStream([
        { id: MID_EXTENSION_ID, value: text(VIDEO_MID) },
        { id: RID_EXTENSION_ID, value: text(rid) },
      ]),
    );
    this.layerCursor = this.sent.map(() => 0);
    this.pictureIds = this.sent.map(() => randomInt(0, 0x8000));
    this.audio = newStream([{ id: MID_EXTENSION_ID, value: text(AUDIO_MID) }]);
  }

  /** Starts sending on the connection's tracks; until then `tick` sends nothing. */
  start(video: PacketSink, audio: PacketSink): void {
    this.sinks = { video, audio };
    this.startedAt = this.clock();
  }

  /** What `media:produce` declares for each kind, as mediasoup-client would for Chromium. */
  get rtpParameters(): { video: RtpParameters; audio: RtpParameters } {
    const rtcp = { cname: this.cname, reducedSize: true };
    return {
      video: {
        mid: VIDEO_MID,
        codecs: [
          {
            mimeType: 'video/VP8',
            payloadType: VP8_PAYLOAD_TYPE,
            clockRate: 90000,
            parameters: {},
            rtcpFeedback: [
              { type: 'nack', parameter: '' },
              { type: 'nack', parameter: 'pli' },
              { type: 'ccm', parameter: 'fir' },
            ],
          },
        ],
        headerExtensions: [
          { uri: MID_EXTENSION, id: MID_EXTENSION_ID, encrypt: false, parameters: {} },
          { uri: RID_EXTENSION, id: RID_EXTENSION_ID, encrypt: false, parameters: {} },
        ],
        encodings: this.sent.map(({ rid }, index) => ({ rid, active: true, scaleResolutionDownBy: 2 ** (LAYERS.length - 1 - index) })),
        rtcp,
      },
      audio: {
        mid: AUDIO_MID,
        codecs: [
          {
            mimeType: 'audio/opus',
            payloadType: OPUS_PAYLOAD_TYPE,
            clockRate: 48000,
            channels: 2,
            parameters: { minptime: 10, useinbandfec: 1 },
            rtcpFeedback: [],
          },
        ],
        headerExtensions: [{ uri: MID_EXTENSION, id: MID_EXTENSION_ID, encrypt: false, parameters: {} }],
        encodings: [{ ssrc: this.audio.ssrc }],
        rtcp,
      },
    };
  }

  get ssrcs(): { video: number[]; audio: number } {
    return { video: this.layers.map((layer) => layer.ssrc), audio: this.audio.ssrc };
  }

  get bytesSent(): number {
    return [...this.layers, this.audio].reduce((sum, stream) => sum + stream.octets, 0);
  }

  get packetsSent(): number {
    return [...this.layers, this.audio].reduce((sum, stream) => sum + stream.packets, 0);
  }

  requestKeyframe(ssrc: number): void {
    const layer = this.layers.findIndex((stream) => stream.ssrc === ssrc);
    if (layer >= 0) this.keyframeWanted.add(layer);
  }

  /** Sends whatever has fallen due since the last call. */
  tick(): void {
    if (!this.sinks) return;
    const now = this.clock();
    const elapsed = now - this.startedAt;
    try {
      while ((this.framesSent * 1000) / FRAME_RATE <= elapsed) this.sendFrame(now);
      while (this.audioSent * AUDIO_PACKET_MS <= elapsed) this.sendAudio(now);
      if (now - this.lastReportAt >= SENDER_REPORT_MS) this.sendReports(now);
    } catch (error) {
      // node-datachannel throws once the track has closed: this room stops sending and says why.
      this.sinks = undefined;
      this.stoppedBy = (error as Error).message;
    }
  }

  private send(sink: 'video' | 'audio', stream: Stream, timestamp: number, marker: boolean, payloadType: number, payload: Uint8Array): void {
    const packet = writeRtp({ payloadType, marker, sequenceNumber: stream.sequenceNumber, timestamp, ssrc: stream.ssrc }, stream.extensions, payload);
    stream.sequenceNumber = (stream.sequenceNumber + 1) & 0xffff;
    stream.packets++;
    stream.octets += payload.length;
    this.sinks![sink].sendMessageBinary(packet);
  }

  private sendFrame(now: number): void {
    const timestamp = (this.videoTimestampBase + this.framesSent * (90000 / FRAME_RATE)) >>> 0;
    this.layers.forEach((stream, layer) => {
      const frames = this.media.layers[layer]!;
      let cursor = this.layerCursor[layer]!;
      if (this.keyframeWanted.delete(layer)) {
        while (!frames[cursor]!.keyframe) cursor = (cursor + 1) % frames.length;
      }
      const pictureId = this.pictureIds[layer]!;
      const payloads = vp8Payloads(frames[cursor]!.chunks, pictureId);
      payloads.forEach((payload, index) => this.send('video', stream, timestamp, index === payloads.length - 1, VP8_PAYLOAD_TYPE, payload));
      this.pictureIds[layer] = (pictureId + 1) & 0x7fff;
      this.layerCursor[layer] = (cursor + 1) % frames.length;
    });
    this.videoSent.record(timestamp, now);
    this.framesSent++;
  }

  private sendAudio(now: number): void {
    const timestamp = (this.audioTimestampBase + this.audioSent * 960) >>> 0;
    const packet = this.media.audio[this.audioSent % this.media.audio.length]!;
    this.send('audio', this.audio, timestamp, false, OPUS_PAYLOAD_TYPE, packet);
    this.audioSentTimes.record(timestamp, now);
    this.audioSent++;
  }

  /** One SR per SSRC, all from the same wall clock, so the SFU can switch layers without a jump. */
  private sendReports(now: number): void {
    this.lastReportAt = now;
    const wallClock = performance.timeOrigin + now;
    const elapsed = now - this.startedAt;
    for (const stream of this.layers) {
      const timestamp = (this.videoTimestampBase + Math.round(elapsed * 90)) >>> 0;
      this.sinks!.video.sendMessageBinary(senderReport(stream.ssrc, wallClock, timestamp, stream.packets, stream.octets));
    }
    const audioTimestamp = (this.audioTimestampBase + Math.round(elapsed * 48)) >>> 0;
    this.sinks!.audio.sendMessageBinary(senderReport(this.audio.ssrc, wallClock, audioTimestamp, this.audio.packets, this.audio.octets));
  }
}
