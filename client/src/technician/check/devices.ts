import type { CheckMeasurements } from '@diemcau/shared';
import { startAudioContext } from '../audio';
import { logRejection } from '../../ui/logRejection';

export type CameraFigures = NonNullable<CheckMeasurements['camera']>;
export type MicrophoneFigures = NonNullable<CheckMeasurements['microphone']>;

/*
 * The devices are opened as a kiosk opens them in a meeting (client/src/kiosk/KioskController.ts),
 * so the check sees the picture and hears the sound the other sites will get.
 */
const CAMERA_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } };
const MICROPHONE_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/** Opens one device; undefined when it is missing or refused, which the check reports as such. */
export async function openDevice(kind: 'camera' | 'microphone'): Promise<MediaStreamTrack | undefined> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia(kind === 'camera' ? { video: CAMERA_CONSTRAINTS } : { audio: MICROPHONE_CONSTRAINTS });
    return stream.getTracks()[0];
  } catch {
    return undefined;
  }
}

const SAMPLE_WIDTH = 160;
const SAMPLE_HEIGHT = 90;
const SAMPLE_EVERY_MS = 250;
/** Mean luma under video's black level (16 of 255): the lens is covered or the camera sends nothing. */
const BLACK_LUMA = 16;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function meanLuma(pixels: Uint8ClampedArray): number {
  let total = 0;
  for (let i = 0; i < pixels.length; i += 4) total += 0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!;
  return total / (pixels.length / 4);
}

const samePicture = (a: Uint8ClampedArray, b: Uint8ClampedArray) => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * Watches the camera's picture as it plays in `video`: frames delivered per second, whether it is
 * black, and whether it never changes (a frozen capture repeats the very same frame; a live one
 * always has sensor noise).
 */
export async function measureCamera(track: MediaStreamTrack, video: HTMLVideoElement, durationMs: number): Promise<CameraFigures> {
  const { width = 0, height = 0 } = track.getSettings();
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
    await Promise.race([new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true })), sleep(durationMs)]);
  }
  // A camera that opens but sends no picture at all.
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return { width, height, fps: 0, black: true, frozen: true };
  const canvas = document.createElement('canvas');
  canvas.width = SAMPLE_WIDTH;
  canvas.height = SAMPLE_HEIGHT;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;

  const started = performance.now();
  const framesBefore = video.getVideoPlaybackQuality().totalVideoFrames;
  const lumas: number[] = [];
  let changed = false;
  let previous: Uint8ClampedArray | undefined;
  while (performance.now() - started < durationMs) {
    context.drawImage(video, 0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT);
    const pixels = context.getImageData(0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT).data;
    lumas.push(meanLuma(pixels));
    if (previous && !samePicture(previous, pixels)) changed = true;
    previous = pixels;
    await sleep(SAMPLE_EVERY_MS);
  }
  const frames = video.getVideoPlaybackQuality().totalVideoFrames - framesBefore;
  // Cameras run at whole rates (15, 20, 25, 30); counting over a window is off by a frame either way.
  const fps = Math.round((frames * 1000) / (performance.now() - started));
  const averageLuma = lumas.reduce((total, luma) => total + luma, 0) / lumas.length;
  return { width, height, fps: Math.min(240, fps), black: averageLuma < BLACK_LUMA, frozen: !changed };
}

/** At or above this a sample is clipped: the microphone or its gain is set too loud. */
const CLIPPED = 0.99;
const SILENCE_DBFS = -200;

/**
 * The microphone's peak level in dBFS and its share of clipped samples over `durationMs`;
 * undefined when the browser would not start audio processing.
 */
export async function measureMicrophone(track: MediaStreamTrack, durationMs: number): Promise<MicrophoneFigures | undefined> {
  const context = await startAudioContext();
  if (!context) return undefined;
  try {
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);
    // One read per buffer's worth of time sees (nearly) every sample once.
    const readEveryMs = (1000 * analyser.fftSize) / context.sampleRate;
    let peak = 0;
    let clipped = 0;
    let samples = 0;
    const started = performance.now();
    while (performance.now() - started < durationMs) {
      await sleep(readEveryMs);
      analyser.getFloatTimeDomainData(buffer);
      for (const value of buffer) {
        const level = Math.abs(value);
        peak = Math.max(peak, level);
        if (level >= CLIPPED) clipped++;
      }
      samples += buffer.length;
    }
    const peakDbfs = peak > 0 ? Math.max(SILENCE_DBFS, Math.min(0, 20 * Math.log10(peak))) : SILENCE_DBFS;
    return { peakDbfs, clippingPct: samples > 0 ? (100 * clipped) / samples : 0 };
  } finally {
    void context.close().catch(logRejection);
  }
}
