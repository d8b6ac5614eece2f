import type { ErrorCode, KioskReport, KioskView, RtpCapabilities, SessionState } from '@diemcau/shared';
import { PAGE_CAPABILITIES_ID } from '@diemcau/shared/kioskPage';
import { SpeakerOutput } from '../media/audio';
import type { Device, InboundStats, LocalProducer, MediaSession, RemoteStream } from '../media/MediaSession';
import { keepConnected, Retry } from '../media/reconnect';
import { connectSignaling, request, RequestError, type SignalingSocket } from '../media/signaling';
import { logRejection } from '../ui/logRejection';

declare global {
  interface Window {
    /** Read by technicians' tools and the browser tests; the kiosk itself has no settings to expose. */
    diemcauKiosk?: KioskController;
  }
}

type LiveState = Extract<SessionState, { phase: 'live' }>;
type WaitingState = Extract<SessionState, { phase: 'waiting' }>;

export interface LiveView {
  phase: 'live';
  state: LiveState;
  /** The meeting's sites that have a kiosk connected now. */
  online: ReadonlySet<string>;
  /** What the chair operator has this room show and obey; absent until the bridge sends it. */
  conference: KioskView | undefined;
  remotes: RemoteStream[];
  /** The screen this room shares as the meeting's content, while it does. */
  sharedScreen: MediaStreamTrack | undefined;
  mediaReady: boolean;
}

export type KioskScreenView =
  | { phase: 'connecting' }
  | { phase: 'waiting'; state: WaitingState }
  | LiveView
  /** `restarting`: the bridge said it is restarting (a planned stop), so this is no fault of the room's. */
  | { phase: 'reconnecting'; attempt: number; restarting?: boolean }
  | { phase: 'error'; code: ErrorCode | 'network' | 'timeout' | 'replaced'; retryAt: number | null };

/**
 * mediasoup-client and the media session, fetched beside this first module (the page preloads them) but
 * evaluated after it: the socket and the camera are already opening while the rest of the page is parsed.
 */
const mediaCode = () => import('../media/MediaSession');
/** A device loaded with the bridge's capabilities, and the media code that made it. */
type LoadedDevice = { device: Device; code: Awaited<ReturnType<typeof mediaCode>> };

/** A refused link is retried slowly: the Office may re-issue or restore it without anyone touching the room. */
const REFUSED_RETRY_MS = 60_000;

/**
 * Drives a room's kiosk with no clicks: connect with the link's token, wait for
 * the site's meeting, join its media when it is live, and recover from every
 * loss on its own.
 */
export class KioskController {
  private socket: SignalingSocket | undefined;
  /**
   * Loaded with the bridge's capabilities, from the page at once, and kept across re-joins while the bridge's
   * stay the same (mediasoup-client cannot even detect the browser outside a secure context).
   */
  private device: { capabilities: string; ready: Promise<LoadedDevice>; loaded?: LoadedDevice } | undefined;
  private media: MediaSession | undefined;
  private online: ReadonlySet<string> = new Set();
  private mediaMeetingId: string | undefined;
  /** A failed join is retried soon at first: most failures are a worker restarting. */
  private readonly mediaRetry = new Retry();
  private cancelRefusedRetry: (() => void) | undefined;
  private listeners = new Set<() => void>();
  private conference: KioskView | undefined;
  private speaker: SpeakerOutput | undefined;
  /**
   * The screen is not redrawn while a join's answer is on its way: drawing the live screen takes a room PC's
   * page thread for tens of milliseconds, and the answer waited for it.
   */
  private screenHeld = false;
  view: KioskScreenView = { phase: 'connecting' };
  local: MediaStream | undefined;
  deviceError: string | undefined;
  /** Opened over plain HTTP on a network name: the browser gives such a page no camera or microphone. */
  insecure = false;

  constructor(private readonly token: string | null) {}

