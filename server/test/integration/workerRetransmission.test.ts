/*
 * The SFU worker's retransmissions (NACK/RTX), on a real worker fed raw RTP over UDP: a
 * PlainTransport producer (comedia, no SRTP) takes VP8 simulcast packets from a test socket
 * in the order that matters, and each consumer's PlainTransport sends to a test socket that
 * answers with RTCP NACKs. These guard our backports in deploy/worker/patches (issue 9: tiles
 * froze on a lossy line although the bridge had every packet): without them, the first two tests
 * get no retransmission at all and the third gets another consumer's pictureId.
 */
import dgram from 'node:dgram';
import type { types } from 'mediasoup';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mediaCodecs } from '../../src/media/codecs';
import { mediasoup } from '../../src/media/mediasoupRuntime';
import { waitFor } from './harness';

const VP8_PT = 101;
const RTX_PT = 102;
const SSRC = 11_111_111;
const RTX_SSRC = 22_222_222;
const LOOPBACK = '127.0.0.1';

interface RtpPacket {
  payloadType: number;
  ssrc: number;
  seq: number;
  payload: Buffer;
}

/** A VP8 frame's part: payload descriptor with 2-byte pictureId, TL0PICIDX and TID 0, then the frame bytes. */
interface Vp8Part {
  seq: number;
  pictureId: number;
  tl0PictureIndex: number;
  start: boolean;
  keyFrame?: boolean;
  marker?: boolean;
  /** Distinguishes this packet's payload from every other's. */
  tag: number;
}

function vp8Payload(part: Vp8Part): Buffer {
  return Buffer.from([
    part.start ? 0x90 : 0x80, // X, S (partition 0)
    0xe0, // I, L, T
    0x80 | (part.pictureId >> 8),
    part.pictureId & 0xff,
    part.tl0PictureIndex,
    0x00, // TID 0
    part.start && part.keyFrame ? 0x00 : 0x01, // VP8 payload header: P bit clear on a keyframe
    0xab,
    part.tag,
  ]);
}

function rtpPacket(payloadType: number, ssrc: number, seq: number, payload: Buffer, marker = false): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (marker ? 0x80 : 0) | payloadType;
  header.writeUInt16BE(seq, 2);
  header.writeUInt32BE(90_000, 4);
  header.writeUInt32BE(ssrc, 8);
  return Buffer.concat([header, payload]);
}

/** RTP only (RTCP is payload type 200–207, i.e. 72–79 without the marker bit); skips CSRCs, header extensions and padding. */
function parseRtp(data: Buffer): RtpPacket | undefined {
  if (data.length < 12 || data[0]! >> 6 !== 2) return undefined;
  const payloadType = data[1]! & 0x7f;
  if (payloadType >= 72 && payloadType <= 79) return undefined;
  let offset = 12 + 4 * (data[0]! & 0x0f);
  if (data[0]! & 0x10) offset += 4 + 4 * data.readUInt16BE(offset + 2);
  const end = data[0]! & 0x20 ? data.length - data[data.length - 1]! : data.length;
  return { payloadType, ssrc: data.readUInt32BE(8), seq: data.readUInt16BE(2), payload: data.subarray(offset, end) };
}

/** RTCP generic NACK (RFC 4585) for one sequence number. */
function nack(mediaSsrc: number, seq: number): Buffer {
  const packet = Buffer.alloc(16);
  packet[0] = 0x81;
  packet[1] = 205;
  packet.writeUInt16BE(3, 2);
  packet.writeUInt32BE(1234, 4);
  packet.writeUInt32BE(mediaSsrc, 8);
  packet.writeUInt16BE(seq, 12);
  return packet;
}

const tagOf = (payload: Buffer) => payload[payload.length - 1];
const pictureIdOf = (payload: Buffer) => payload.readUInt16BE(2) & 0x7fff;

async function openSocket(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, LOOPBACK, resolve));
  return socket;
}

/** A consumer whose packets reach a test socket, which can NACK them. */
class TestReceiver {
  readonly received: RtpPacket[] = [];
  private constructor(
    readonly consumer: types.Consumer,
    private readonly socket: dgram.Socket,
    private readonly bridgePort: number,
  ) {
    socket.on('message', (data) => {
      const packet = parseRtp(data);
      if (packet) this.received.push(packet);
    });
  }

  static async open(router: types.Router, producer: types.Producer): Promise<TestReceiver> {
    const socket = await openSocket();
    const transport = await router.createPlainTransport({ listenIp: LOOPBACK, rtcpMux: true, comedia: false });
    await transport.connect({ ip: LOOPBACK, port: socket.address().port });
    const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    return new TestReceiver(consumer, socket, transport.tuple.localPort);
  }

  get ssrc(): number {
    return this.consumer.rtpParameters.encodings![0]!.ssrc!;
  }

  get rtxSsrc(): number {
    return this.consumer.rtpParameters.encodings![0]!.rtx!.ssrc;
  }

  /** The media packet (not a retransmission) carrying this tag. */
  async media(tag: number): Promise<RtpPacket> {
    const find = () => this.received.find((packet) => packet.ssrc === this.ssrc && tagOf(packet.payload) === tag);
    await waitFor(() => find() !== undefined, 3_000);
    return find()!;
  }

