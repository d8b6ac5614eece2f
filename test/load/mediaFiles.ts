/*
 * Pre-encoded media for the load generator: VP8 in three sizes and Opus, made
 * once by Debian's ffmpeg into a cache directory, parsed into frames and cut into
 * RTP payloads ahead of time, so replaying it costs almost nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vp8Descriptor } from './rtp';

export interface VideoFrame {
  keyframe: boolean;
  data: Buffer;
}

/** The frames of an IVF file (a 32-byte file header, then a 12-byte header before each frame). */
export function parseIvf(file: Buffer): { fourcc: string; width: number; height: number; frames: VideoFrame[] } {
  if (file.length < 32 || file.toString('latin1', 0, 4) !== 'DKIF') throw new Error('not an IVF file');
  const headerLength = file.readUInt16LE(6);
  const frames: VideoFrame[] = [];
  let offset = headerLength;
  while (offset + 12 <= file.length) {
    const size = file.readUInt32LE(offset);
    const start = offset + 12;
    if (start + size > file.length) throw new Error(`IVF frame at ${offset} runs past the end of the file`);
    const data = file.subarray(start, start + size);
    // VP8 frame tag (RFC 6386 §9.1): bit 0 clear on a keyframe.
    frames.push({ keyframe: size > 0 && (data[0]! & 0x01) === 0, data });
    offset = start + size;
  }
  return { fourcc: file.toString('latin1', 8, 12), width: file.readUInt16LE(12), height: file.readUInt16LE(14), frames };
}

/** The packets of the first logical stream of an Ogg file (RFC 3533), joined across pages. */
export function parseOggPackets(file: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  let pending: Buffer[] = [];
  let offset = 0;
  while (offset + 27 <= file.length) {
    if (file.toString('latin1', offset, offset + 4) !== 'OggS') throw new Error(`no Ogg page at ${offset}`);
    const segments = file[offset + 26]!;
    const table = file.subarray(offset + 27, offset + 27 + segments);
    let body = offset + 27 + segments;
    for (const lacing of table) {
      pending.push(file.subarray(body, body + lacing));
      body += lacing;
      // A segment shorter than 255 bytes ends its packet; 255 means it goes on.
      if (lacing < 255) {
        packets.push(Buffer.concat(pending));
        pending = [];
      }
    }
    if (body > file.length) throw new Error(`Ogg page at ${offset} runs past the end of the file`);
    offset = body;
  }
  return packets;
}

/** Opus in Ogg (RFC 7845): the audio packets, after the identification and comment headers. */
export function opusPackets(file: Buffer): Buffer[] {
  const packets = parseOggPackets(file);
  if (packets[0]?.toString('latin1', 0, 8) !== 'OpusHead') throw new Error('not an Ogg Opus file');
  return packets.filter((packet) => !packet.toString('latin1', 0, 8).startsWith('Opus'));
}

/** Larger frames are cut so every packet fits a 1,200-byte path with room for headers. */
export const MAX_VP8_CHUNK = 1_100;

/** A frame's RTP payloads without their descriptor: the picture id is set at send time. */
export function vp8Chunks(frame: Buffer, maxChunk = MAX_VP8_CHUNK): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < frame.length; offset += maxChunk) chunks.push(frame.subarray(offset, offset + maxChunk));
  return chunks.length > 0 ? chunks : [Buffer.alloc(0)];
}

/** One frame's RTP payloads: the VP8 descriptor (start bit on the first) ahead of each chunk. */
export function vp8Payloads(chunks: readonly Buffer[], pictureId: number): Buffer[] {
  return chunks.map((chunk, index) => Buffer.concat([vp8Descriptor(index === 0, pictureId), chunk]));
}

export const FRAME_RATE = 30;
/** Keyframe spacing; the same in every size, so a layer switch finds one soon. */
export const KEYFRAME_INTERVAL = 60;
/** The simulcast layers a kiosk sends (rid, size, bitrate), low to high as Chromium orders them. */
export const LAYERS = [
  { rid: 'r0', size: '320x180', bitrate: '100k' },
  { rid: 'r1', size: '640x360', bitrate: '250k' },
  { rid: 'r2', size: '1280x720', bitrate: '600k' },
] as const;
const SECONDS = 10;

export interface PreparedMedia {
  /** Per layer (r0, r1, r2): each frame cut into payload chunks. */
  layers: Array<Array<{ keyframe: boolean; chunks: Buffer[] }>>;
  /** 20 ms Opus packets. */
  audio: Buffer[];
}

export function defaultMediaDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'diemcau', 'load-media');
}

function ffmpeg(args: string[], output: string): void {
  const partial = `${output}.partial`;
  try {
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, partial], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('ffmpeg is missing: run `node deploy/setup.mjs --with-load`');
    throw error;
  }
  fs.renameSync(partial, output);
}

/** Encodes the media once into `dir`; files already there are kept. */
export function ensureMediaFiles(dir = defaultMediaDir()): { video: string[]; audio: string } {
  fs.mkdirSync(dir, { recursive: true });
  const video = LAYERS.map(({ rid, size, bitrate }) => {
    const file = path.join(dir, `${rid}-${size}.ivf`);
    if (!fs.existsSync(file)) {
      ffmpeg(
        [
          '-f',
          'lavfi',
          '-i',
          `testsrc2=size=${size}:rate=${FRAME_RATE}:duration=${SECONDS}`,
          '-c:v',
          'libvpx',
          '-b:v',
          bitrate,
          '-deadline',
          'realtime',
          '-cpu-used',
          '8',
          '-g',
          String(KEYFRAME_INTERVAL),
          '-keyint_min',
          String(KEYFRAME_INTERVAL),
          '-auto-alt-ref',
          '0',
          '-f',
          'ivf',
        ],
        file,
      );
    }
    return file;
  });
  const audio = path.join(dir, 'opus-20ms.ogg');
  if (!fs.existsSync(audio)) {
    ffmpeg(
      [
        '-f',
        'lavfi',
        '-i',
        `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`,
        '-c:a',
        'libopus',
        '-b:a',
        '32k',
        '-frame_duration',
        '20',
        '-application',
        'voip',
        '-f',
        'ogg',
      ],
      audio,
    );
  }
  return { video, audio };
}

export function loadMedia(dir = defaultMediaDir()): PreparedMedia {
  const files = ensureMediaFiles(dir);
  return {
    layers: files.video.map((file) => parseIvf(fs.readFileSync(file)).frames.map((frame) => ({ keyframe: frame.keyframe, chunks: vp8Chunks(frame.data) }))),
    audio: opusPackets(fs.readFileSync(files.audio)),
  };
}