  async start(): Promise<void> {
    if (!this.token) {
      this.setView({ phase: 'error', code: 'unauthenticated', retryAt: null });
      return;
    }
    // Over plain HTTP on a network name the browser gives no camera and no WebRTC device: the page says why.
    this.insecure = !window.isSecureContext || !navigator.mediaDevices;
    // The meeting is received without waiting for the camera: a room whose camera is broken still sees and hears.
    this.connect(this.token);
    const devicesOpen = this.openDevices();
    this.loadDevice(document.getElementById(PAGE_CAPABILITIES_ID)?.textContent);
    await devicesOpen;
    if (this.local) await this.media?.publish(this.local).catch((error: unknown) => console.warn('could not send the camera', error));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Receiving statistics, used by the technician view and by the browser tests. */
  inboundStats(): Promise<InboundStats[]> {
    return this.media?.inboundStats() ?? Promise.resolve([]);
  }

  /** What this room sends, and whether each is paused, for the same readers. */
  get localProducers(): LocalProducer[] {
    return this.media?.localProducers ?? [];
  }

  /** The room's speaker level as the chair set it, once the room's sound plays (read by the same readers). */
  get speakerLevel(): number | undefined {
    return this.speaker?.level;
  }

  /** Asks for the floor, or withdraws the request. */
  async toggleHand(): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.conference) return;
    await request(socket, 'kiosk:raiseHand', { raised: !this.conference.self.handRaised }).catch((error: unknown) =>
      console.warn('raising the hand failed', error),
    );
  }

  /** A key press is the user gesture the browser may need before it plays sound. */
  unlockAudio(): void {
    this.speaker?.unlock();
  }

  /** Shares this room's screen, when the chair has designated it the presenter. */
  async shareScreen(): Promise<void> {
    if (this.conference?.self.mayPresent) await this.media?.shareScreen();
  }

  async stopScreen(): Promise<void> {
    await this.media?.stopScreen();
  }

  stop(): void {
    this.cancelRefusedRetry?.();
    this.stopMedia();
    this.socket?.close();
    this.speaker?.close();
    this.local?.getTracks().forEach((track) => track.stop());
  }

  private async openDevices(): Promise<void> {
    if (this.insecure) return;
    try {
      performance.mark('join:getUserMedia-called');
      this.local = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } },
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
      performance.mark('join:getUserMedia-returned');
    } catch (error) {
      // The room can still watch and listen; the screen says what is wrong with its own devices.
      this.deviceError = error instanceof Error ? error.message : String(error);
    }
  }

  /** Loads a device for these capabilities (JSON as the bridge wrote it), unless the one there already has them. */
  private loadDevice(capabilities: string | null | undefined): void {
    if (this.insecure || !capabilities || this.device?.capabilities === capabilities) return;
    const entry: NonNullable<typeof this.device> = {
      capabilities,
      ready: mediaCode().then(async (code) => {
        const device = await code.MediaSession.loadDevice(code.newDevice(), JSON.parse(capabilities) as RtpCapabilities);
        entry.loaded = { device, code };
        performance.mark('join:device-loaded');
        return entry.loaded;
      }),
    };
    this.device = entry;
    entry.ready.catch(logRejection);
  }

  /** Makes the device again, for the same bridge capabilities: the browser's own are found afresh. */
  private reloadDevice(): void {
    const capabilities = this.device?.capabilities;
    this.device = undefined;
    this.loadDevice(capabilities);
  }

  private connect(token: string): void {
    performance.mark('join:socket-created');
    const socket = connectSignaling('/kiosk', { token });
    this.socket = socket;
    let replaced = false;
    let restarting = false;
    // socket.io's handshake is two round trips: the transport's, then the namespace's with the token check.
    socket.io.on('open', () => performance.mark('join:engine-open'));
    socket.on('connect', () => {
      performance.mark('join:socket-open');
      restarting = false;
    });
    socket.on('session:restarting', () => (restarting = true));
    socket.on('media:capabilities', (capabilities) => {
      performance.mark('join:capabilities');
      this.loadDevice(JSON.stringify(capabilities));
    });
    socket.on('session:state', (state) => {
      performance.mark('join:session-state');
      this.applyState(state);
    });
    socket.on('conference:view', (view) => this.applyConference(view));
    socket.on('conference:presence', ({ online }) => {
      this.online = new Set(online);
      this.refreshLive();
    });
    socket.on('media:restart', () => this.restartMedia());
    socket.on('session:replaced', () => {
      // Another PC opened this room's link. Taking turns with it would disturb the meeting: this one stops.
      replaced = true;
      socket.io.reconnection(false);
    });
    socket.on('disconnect', () => {
      this.stopMedia();
      // The bridge sends the current view again on reconnecting.
      this.conference = undefined;
      if (replaced) {
        this.setView({ phase: 'error', code: 'replaced', retryAt: null });
        return;
      }
      this.setView({ phase: 'reconnecting', attempt: 1, restarting });
    });
    socket.io.on('reconnect_attempt', (attempt) => this.setView({ phase: 'reconnecting', attempt, restarting }));
    this.cancelRefusedRetry = keepConnected(socket, {
      onReconnecting: () => {
        if (this.view.phase !== 'reconnecting') this.setView({ phase: 'reconnecting', attempt: 1 });
      },
      onRefused: (code, retryAt) => this.setView({ phase: 'error', code, retryAt }),
      retryRefusedMs: REFUSED_RETRY_MS,
    });
  }

  private applyState(state: SessionState): void {
    if (state.phase === 'waiting') {
      this.stopMedia();
      this.conference = undefined;
      this.setView({ phase: 'waiting', state });
      return;
    }
    if (this.mediaMeetingId !== state.meeting.id) {
      this.stopMedia();
      this.mediaMeetingId = state.meeting.id;
      this.startMedia().catch(logRejection);
    }
    this.setView({ ...this.liveView(), state, mediaReady: this.view.phase === 'live' && this.view.mediaReady });
  }

  private applyConference(view: KioskView): void {
    const received = performance.now();
    // Only a new arrangement of panes is a layout to time; a volume change is not.
    const arrangement = (shown: KioskView | undefined) => JSON.stringify(shown && [shown.template, shown.panes]);
    const layoutChanged = arrangement(view) !== arrangement(this.conference);
    this.conference = view;
    this.obeySelf();
    this.refreshLive();
    if (layoutChanged) this.reportWhenPainted('layout-applied', received);
  }

  /** Tells the bridge, for its metrics, how long something took until the screen showed it. */
  private reportWhenPainted(kind: KioskReport['kind'], since: number): void {
    // The second frame is the first painted with what the last render committed.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const socket = this.socket;
        if (!socket) return;
        request(socket, 'kiosk:report', { kind, ms: Math.round(performance.now() - since) }).catch((error: unknown) =>
          console.warn('could not report timing to the bridge', error),
        );
      }),
    );
  }

  /** Applies what the chair set for this room: its devices, their levels, and whether it may present. */
  private obeySelf(): void {
    const self = this.conference?.self;
    if (!self) return;
    if (this.speaker) this.speaker.level = self.speakerVolume;
    const media = this.media;
    if (!media) return;
    media.setSending('microphone', !self.muted);
    media.setSending('camera', !self.cameraOff);
    const done = Promise.all([media.setMicrophoneGain(self.micGain), self.mayPresent ? undefined : media.stopScreen()]);
    done.catch((error: unknown) => console.warn("could not apply the chair's settings", error));
  }

  private async startMedia(): Promise<void> {
    const socket = this.socket;
    const meetingId = this.mediaMeetingId;
    // mediasoup-client cannot even detect the browser outside a secure context: the page says why instead.
    if (!socket || this.insecure || !meetingId) return;
    const joining = performance.now();
    if (!this.device) return this.restartMedia();
    let media: MediaSession | undefined;
    let loaded: LoadedDevice | undefined;
    try {
      // With the device ready, the join request leaves now, before the live screen is first drawn.
      loaded = this.device.loaded ?? (await this.device.ready);
      const { device, code } = loaded;
      // Left, or started again, while the media code or the device was loading.
      if (this.mediaMeetingId !== meetingId || this.media) return;
      media = new code.MediaSession(socket, device);
      this.media = media;
      media.onChange(() => {
        this.playRemoteSound();
        this.screenHeld = false;
        this.refreshLive();
      });
      media.onFailure((reason) => {
        console.warn(`media failed (${reason})`);
        this.restartMedia();
      });
      this.screenHeld = true;
      await media.join({ send: true });
      // Replaced meanwhile: whoever stopped this media released the screen, and a newer join may hold it now.
      if (this.media !== media) return;
      this.screenHeld = false;
      // Web Audio opens once the room is in: opening it earlier held up the camera's start and the join.
      this.speaker ??= new SpeakerOutput();
      if (this.conference) this.speaker.level = this.conference.self.speakerVolume;
      this.playRemoteSound();
      this.mediaRetry.succeeded();
      this.refreshLive(true);
      this.reportWhenPainted('media-ready', joining);
      if (this.local) await media.publish(this.local);
      if (this.media !== media) return;
      this.obeySelf();
    } catch (error) {
      if (this.media !== media || this.mediaMeetingId !== meetingId) return;
      const code = error instanceof RequestError ? error.code : 'media-error';
      console.warn(`media start failed (${code})`, error);
      if (loaded?.code.forgetNativeCapabilities(loaded.device)) this.reloadDevice();
      this.restartMedia();
    }
  }

  /** Tear the media down and build it again, backing off while it keeps failing. */
  private restartMedia(): void {
    if (!this.mediaMeetingId) return;
    const meetingId = this.mediaMeetingId;
    this.stopMedia();
    this.mediaMeetingId = meetingId;
    this.mediaRetry.schedule(() => {
      if (this.mediaMeetingId === meetingId && this.socket?.connected) this.startMedia().catch(logRejection);
    });
    this.refreshLive(false);
  }

  private stopMedia(): void {
    // Whoever stops the media shows what comes next.
    this.screenHeld = false;
    this.mediaRetry.cancel();
    this.media?.close();
    this.media = undefined;
    this.mediaMeetingId = undefined;
  }

  private playRemoteSound(): void {
    const remotes = this.media?.remoteStreams ?? [];
    this.speaker?.play(remotes.filter((remote) => remote.kind === 'audio').map((remote) => remote.track));
  }

  private refreshLive(mediaReady?: boolean): void {
    if (this.view.phase !== 'live') return;
    this.setView({ ...this.view, ...this.liveView(), mediaReady: mediaReady ?? this.view.mediaReady });
  }

  /** The parts of the live view that follow the media and the chair, for a fresh render. */
  private liveView(): Omit<LiveView, 'state' | 'mediaReady'> {
    return {
      phase: 'live',
      online: this.online,
      conference: this.conference,
      remotes: this.media?.remoteStreams ?? [],
      sharedScreen: this.media?.sharedScreen,
    };
  }

  private setView(view: KioskScreenView): void {
    this.view = view;
    if (!this.screenHeld) this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
