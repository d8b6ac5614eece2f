/*
 * RTP and RTCP as the load generator needs them: packets it builds to publish,
 * packets it reads back to measure. Pure functions over bytes (RFC 3550, RFC 8285
 * one-byte header extensions, RFC 7741 VP8 payload descriptor).
 */

export interface HeaderExtension {
  id: number;
  value: Uint8Array;
}

export interface RtpHeader {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

/** An RTP packet with one-byte header extensions (ids 1–14, values of 1–16 bytes). */
export function writeRtp(header: RtpHeader, extensions: readonly HeaderExtension[], payload: Uint8Array): Buffer {
  const extensionBytes = extensions.reduce((sum, extension) => sum + 1 + extension.value.length, 0);
  const extensionWords = Math.ceil(extensionBytes / 4);
  const headerLength = 12 + (extensions.length > 0 ? 4 + extensionWords * 4 : 0);
  const packet = Buffer.alloc(headerLength + payload.length);
  packet[0] = 0x80 | (extensions.length > 0 ? 0x10 : 0);
  packet[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  packet.writeUInt16BE(header.sequenceNumber & 0xffff, 2);
  packet.writeUInt32BE(header.timestamp >>> 0, 4);
  packet.writeUInt32BE(header.ssrc >>> 0, 8);
  if (extensions.length > 0) {
    packet.writeUInt16BE(0xbede, 12);
    packet.writeUInt16BE(extensionWords, 14);
    let offset = 16;
    for (const { id, value } of extensions) {
      if (id < 1 || id > 14 || value.length < 1 || value.length > 16) throw new RangeError(`header extension ${id} does not fit the one-byte form`);
      packet[offset++] = (id << 4) | (value.length - 1);
      packet.set(value, offset);
      offset += value.length;
    }
  }
  packet.set(payload, headerLength);
  return packet;
}

export interface ParsedRtp extends RtpHeader {
  /** Where the payload starts and ends in the packet (padding excluded). */
  payloadOffset: number;
  payloadEnd: number;
}

/** Reads an RTP header; undefined for anything that is not a well-formed RTP packet. */
export function parseRtp(packet: Uint8Array): ParsedRtp | undefined {
  if (packet.length < 12 || packet[0]! >> 6 !== 2 || isRtcp(packet)) return undefined;
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const csrcCount = packet[0]! & 0x0f;
  let offset = 12 + csrcCount * 4;
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return undefined;
    offset += 4 + view.getUint16(offset + 2) * 4;
  }
  let end = packet.length;
  if (packet[0]! & 0x20) end -= packet[packet.length - 1]!;
  if (offset > end) return undefined;
  return {
    payloadType: packet[1]! & 0x7f,
    marker: (packet[1]! & 0x80) !== 0,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payloadOffset: offset,
    payloadEnd: end,
  };
}

/** RTCP packet types occupy 192–223 in the second byte (RFC 5761 §4), where RTP payload types cannot. */
export function isRtcp(packet: Uint8Array): boolean {
  return packet.length >= 8 && packet[1]! >= 192 && packet[1]! <= 223;
}

/** Seconds between the NTP epoch (1900) and the Unix epoch. */
const NTP_UNIX_OFFSET = 2_208_988_800;

/** A Sender Report without report blocks (RFC 3550 §6.4.1): what lets the SFU align simulcast layers. */
export function senderReport(ssrc: number, wallClockMs: number, rtpTimestamp: number, packetCount: number, octetCount: number): Buffer {
  const report = Buffer.alloc(28);
  report[0] = 0x80;
  report[1] = 200;
  report.writeUInt16BE(6, 2);
  report.writeUInt32BE(ssrc >>> 0, 4);
  const seconds = Math.floor(wallClockMs / 1000);
  report.writeUInt32BE((seconds + NTP_UNIX_OFFSET) >>> 0, 8);
  report.writeUInt32BE(Math.floor(((wallClockMs % 1000) / 1000) * 2 ** 32) >>> 0, 12);
  report.writeUInt32BE(rtpTimestamp >>> 0, 16);
  report.writeUInt32BE(packetCount >>> 0, 20);
  report.writeUInt32BE(octetCount >>> 0, 24);
  return report;
}

/**
 * The media SSRCs a compound RTCP packet asks a keyframe of: Picture Loss
 * Indication (PSFB, FMT 1) and Full Intra Request (PSFB, FMT 4, one SSRC per entry).
 */
export function keyframeRequests(compound: Uint8Array): number[] {
  const view = new DataView(compound.buffer, compound.byteOffset, compound.byteLength);
  const ssrcs: number[] = [];
  let offset = 0;
  while (offset + 4 <= compound.length) {
    const format = compound[offset]! & 0x1f;
    const type = compound[offset + 1]!;
    const length = (view.getUint16(offset + 2) + 1) * 4;
    if (offset + length > compound.length) break;
    if (type === 206 && format === 1 && length >= 12) ssrcs.push(view.getUint32(offset + 8));
    if (type === 206 && format === 4) {
      for (let entry = offset + 12; entry + 8 <= offset + length; entry += 8) ssrcs.push(view.getUint32(entry));
    }
    offset += length;
  }
  return ssrcs;
}

/** The 4-byte VP8 payload descriptor: X, S at a frame's start, partition 0, a 15-bit picture id. */
export function vp8Descriptor(startOfFrame: boolean, pictureId: number): Buffer {
  return Buffer.from([0x80 | (startOfFrame ? 0x10 : 0), 0x80, 0x80 | ((pictureId >> 8) & 0x7f), pictureId & 0xff]);
}

/** Whether a VP8 RTP payload starts a keyframe: S set, partition 0, and the frame tag's P bit clear. */
export function startsVp8Keyframe(payload: Uint8Array): boolean {
  if (payload.length < 2) return false;
  const first = payload[0]!;
  if ((first & 0x10) === 0 || (first & 0x07) !== 0) return false;
  let offset = 1;
  if (first & 0x80) {
    const extension = payload[offset++]!;
    if (extension & 0x80) offset += (payload[offset]! & 0x80) !== 0 ? 2 : 1;
    if (extension & 0x40) offset += 1;
    if (extension & 0x30) offset += 1;
  }
  return offset < payload.length && (payload[offset]! & 0x01) === 0;
}

/**
 * Received packets of one stream against those its sequence numbers say were
 * sent (RFC 3550 A.3): the highest extended sequence number, the first, and the
 * count received. As in RTCP reports, a duplicate counts as received, so loss is
 * never overstated.
 */
export class SequenceAccount {
  private first: number | undefined;
  private highest = 0;
  private cycles = 0;
  received = 0;

  record(sequenceNumber: number): void {
    this.received++;
    if (this.first === undefined) {
      this.first = sequenceNumber;
      this.highest = sequenceNumber;
      return;
    }
    const last = this.highest & 0xffff;
    const delta = (sequenceNumber - last + 0x10000) & 0xffff;
    // Forward within half the space: a newer packet (perhaps after a wrap); otherwise late or reordered.
    if (delta !== 0 && delta < 0x8000) {
      if (sequenceNumber < last) this.cycles += 0x10000;
      this.highest = this.cycles + sequenceNumber;
    }
  }

  get expected(): number {
    return this.first === undefined ? 0 : this.highest - this.first + 1;
  }

  get lost(): number {
    return Math.max(0, this.expected - this.received);
  }
}