  /** NACKs the given seq and returns the RTX retransmission's original payload. */
  async retransmission(seq: number): Promise<Buffer | undefined> {
    const find = () => this.received.find((packet) => packet.ssrc === this.rtxSsrc && packet.payload.readUInt16BE(0) === seq);
    for (let attempt = 0; attempt < 5 && !find(); attempt++) {
      this.socket.send(nack(this.ssrc, seq), this.bridgePort, LOOPBACK);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return find()?.payload.subarray(2);
  }

  close(): void {
    this.socket.close();
  }
}

let worker: types.Worker;
let router: types.Router;
let producer: types.Producer;
let sender: dgram.Socket;
let producerPort: number;
const receivers: TestReceiver[] = [];

function send(part: Vp8Part): void {
  sender.send(rtpPacket(VP8_PT, SSRC, part.seq, vp8Payload(part), part.marker), producerPort, LOOPBACK);
}

/** The part retransmitted by the room's own sender over RTX (its own sequence numbers). */
let rtxSeq = 500;
function sendRtx(part: Vp8Part): void {
  const osn = Buffer.alloc(2);
  osn.writeUInt16BE(part.seq);
  sender.send(rtpPacket(RTX_PT, RTX_SSRC, rtxSeq++, Buffer.concat([osn, vp8Payload(part)]), part.marker), producerPort, LOOPBACK);
}

async function openReceiver(): Promise<TestReceiver> {
  const receiver = await TestReceiver.open(router, producer);
  receivers.push(receiver);
  return receiver;
}

beforeAll(async () => {
  worker = await mediasoup.createWorker({ logLevel: 'error' });
});
afterAll(() => worker.close());

describe('the SFU worker retransmits what it forwarded (NACK/RTX)', () => {
  afterEach(() => {
    for (const receiver of receivers.splice(0)) receiver.close();
    sender.close();
    router.close();
  });

  async function openProducer(): Promise<void> {
    router = await worker.createRouter({ mediaCodecs });
    const producerTransport = await router.createPlainTransport({ listenIp: LOOPBACK, rtcpMux: true, comedia: true });
    producerPort = producerTransport.tuple.localPort;
    sender = await openSocket();
    producer = await producerTransport.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [
          {
            mimeType: 'video/VP8',
            payloadType: VP8_PT,
            clockRate: 90_000,
            rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
          },
          { mimeType: 'video/rtx', payloadType: RTX_PT, clockRate: 90_000, parameters: { apt: VP8_PT } },
        ],
        // Simulcast, so that consumers rewrite pictureIds as the kiosks' do; only the first layer is sent.
        encodings: [
          { ssrc: SSRC, rtx: { ssrc: RTX_SSRC } },
          { ssrc: SSRC + 1, rtx: { ssrc: RTX_SSRC + 1 } },
        ],
      },
    });
  }

  /** Opens a receiver and sends it a first keyframe (seq 1000); resolves with the receiver's seq for it. */
  async function receiverInSync(): Promise<{ receiver: TestReceiver; firstSeq: number }> {
    await openProducer();
    const receiver = await openReceiver();
    send({ seq: 1000, pictureId: 10, tl0PictureIndex: 1, start: true, keyFrame: true, marker: true, tag: 1 });
    return { receiver, firstSeq: (await receiver.media(1)).seq };
  }

  it('forwards and resends a packet it first got over RTX, before any newer RTP', async () => {
    const { receiver, firstSeq } = await receiverInSync();
    // The RTP packet 1001 is lost; the sender's RTX copy (probation, padding) arrives before 1002.
    sendRtx({ seq: 1001, pictureId: 11, tl0PictureIndex: 2, start: true, tag: 2 });
    send({ seq: 1002, pictureId: 11, tl0PictureIndex: 2, start: false, marker: true, tag: 3 });
    await receiver.media(3);

    // The receiver lost it on its own line too: the bridge must still have it to resend.
    expect((await receiver.retransmission(firstSeq + 1))?.at(-1)).toBe(2);
  });

  it('forwards and resends a packet it got over RTX before its own NACK for it left', async () => {
    const { receiver, firstSeq } = await receiverInSync();
    // 1001 is lost and its RTX copy comes right behind 1002, within the bridge's 10 ms NACK delay.
    send({ seq: 1002, pictureId: 11, tl0PictureIndex: 2, start: false, marker: true, tag: 3 });
    sendRtx({ seq: 1001, pictureId: 11, tl0PictureIndex: 2, start: true, tag: 2 });
    await receiver.media(3);

    expect((await receiver.retransmission(firstSeq + 1))?.at(-1)).toBe(2);
  });

  it("resends each consumer the pictureId it sent that consumer, not another consumer's", async () => {
    await openProducer();
    const early = await openReceiver();
    send({ seq: 2000, pictureId: 20, tl0PictureIndex: 1, start: true, keyFrame: true, marker: true, tag: 1 });
    await early.media(1);
    send({ seq: 2001, pictureId: 21, tl0PictureIndex: 2, start: true, marker: true, tag: 2 });
    await early.media(2);

    // A room that joins later starts its pictureIds at the keyframe it syncs on.
    const late = await openReceiver();
    send({ seq: 2002, pictureId: 22, tl0PictureIndex: 3, start: true, keyFrame: true, marker: true, tag: 3 });
    await late.media(3);
    send({ seq: 2003, pictureId: 23, tl0PictureIndex: 4, start: true, marker: true, tag: 4 });

    const sent = await Promise.all([early.media(4), late.media(4)]);
    // Without this the test could not tell whose pictureId a retransmission carries.
    expect(pictureIdOf(sent[0].payload)).not.toBe(pictureIdOf(sent[1].payload));

    for (const [index, receiver] of [early, late].entries()) {
      const resent = await receiver.retransmission(sent[index]!.seq);
      expect(resent && { tag: tagOf(resent), descriptor: resent.subarray(0, 6) }).toEqual({
        tag: 4,
        descriptor: sent[index]!.payload.subarray(0, 6),
      });
    }
  });
});
