import type { CheckMeasurements, CheckView, ErrorCode } from '@diemcau/shared';
import { keepConnected } from '../../media/reconnect';
import { connectSignaling, request, type SignalingSocket } from '../../media/signaling';
import { playTone } from '../audio';
import type { IcePolicy, IceProtocol } from '../../media/MediaSession';
import { BridgePath } from './BridgePath';
import { measureCamera, measureMicrophone, openDevice } from './devices';
import { median } from './linkStats';
import { TestPattern } from './TestPattern';
import { logRejection } from '../../ui/logRejection';

declare global {
  interface Window {
    /** The latest check's state, read by the browser tests. */
    diemcauCheck?: ConnectivityCheck;
  }
}

export type CheckStep = 'connecting' | 'signaling' | 'devices' | 'ice' | 'loopback' | 'speaker' | 'saving';

export type CheckPhase =
  | { phase: 'running'; step: CheckStep }
  /** Waiting for the technician to say whether the test tone was heard. */
  | { phase: 'asking' }
  | { phase: 'done'; result: CheckView }
  /** The check stopped at this step. */
  | { phase: 'failed'; step: CheckStep; error: unknown };

export interface CheckState {
  progress: CheckPhase;
  /** What has been measured so far; an item appears once its measurement is done. */
  measured: Partial<CheckMeasurements>;
  /** The camera being measured, to show in the page: the technician sees what is judged. */
  cameraPreview: HTMLVideoElement | undefined;
  /** The test picture as it came back from the bridge. */
  returnedVideo: MediaStreamTrack | undefined;
}

export interface CheckSettings {
  siteCode: string;
  /** The technician's access token, read on each connection attempt. */
  accessToken: () => string;
  renewAccess: () => Promise<unknown>;
  /** Stores the measurements; the bridge judges them again and answers with the stored check. */
  submit: (measurements: CheckMeasurements) => Promise<CheckView>;
  /**
   * Forces the UDP probe through relays only. Without a TURN relay it cannot connect: how the tests,
   * and a technician wanting to see the failure, get an honest "UDP blocked".
   */
  forceUdpRelay: boolean;
}

const CONNECT_TIMEOUT_MS = 15_000;
const PINGS = 5;
const CAMERA_WATCH_MS = 5_000;
const MICROPHONE_LISTEN_MS = 2_000;
const TONE_HZ = 1_000;
const TONE_MS = 1_000;

class CheckRefused extends Error {
  constructor(readonly code: ErrorCode | 'network') {
    super(code);
  }
}

/**
 * One pre-session check of a site (Art. 6.4), run in the browser against the real bridge:
 * signaling round trip, the camera and the microphone, ICE over UDP, TCP and a TURN relay, a
 * test picture and the microphone looped back through the SFU and, with the technician's
 * answer, the speaker. The measurements go to the bridge, which judges and stores them.
 */
export class ConnectivityCheck {
  private socket: SignalingSocket | undefined;
  private readonly tracks: MediaStreamTrack[] = [];
  private pattern: TestPattern | undefined;
  private answer: ((heard: boolean) => void) | undefined;
  private readonly listeners = new Set<() => void>();
  private closed = false;
  state: CheckState = { progress: { phase: 'running', step: 'connecting' }, measured: {}, cameraPreview: undefined, returnedVideo: undefined };

