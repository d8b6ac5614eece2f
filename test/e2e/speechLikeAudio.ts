import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SAMPLE_RATE = 48_000;
const SECONDS = 12;

/** A seeded generator, so every run plays the same "speech". */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const dbfs = (db: number): number => 10 ** (db / 20);

/**
 * A microphone in a meeting room, as a WAV file for Chromium's fake capture: a faint room noise with
 * syllables of voiced sound over it, of varied length and loudness, and pauses between phrases.
 *
 * Chromium's own fake microphone beeps at one steady level. The bridge's dominant-speaker detection
 * (mediasoup's, after Volfin and Cohen) learns each room's noise floor and counts only what rises above
 * it, so a steady beep soon reads as background and a speaker is found after anything from 1 to 75 s.
 * Speech rises and falls; this does too.
 */
export function speechLikeWav(): string {
  const random = seededRandom(2025);
  const samples = new Float64Array(SAMPLE_RATE * SECONDS);
  for (let i = 0; i < samples.length; i++) samples[i] = (random() * 2 - 1) * dbfs(-55);
  let at = 0;
  while (at < samples.length) {
    const phrase = 3 + Math.floor(random() * 5);
    for (let syllable = 0; syllable < phrase && at < samples.length; syllable++) {
      const length = Math.floor(SAMPLE_RATE * (0.12 + random() * 0.2));
      const amplitude = dbfs(-24 + random() * 16);
      const pitch = 110 + random() * 90;
      for (let i = 0; i < length && at + i < samples.length; i++) {
        const t = i / SAMPLE_RATE;
        const envelope = Math.sin((Math.PI * i) / length);
        const voiced = Math.sin(2 * Math.PI * pitch * t) + 0.5 * Math.sin(4 * Math.PI * pitch * t) + 0.25 * Math.sin(6 * Math.PI * pitch * t);
        samples[at + i]! += (amplitude * envelope * voiced) / 1.75;
      }
      at += length + Math.floor(SAMPLE_RATE * (0.04 + random() * 0.1));
    }
    at += Math.floor(SAMPLE_RATE * (0.3 + random() * 0.5));
  }

  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, sample)) * 32_767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);

  // Always the same samples: one file serves every run, and a run leaves nothing new behind.
  const file = path.join(os.tmpdir(), 'diemcau-speech-like.wav');
  const written = `${file}.${process.pid}`;
  fs.writeFileSync(written, Buffer.concat([header, data]));
  fs.renameSync(written, file);
  return file;
}
