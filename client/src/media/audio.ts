/*
 * The room's sound through Web Audio: the chair operator sets a room's
 * microphone gain and speaker volume from the console (Art. 7.1.c), and the
 * kiosk applies them here, with no control in the room itself.
 */
import { logRejection } from '../ui/logRejection';

/** How long Web Audio may take to start before the browser is taken to refuse it. */
const AUDIO_START_TIMEOUT_MS = 1_000;

/** The microphone through a gain stage; its output track is what the bridge receives. */
export class GainedMicrophone {
  private readonly gain: GainNode;
  readonly track: MediaStreamTrack;

  /** The gain stage, running; or nothing if the browser keeps Web Audio suspended (no autoplay permission). */
  static async open(microphone: MediaStreamTrack): Promise<GainedMicrophone | undefined> {
    const context = new AudioContext();
    await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, AUDIO_START_TIMEOUT_MS))]);
    if (context.state === 'running') return new GainedMicrophone(context, microphone);
    void context.close().catch(logRejection);
    return undefined;
  }

  private constructor(
    private readonly context: AudioContext,
    microphone: MediaStreamTrack,
  ) {
    this.gain = context.createGain();
    const output = context.createMediaStreamDestination();
    output.channelCount = 1;
    context
      .createMediaStreamSource(new MediaStream([microphone]))
      .connect(this.gain)
      .connect(output);
    this.track = output.stream.getAudioTracks()[0]!;
  }

  set level(gain: number) {
    this.gain.gain.value = gain;
  }

  close(): void {
    this.track.stop();
    void this.context.close().catch(logRejection);
  }
}

interface Playing {
  source: MediaStreamAudioSourceNode;
  /** Chromium delivers a remote WebRTC track to Web Audio only while a media element also plays it. */
  sink: HTMLAudioElement;
}

/** Plays the remote sites' sound at one volume for the whole room. */
export class SpeakerOutput {
  private readonly context = new AudioContext();
  private readonly volume = this.context.createGain();
  private readonly playing = new Map<MediaStreamTrack, Playing>();

  constructor() {
    this.volume.connect(this.context.destination);
    this.unlock();
  }

  get level(): number {
    return this.volume.gain.value;
  }

  set level(volume: number) {
    this.volume.gain.value = volume;
  }

  /**
   * Without the kiosk's autoplay flag the browser starts audio suspended until
   * a key press; the room remote's keys count, so call this on every one.
   */
  unlock(): void {
    if (this.context.state === 'suspended') void this.context.resume().catch(logRejection);
  }

  /** Plays exactly these tracks: new ones start, missing ones stop. */
  play(tracks: readonly MediaStreamTrack[]): void {
    for (const [track, entry] of this.playing) {
      if (tracks.includes(track)) continue;
      entry.source.disconnect();
      entry.sink.srcObject = null;
      this.playing.delete(track);
    }
    for (const track of tracks) {
      if (this.playing.has(track)) continue;
      const stream = new MediaStream([track]);
      const sink = new Audio();
      sink.muted = true;
      sink.srcObject = stream;
      void sink.play().catch(() => undefined);
      const source = this.context.createMediaStreamSource(stream);
      source.connect(this.volume);
      this.playing.set(track, { source, sink });
    }
  }

  close(): void {
    this.play([]);
    void this.context.close().catch(logRejection);
  }
}
