import type { ChairRequestName, ConferenceState, ErrorCode, mediaRequests, RequestOf, SiteMeters } from '@diemcau/shared';
import { MediaSession, newDevice, type RemoteStream } from '../media/MediaSession';
import { keepConnected, Retry } from '../media/reconnect';
import { connectSignaling, request, RequestError, type SignalingSocket } from '../media/signaling';
import { logRejection } from '../ui/logRejection';

declare global {
  interface Window {
    /** The console's live state, read by the browser tests. */
    diemcauChair?: ChairController;
  }
}

/** What the operator may ask of the bridge; media requests and attaching are the controller's own business. */
export type ChairCommand = Exclude<ChairRequestName, keyof typeof mediaRequests | 'chair:attach'>;

export type ChairConnection =
  { phase: 'connecting' } | { phase: 'live' } | { phase: 'reconnecting' } | { phase: 'refused'; code: ErrorCode | 'network' | 'timeout' };

export interface ChairView {
  connection: ChairConnection;
  conference: ConferenceState | undefined;
  meters: SiteMeters;
  /** The sites' cameras at the low layer, for the tiles. */
  remotes: RemoteStream[];
  /** The screen the console shares, while it does. */
  sharedScreen: MediaStreamTrack | undefined;
}

/** The thumbnails asked for follow scrolling and filtering at most this often. */
const WATCH_INTERVAL_MS = 300;
/** Refusals that retrying cannot change: the meeting is not live, or the operator may not drive it. */
const FINAL_REFUSALS: ReadonlySet<string> = new Set(['not-in-meeting', 'forbidden', 'unauthenticated', 'token-invalid', 'token-revoked']);

/**
 * The chair operator's link to the bridge for one live meeting (Art. 7.1.c–d):
 * the `/chair` signaling namespace, the conference state and meters it pushes,
 * the operator's commands, and a media session of its own that receives every
 * site's camera for the tiles and can share a screen.
 */
export class ChairController {
  private socket: SignalingSocket | undefined;
  private media: MediaSession | undefined;
  private readonly device = newDevice();
  private readonly mediaRetry = new Retry();
  /** A failed attach that may succeed later (no live worker yet, a timeout) is tried again. */
  private readonly attachRetry = new Retry();
  /** The thumbnails on screen, and what the bridge was last told of them (undefined: not since attaching). */
  private watched: string[] = [];
  private watchSent: string | undefined;
  private watchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  view: ChairView = { connection: { phase: 'connecting' }, conference: undefined, meters: {}, remotes: [], sharedScreen: undefined };

  /**
   * @param accessToken the operator's current access token, read on every connection attempt
   * @param renewAccess gets a fresh access token when the bridge says it expired
   */
  constructor(
    private readonly meetingId: string,
    private readonly accessToken: () => string,
    private readonly renewAccess: () => Promise<unknown>,
  ) {}