  constructor(private readonly settings: CheckSettings) {
    window.diemcauCheck = this;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async run(): Promise<void> {
    try {
      const socket = await this.connect();
      const plan = await request(socket, 'check:start', {});
      this.step('signaling');
      this.record({ signaling: { rttMs: await this.signalingRtt(socket) } });

      this.step('devices');
      const [camera, microphone] = await Promise.all([openDevice('camera'), openDevice('microphone')]);
      this.tracks.push(...[camera, microphone].filter((track) => track !== undefined));
      // Measured before any media is sent, so the check's own encoding does not slow the camera down.
      const [cameraFigures, microphoneFigures] = await Promise.all([
        camera ? measureCamera(camera, this.preview(camera), CAMERA_WATCH_MS) : Promise.resolve(undefined),
        microphone ? measureMicrophone(microphone, MICROPHONE_LISTEN_MS) : Promise.resolve(undefined),
      ]);
      this.record({ camera: cameraFigures ?? null, microphone: microphoneFigures ?? null });
      // Judged; capturing on would only take processor time from the loopback on a modest PC.
      this.stopCamera();

      this.step('ice');
      const pattern = new TestPattern();
      this.pattern = pattern;
      const path = new BridgePath(socket);
      await path.load();
      const probe = (protocols: IceProtocol[], policy: IcePolicy) => path.probe(protocols, pattern.track, policy);
      const udp = await probe(['udp'], this.settings.forceUdpRelay ? { iceTransportPolicy: 'relay' } : {});
      const tcp = await probe(['tcp'], {});
      const relayOnly: IcePolicy = { iceServers: plan.iceServers, iceTransportPolicy: 'relay' };
      const turn = plan.iceServers.length > 0 ? await probe(['udp', 'tcp'], relayOnly) : null;
      this.record({ ice: { udp: { connected: udp }, tcp: { connected: tcp }, turn: turn === null ? null : { connected: turn } } });

      this.step('loopback');
      // The path a meeting would take: UDP, else ICE-TCP, else the relay.
      const loopbackPath: [IceProtocol[], IcePolicy] | undefined = udp ? [['udp'], {}] : tcp ? [['tcp'], {}] : turn ? [['udp', 'tcp'], relayOnly] : undefined;
      const loopback =
        loopbackPath &&
        (await path.loopback(...loopbackPath, { video: pattern.track, audio: microphone }, plan.requiredKbps, (track) =>
          this.update({ returnedVideo: track }),
        ));
      this.record({ loopback: loopback ?? null });
      this.stopDevices();

      this.step('speaker');
      this.record({ speaker: { heard: await this.askSpeaker() } });

      this.step('saving');
      const result = await this.settings.submit(this.complete());
      this.update({ progress: { phase: 'done', result } });
    } catch (error) {
      if (!this.closed) this.update({ progress: { phase: 'failed', step: this.currentStep(), error } });
    } finally {
      this.release();
    }
  }

  /** The technician's answer to "did you hear the beep?". */
  answerSpeaker(heard: boolean): void {
    this.answer?.(heard);
  }

  /** Plays the test tone again, for a technician who missed it. */
  replayTone(): void {
    void playTone(TONE_HZ, TONE_MS).catch(logRejection);
  }

  close(): void {
    this.closed = true;
    this.release();
    if (window.diemcauCheck === this) delete window.diemcauCheck;
  }

  private connect(): Promise<SignalingSocket> {
    const socket = connectSignaling('/check', () => ({ token: this.settings.accessToken(), siteCode: this.settings.siteCode }));
    this.socket = socket;
    return new Promise((resolve, reject) => {
      // socket.io keeps retrying an unreachable bridge; the check reports it instead.
      const timer = setTimeout(() => reject(new CheckRefused('network')), CONNECT_TIMEOUT_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      keepConnected(socket, { onRefused: (code) => reject(new CheckRefused(code)), renewAccess: this.settings.renewAccess });
    });
  }

  private async signalingRtt(socket: SignalingSocket): Promise<number> {
    const rtts: number[] = [];
    for (let ping = 0; ping < PINGS; ping++) {
      const sent = performance.now();
      await request(socket, 'check:ping', {});
      rtts.push(performance.now() - sent);
    }
    return median(rtts);
  }

  private preview(camera: MediaStreamTrack): HTMLVideoElement {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([camera]);
    void video.play().catch(() => undefined);
    this.update({ cameraPreview: video });
    return video;
  }

  private async askSpeaker(): Promise<boolean> {
    const heard = new Promise<boolean>((resolve) => (this.answer = resolve));
    this.update({ progress: { phase: 'asking' } });
    await playTone(TONE_HZ, TONE_MS);
    return heard;
  }

  private complete(): CheckMeasurements {
    const { signaling, ice, loopback, camera, microphone, speaker } = this.state.measured;
    if (!signaling || !ice || loopback === undefined || camera === undefined || microphone === undefined || speaker === undefined) {
      throw new Error('check incomplete');
    }
    return { signaling, ice, loopback, camera, microphone, speaker };
  }

  private record(figures: Partial<CheckMeasurements>): void {
    this.update({ measured: { ...this.state.measured, ...figures } });
  }

  private currentStep(): CheckStep {
    const { progress } = this.state;
    return progress.phase === 'running' || progress.phase === 'failed' ? progress.step : progress.phase === 'asking' ? 'speaker' : 'saving';
  }

  private step(step: CheckStep): void {
    this.update({ progress: { phase: 'running', step } });
  }

  private stopCamera(): void {
    for (const track of this.tracks) if (track.kind === 'video') track.stop();
    if (this.state.cameraPreview) this.state.cameraPreview.srcObject = null;
    this.update({ cameraPreview: undefined });
  }

  private stopDevices(): void {
    this.stopCamera();
    for (const track of this.tracks.splice(0)) track.stop();
    this.pattern?.stop();
    this.update({ returnedVideo: undefined });
  }

  private release(): void {
    this.answer = undefined;
    this.socket?.close();
    this.socket = undefined;
    this.stopDevices();
  }

  private update(change: Partial<CheckState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
