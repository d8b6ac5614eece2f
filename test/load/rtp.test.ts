import { describe, expect, it } from 'vitest';
import { opusPackets, parseIvf, parseOggPackets, vp8Chunks, vp8Payloads } from './mediaFiles';
import { isRtcp, keyframeRequests, parseRtp, senderReport, SequenceAccount, startsVp8Keyframe, writeRtp } from './rtp';

describe('RTP packets the load generator sends', () => {
  it('writes a header with one-byte extensions that parses back, payload after the padded extension block', () => {
    const payload = Buffer.from([9, 8, 7]);
    const packet = writeRtp(
      { payloadType: 96, marker: true, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0x89abcdef },
      [
        { id: 1, value: Buffer.from('0') },
        { id: 2, value: Buffer.from('r2') },
      ],
      payload,
    );
    // 12-byte header, 4-byte extension header, 5 bytes of elements padded to 8.
    expect(packet.length).toBe(12 + 4 + 8 + 3);
    expect(packet.readUInt16BE(12)).toBe(0xbede);
    expect(packet.subarray(16, 21)).toEqual(Buffer.from([0x10, 0x30, 0x21, 0x72, 0x32]));
    const parsed = parseRtp(packet)!;
    expect(parsed).toMatchObject({ payloadType: 96, marker: true, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0x89abcdef });
    expect(packet.subarray(parsed.payloadOffset, parsed.payloadEnd)).toEqual(payload);
  });

  it('refuses an extension the one-byte form cannot carry', () => {
    expect(() =>
      writeRtp({ payloadType: 96, marker: false, sequenceNumber: 1, timestamp: 1, ssrc: 1 }, [{ id: 15, value: Buffer.from('x') }], Buffer.alloc(0)),
    ).toThrow(RangeError);
  });

  it('skips CSRCs and padding when reading a packet, and tells RTCP apart', () => {
    const packet = Buffer.concat([Buffer.from([0xa1, 100, 0, 5, 0, 0, 0, 1, 0, 0, 0, 2]), Buffer.alloc(4, 0xcc), Buffer.from([1, 2, 0, 0, 3])]);
    const parsed = parseRtp(packet)!;
    expect(packet.subarray(parsed.payloadOffset, parsed.payloadEnd)).toEqual(Buffer.from([1, 2]));
    const report = senderReport(7, Date.UTC(2026, 0, 1), 1234, 10, 1000);
    expect(isRtcp(report)).toBe(true);
    expect(parseRtp(report)).toBeUndefined();
    expect(isRtcp(packet)).toBe(false);
  });

  it('writes a Sender Report with the NTP time of the wall clock', () => {
    const report = senderReport(0x01020304, Date.UTC(2026, 0, 1, 0, 0, 0, 500), 90000, 3, 300);
    expect(report.readUInt16BE(2)).toBe(6);
    // 2026-01-01 is 3,976,214,400 s after 1900; half a second is 2^31 in the fraction.
    expect(report.readUInt32BE(8)).toBe(3_976_214_400);
    expect(report.readUInt32BE(12)).toBe(2 ** 31);
    expect([report.readUInt32BE(16), report.readUInt32BE(20), report.readUInt32BE(24)]).toEqual([90000, 3, 300]);
  });

  it('finds the SSRCs a PLI and a FIR ask keyframes of in a compound packet', () => {
    const receiverReport = Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 9]);
    const pli = Buffer.from([0x81, 206, 0, 2, 0, 0, 0, 9, 0, 0, 0, 42]);
    const fir = Buffer.from([0x84, 206, 0, 4, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 77, 1, 0, 0, 0]);
    expect(keyframeRequests(Buffer.concat([receiverReport, pli, fir]))).toEqual([42, 77]);
    expect(keyframeRequests(receiverReport)).toEqual([]);
  });
});