  start(): void {
    const socket = connectSignaling('/chair', () => ({ token: this.accessToken() }));
    this.socket = socket;
    socket.on('connect', () => {
      this.attach(socket).catch(logRejection);
    });
    socket.on('conference:state', (conference) => {
      if (conference.meetingId === this.meetingId) this.update({ conference });
    });
    socket.on('conference:meters', (meters) => this.update({ meters }));
    // The meeting's room was rebuilt (its worker died): the console's place in it went with it.
    socket.on('media:restart', () => this.reattach());
    socket.on('disconnect', () => {
      this.stopMedia();
      this.attachRetry.cancel();
      this.update({ connection: { phase: 'reconnecting' } });
    });
    keepConnected(socket, {
      onReconnecting: () => this.update({ connection: { phase: 'reconnecting' } }),
      onRefused: (code) => this.update({ connection: { phase: 'refused', code } }),
      renewAccess: this.renewAccess,
    });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends one of the operator's commands; the bridge answers with a new conference state. */
  async send<K extends ChairCommand>(name: K, payload: RequestOf<K>): Promise<void> {
    if (!this.socket) throw new Error('not started');
    try {
      await request(this.socket, name, payload);
    } catch (error) {
      // The bridge no longer counts this console in the meeting: attach again, then the operator retries.
      if (error instanceof RequestError && error.code === 'not-in-meeting' && this.view.connection.phase === 'live') this.reattach();
      throw error;
    }
  }

  /**
   * The sites whose thumbnails are on screen now; the bridge sends only those.
   * Follows scrolling and filtering, at most every WATCH_INTERVAL_MS.
   */
  watch(siteCodes: readonly string[]): void {
    this.watched = [...new Set(siteCodes)].sort();
    if (this.watchTimer === undefined) this.flushWatch();
  }

  /** Shares the operator's screen as the meeting's content; the console must hold the presenter token. */
  async shareScreen(): Promise<void> {
    await this.media?.shareScreen();
  }

  async stopScreen(): Promise<void> {
    await this.media?.stopScreen();
  }

  stop(): void {
    this.stopMedia();
    this.attachRetry.cancel();
    clearTimeout(this.watchTimer);
    this.socket?.close();
    this.socket = undefined;
  }

  private async attach(socket: SignalingSocket): Promise<void> {
    this.attachRetry.cancel();
    try {
      const conference = await request(socket, 'chair:attach', { meetingId: this.meetingId });
      if (this.socket !== socket) return;
      this.attachRetry.succeeded();
      this.update({ connection: { phase: 'live' }, conference });
      this.watchSent = undefined;
      this.flushWatch();
      // A media session from an earlier attach (two re-attaches crossing) must not live on beside the new one.
      this.stopMedia();
      this.startMedia(socket).catch(logRejection);
    } catch (error) {
      const code = error instanceof RequestError ? error.code : 'internal';
      if (FINAL_REFUSALS.has(code)) {
        this.update({ connection: { phase: 'refused', code } });
        return;
      }
      // The bridge is rebuilding (a worker died and its replacement is starting) or slow: try again shortly.
      this.update({ connection: { phase: 'reconnecting' } });
      this.attachRetry.schedule(() => {
        if (socket.connected && this.socket === socket) this.attach(socket).catch(logRejection);
      });
    }
  }

  /** Joins the meeting again on the same connection and takes its state afresh (issue 11, defect 3). */
  private reattach(): void {
    const socket = this.socket;
    this.stopMedia();
    // The old streams are gone with the old place in the room: no frozen thumbnails meanwhile.
    this.update({ connection: { phase: 'reconnecting' }, remotes: [], sharedScreen: undefined });
    if (socket?.connected) this.attach(socket).catch(logRejection);
  }

  private flushWatch(): void {
    const socket = this.socket;
    const wanted = JSON.stringify(this.watched);
    this.watchTimer = undefined;
    if (!socket?.connected || this.view.connection.phase !== 'live' || wanted === this.watchSent) return;
    this.watchSent = wanted;
    request(socket, 'chair:watch', { siteCodes: this.watched }).catch((error: unknown) => {
      // Thumbnails are a convenience: the next change or attach asks again.
      console.warn('the bridge did not take the thumbnails to send', error);
      this.watchSent = undefined;
    });
    this.watchTimer = setTimeout(() => this.flushWatch(), WATCH_INTERVAL_MS);
  }

  private async startMedia(socket: SignalingSocket): Promise<void> {
    const media = new MediaSession(socket, this.device);
    this.media = media;
    media.onChange(() => this.update({ remotes: media.remoteStreams, sharedScreen: media.sharedScreen }));
    media.onFailure(() => this.restartMedia());
    try {
      await MediaSession.loadDevice(this.device, await request(socket, 'media:routerCapabilities', {}));
      // The console sends only when it presents; its sending transport is ready for that.
      await media.join({ send: true });
      if (this.media === media) this.mediaRetry.succeeded();
    } catch (error) {
      console.warn('console media failed to start', error);
      if (this.media !== media) return;
      // Retrying the media alone cannot help once the bridge has dropped the console from the meeting.
      if (error instanceof RequestError && error.code === 'not-in-meeting') this.reattach();
      else this.restartMedia();
    }
  }

  private restartMedia(): void {
    const socket = this.socket;
    this.stopMedia();
    this.mediaRetry.schedule(() => {
      if (socket?.connected && this.socket === socket) this.startMedia(socket).catch(logRejection);
    });
  }

  private stopMedia(): void {
    this.mediaRetry.cancel();
    this.media?.close();
    this.media = undefined;
  }

  private update(change: Partial<ChairView>): void {
    this.view = { ...this.view, ...change };
    // The operator took the token elsewhere: the console's own content stops with it.
    if (change.conference && change.conference.presenter !== 'console' && this.media?.sharedScreen) this.media.stopScreen().catch(logRejection);
    for (const listener of this.listeners) listener();
  }
}
