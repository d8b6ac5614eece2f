import type { ErrorCode, SessionState } from '@diemcau/shared';
import { MediaSession, type InboundStats, type RemoteStream } from '../media/MediaSession';
import { connectSignaling, RequestError, type SignalingSocket } from '../media/signaling';

declare global {
  interface Window {
    /** Read by technicians' tools and the browser tests; the kiosk itself has no settings to expose. */
    diemcauKiosk?: KioskController;
  }
}

type LiveState = Extract<SessionState, { phase: 'live' }>;
type WaitingState = Extract<SessionState, { phase: 'waiting' }>;

export type KioskView =
  | { phase: 'connecting' }
  | { phase: 'waiting'; state: WaitingState }
  | { phase: 'live'; state: LiveState; remotes: RemoteStream[]; mediaReady: boolean }
  | { phase: 'reconnecting'; attempt: number }
  | { phase: 'error'; code: ErrorCode | 'network' | 'timeout'; retryAt: number | null };

const AUTH_CODES: readonly string[] = ['unauthenticated', 'token-expired', 'token-invalid', 'token-revoked'];
/** A refused link is retried slowly: the Office may re-issue or restore it without anyone touching the room. */
const AUTH_RETRY_MS = 60_000;
const MEDIA_RETRY_MAX_MS = 30_000;

/**
 * Drives a room's kiosk with no clicks: connect with the link's token, wait for
 * the site's meeting, join its media when it is live, and recover from every
 * loss on its own.
 */
export class KioskController {
  private socket: SignalingSocket | undefined;
  private media: MediaSession | undefined;
  private mediaMeetingId: string | undefined;
  private mediaAttempts = 0;
  private mediaRetryTimer: ReturnType<typeof setTimeout> | undefined;
  private authRetryTimer: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<() => void>();
  view: KioskView = { phase: 'connecting' };
  local: MediaStream | undefined;
  deviceError: string | undefined;

  constructor(private readonly token: string | null) {}

  async start(): Promise<void> {
    if (!this.token) {
      this.setView({ phase: 'error', code: 'unauthenticated', retryAt: null });
      return;
    }
    await this.openDevices();
    this.connect(this.token);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Receiving statistics, used by the technician view and by the browser tests. */
  inboundStats(): Promise<InboundStats[]> {
    return this.media?.inboundStats() ?? Promise.resolve([]);
  }

  stop(): void {
    clearTimeout(this.mediaRetryTimer);
    clearTimeout(this.authRetryTimer);
    this.stopMedia();
    this.socket?.close();
    this.local?.getTracks().forEach((track) => track.stop());
  }

  private async openDevices(): Promise<void> {
    try {
      this.local = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } },
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
    } catch (error) {
      // The room can still watch and listen; the screen says what is wrong with its own devices.
      this.deviceError = error instanceof Error ? error.message : String(error);
    }
  }

  private connect(token: string): void {
    const socket = connectSignaling('/kiosk', { token });
    this.socket = socket;
    socket.on('session:state', (state) => this.applyState(state));
    socket.on('media:restart', () => this.restartMedia());
    socket.on('disconnect', (reason) => {
      this.stopMedia();
      this.setView({ phase: 'reconnecting', attempt: 1 });
      // A disconnect the server asked for is not retried by socket.io on its own.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.io.on('reconnect_attempt', (attempt) => this.setView({ phase: 'reconnecting', attempt }));
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      const code = error.data?.code;
      if (code && AUTH_CODES.includes(code)) {
        this.setView({ phase: 'error', code: code as ErrorCode, retryAt: Date.now() + AUTH_RETRY_MS });
        clearTimeout(this.authRetryTimer);
        this.authRetryTimer = setTimeout(() => socket.connect(), AUTH_RETRY_MS);
      } else if (this.view.phase !== 'reconnecting') {
        this.setView({ phase: 'reconnecting', attempt: 1 });
      }
    });
  }

  private applyState(state: SessionState): void {
    if (state.phase === 'waiting') {
      this.stopMedia();
      this.setView({ phase: 'waiting', state });
      return;
    }
    if (this.mediaMeetingId !== state.meeting.id) {
      this.stopMedia();
      this.mediaMeetingId = state.meeting.id;
      void this.startMedia();
    }
    this.setView({
      phase: 'live',
      state,
      remotes: this.media?.remoteStreams ?? [],
      mediaReady: this.view.phase === 'live' && this.view.mediaReady,
    });
  }

  private async startMedia(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    const media = new MediaSession(socket);
    this.media = media;
    media.onChange(() => this.refreshLive());
    media.onFailure(() => this.restartMedia());
    try {
      await media.start(this.local);
      if (this.media !== media) return;
      this.mediaAttempts = 0;
      this.refreshLive(true);
    } catch (error) {
      if (this.media !== media) return;
      const code = error instanceof RequestError ? error.code : 'media-error';
      console.warn(`media start failed (${code})`, error);
      this.restartMedia();
    }
  }

  /** Tear the media down and build it again, backing off while it keeps failing. */
  private restartMedia(): void {
    if (!this.mediaMeetingId) return;
    const meetingId = this.mediaMeetingId;
    this.stopMedia();
    this.mediaMeetingId = meetingId;
    const delay = Math.min(MEDIA_RETRY_MAX_MS, 1_000 * 2 ** this.mediaAttempts++);
    clearTimeout(this.mediaRetryTimer);
    this.mediaRetryTimer = setTimeout(() => {
      if (this.mediaMeetingId === meetingId && this.socket?.connected) void this.startMedia();
    }, delay);
    this.refreshLive(false);
  }

  private stopMedia(): void {
    clearTimeout(this.mediaRetryTimer);
    this.media?.close();
    this.media = undefined;
    this.mediaMeetingId = undefined;
  }

  private refreshLive(mediaReady?: boolean): void {
    if (this.view.phase !== 'live') return;
    this.setView({
      ...this.view,
      remotes: this.media?.remoteStreams ?? [],
      mediaReady: mediaReady ?? this.view.mediaReady,
    });
  }

  private setView(view: KioskView): void {
    this.view = view;
    for (const listener of this.listeners) listener();
  }
}