describe('VP8 payloads', () => {
  const keyframe = Buffer.concat([Buffer.from([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a]), Buffer.alloc(2500, 7)]);
  const interframe = Buffer.concat([Buffer.from([0x31, 0x02, 0x00]), Buffer.alloc(10, 7)]);

  it('cuts a frame into chunks and marks only the first payload as its start', () => {
    const chunks = vp8Chunks(keyframe, 1100);
    expect(chunks.map((chunk) => chunk.length)).toEqual([1100, 1100, 306]);
    const payloads = vp8Payloads(chunks, 0x1234);
    expect(payloads.map((payload) => payload.subarray(0, 4))).toEqual([
      Buffer.from([0x90, 0x80, 0x92, 0x34]),
      Buffer.from([0x80, 0x80, 0x92, 0x34]),
      Buffer.from([0x80, 0x80, 0x92, 0x34]),
    ]);
    expect(Buffer.concat(payloads.map((payload) => payload.subarray(4)))).toEqual(keyframe);
  });

  it('recognises the start of a keyframe, and not an interframe or a middle chunk', () => {
    const [first, second] = vp8Payloads(vp8Chunks(keyframe), 5);
    expect(startsVp8Keyframe(first!)).toBe(true);
    expect(startsVp8Keyframe(second!)).toBe(false);
    expect(startsVp8Keyframe(vp8Payloads(vp8Chunks(interframe), 6)[0]!)).toBe(false);
    // A descriptor with a 7-bit picture id, TL0PICIDX and TID/KEYIDX, as a browser may send.
    expect(startsVp8Keyframe(Buffer.from([0x90, 0xe0, 0x05, 0x01, 0x20, 0x10, 0x02]))).toBe(true);
    expect(startsVp8Keyframe(Buffer.from([0x90, 0xe0, 0x05, 0x01, 0x20, 0x11, 0x02]))).toBe(false);
  });
});

describe('media files', () => {
  function ivf(frames: Buffer[]): Buffer {
    const header = Buffer.alloc(32);
    header.write('DKIF', 0, 'latin1');
    header.writeUInt16LE(32, 6);
    header.write('VP80', 8, 'latin1');
    header.writeUInt16LE(320, 12);
    header.writeUInt16LE(180, 14);
    return Buffer.concat([
      header,
      ...frames.flatMap((frame, index) => {
        const frameHeader = Buffer.alloc(12);
        frameHeader.writeUInt32LE(frame.length, 0);
        frameHeader.writeUInt32LE(index, 4);
        return [frameHeader, frame];
      }),
    ]);
  }

  it('reads the frames of an IVF file and which are keyframes', () => {
    const parsed = parseIvf(ivf([Buffer.from([0x10, 1, 2]), Buffer.from([0x11, 3]), Buffer.from([0x00])]));
    expect(parsed).toMatchObject({ fourcc: 'VP80', width: 320, height: 180 });
    expect(parsed.frames.map((frame) => [frame.keyframe, frame.data.length])).toEqual([
      [true, 3],
      [false, 2],
      [true, 1],
    ]);
  });

  it('refuses a truncated IVF file', () => {
    expect(() => parseIvf(ivf([Buffer.alloc(100)]).subarray(0, 100))).toThrow(/past the end/);
    expect(() => parseIvf(Buffer.alloc(40))).toThrow(/not an IVF/);
  });

  function oggPage(segments: number[], body: Buffer): Buffer {
    const header = Buffer.alloc(27);
    header.write('OggS', 0, 'latin1');
    header[26] = segments.length;
    return Buffer.concat([header, Buffer.from(segments), body]);
  }

  it('joins Ogg packets that span segments and pages, and keeps only Opus audio packets', () => {
    const head = Buffer.concat([Buffer.from('OpusHead', 'latin1'), Buffer.alloc(11)]);
    const tags = Buffer.concat([Buffer.from('OpusTags', 'latin1'), Buffer.alloc(8)]);
    const long = Buffer.alloc(300, 5);
    const file = Buffer.concat([
      oggPage([head.length], head),
      oggPage([tags.length], tags),
      // The long packet: 255 bytes on this page, the rest and a short packet on the next.
      oggPage([255], long.subarray(0, 255)),
      oggPage([45, 3], Buffer.concat([long.subarray(255), Buffer.from([1, 2, 3])])),
    ]);
    expect(parseOggPackets(file).map((packet) => packet.length)).toEqual([19, 16, 300, 3]);
    const audio = opusPackets(file);
    expect(audio).toHaveLength(2);
    expect(audio[0]).toEqual(long);
  });
});

describe('sequence accounting', () => {
  it('counts expected and lost packets across a wrap of the sequence number', () => {
    const account = new SequenceAccount();
    for (const sequence of [65530, 65531, 65533, 65535, 0, 1, 4]) account.record(sequence);
    // 65530 … 65535 then 0 … 4: eleven sent, seven received.
    expect(account.expected).toBe(11);
    expect(account.received).toBe(7);
    expect(account.lost).toBe(4);
  });

  it('does not count a late packet as a new cycle', () => {
    const account = new SequenceAccount();
    for (const sequence of [10, 12, 11, 13]) account.record(sequence);
    expect(account.expected).toBe(4);
    expect(account.lost).toBe(0);
  });

  it('expects nothing before the first packet', () => {
    expect(new SequenceAccount().expected).toBe(0);
  });
});
