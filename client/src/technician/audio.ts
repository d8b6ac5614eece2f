import { logRejection } from '../ui/logRejection';
/** How long to wait for the browser to let sound start; without a click on the page it never does. */
const START_TIMEOUT_MS = 1_000;

/** A running audio context, or undefined when the browser holds sound back until the user clicks. */
export async function startAudioContext(): Promise<AudioContext | undefined> {
  const context = new AudioContext();
  await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, START_TIMEOUT_MS))]);
  if (context.state === 'running') return context;
  void context.close().catch(logRejection);
  return undefined;
}

/** A short fade in and out, so the tone starts and stops without a click. */
const FADE_S = 0.02;

/**
 * Plays a sine tone through the speakers: the speaker test's 1 kHz beep and the monitoring page's
 * alarm. Resolves when it has finished, false when the browser would not play sound.
 */
export async function playTone(frequencyHz: number, durationMs: number, volume = 0.3): Promise<boolean> {
  const context = await startAudioContext();
  if (!context) return false;
  try {
    const oscillator = new OscillatorNode(context, { frequency: frequencyHz });
    const gain = new GainNode(context, { gain: 0 });
    oscillator.connect(gain).connect(context.destination);
    const start = context.currentTime;
    const end = start + durationMs / 1000;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(volume, start + FADE_S);
    gain.gain.setValueAtTime(volume, end - FADE_S);
    gain.gain.linearRampToValueAtTime(0, end);
    oscillator.start(start);
    oscillator.stop(end);
    await new Promise((resolve) => (oscillator.onended = resolve));
    return true;
  } finally {
    void context.close().catch(logRejection);
  }
}
