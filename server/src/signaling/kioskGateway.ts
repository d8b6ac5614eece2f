import type { Namespace, Server, Socket } from 'socket.io';
import { kioskRequests, KioskHandshake, type ClientToServerEvents, type ErrorCode, type RequestOf, type ServerToClientEvents } from '@diemcau/shared';
import type { AuditLog } from '../audit/AuditLog';
import { KioskTokenError, type KioskTokens } from '../auth/kioskTokens';
import type { Conference, ConferenceChange } from '../conference/Conference';
import type { Conferences } from '../conference/Conferences';
import type { Database } from '../store/database';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import type { Bridge } from '../media/Bridge';
import type { Metrics } from '../monitoring/metrics';
import type { Peer } from '../media/Peer';
import type { JoinAnswer, Room } from '../media/Room';
import { meetingSummary, type MeetingRepository, type SiteMeetings } from '../meetings/MeetingRepository';
import { summaryOf, type Site, type SiteDirectory } from '../sites/SiteDirectory';
import { turnCredentials, type TurnSettings } from './checkGateway';
import { registerMediaRequests } from './mediaRequests';
import { socketPeerChannel } from './peerChannel';
import { handleRequest, rejectUnknownEvents } from './requests';

interface SocketData {
  site: Site;
}

type KioskNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type KioskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface KioskGatewayDeps {
  db: Database;
  audit: AuditLog;
  conferences: Conferences;
  tokens: KioskTokens;
  sites: SiteDirectory;
  meetings: MeetingRepository;
  bridge: Bridge;
  /** Told when a second PC takes a room's link. */
  alarms: { kioskReplaced(siteCode: string, meetingId: string | undefined): void };
  metrics: Pick<Metrics, 'kioskJoined' | 'kioskDropped' | 'kioskReported'>;
  logger: Logger;
  now: () => Date;
  turn: TurnSettings | undefined;
}

/** Who is online is sent to a meeting's kiosks at most this often: a join storm of 150 rooms is a few messages, not 150². */
const PRESENCE_COALESCE_MS = 250;

/** coturn checks a credential's expiry on every refresh of an allocation: a kiosk's must outlast a meeting day. */
const KIOSK_TURN_SECONDS = 12 * 3600;

function handshakeError(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}

const meetingChannel = (meetingId: string) => `meeting:${meetingId}`;

/**
 * The `/kiosk` namespace: authenticates a room's kiosk by the token in its link,
 * tells it what to show (waiting or live), and carries its media signaling to
 * the meeting's room.
 */
export class KioskGateway {
  private readonly namespace: KioskNamespace;
  private readonly sessions = new Map<string, KioskSession>();
  private readonly presenceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastHeard = new Map<string, Date>();
  private closing = false;

  constructor(
    io: Server,
    private readonly deps: KioskGatewayDeps,
  ) {
    this.namespace = io.of('/kiosk') as KioskNamespace;
    this.namespace.use((socket, next) => {
      this.authenticate(socket).then(
        (site) => {
          socket.data.site = site;
          next();
        },
        (error: Error) => next(error),
      );
    });
    this.namespace.on('connection', (socket) => this.accept(socket));
    deps.conferences.on('opened', (conference) => conference.on('presence', () => this.schedulePresence(conference)));
    deps.conferences.on('ended', (meetingId) => {
      clearTimeout(this.presenceTimers.get(meetingId));
      this.presenceTimers.delete(meetingId);
    });
  }

  /**
   * Stops telling kiosks anything: the server is shutting down and the store is about to close. The
   * kiosks are told it is a restart, so they show "reconnecting" and come back on their own.
   */
  close(): void {
    this.closing = true;
    for (const timer of this.presenceTimers.values()) clearTimeout(timer);
    this.namespace.emit('session:restarting', {});
    this.namespace.disconnectSockets(true);
  }

  /** Meetings started or ended: every kiosk is told what it should be doing now, from one read for all. */
  async refreshAll(): Promise<void> {
    await this.tell([...this.sessions.values()]);
  }

  /** Reads what the sites of these kiosks should follow, once for all of them, and tells each kiosk. */
  private async tell(sessions: readonly KioskSession[]): Promise<void> {
    if (this.closing || sessions.length === 0) return;
    const siteIds = [...new Set(sessions.map((session) => session.siteId))];
    const bySite = await this.deps.meetings.meetingsOfSites(siteIds, this.deps.now());
    await Promise.all(sessions.map((session) => session.show(bySite.get(session.siteId) ?? {})));
  }

  /** A revoked or rotated link: its kiosks are dropped and, on reconnecting, told why they are refused. */
  disconnectSite(siteCode: string): void {
    for (const socket of this.namespace.sockets.values()) {
      if (socket.data.site.code === siteCode) socket.disconnect(true);
    }
  }

  private schedulePresence(conference: Conference): void {
    const { meetingId } = conference;
    if (this.closing || this.presenceTimers.has(meetingId)) return;
    this.presenceTimers.set(
      meetingId,
      setTimeout(() => {
        this.presenceTimers.delete(meetingId);
        this.namespace.to(meetingChannel(meetingId)).emit('conference:presence', { online: conference.onlineSites() });
      }, PRESENCE_COALESCE_MS),
    );
  }

  private async authenticate(socket: KioskSocket): Promise<Site> {
    const handshake = KioskHandshake.safeParse(socket.handshake.auth);
    if (!handshake.success) throw handshakeError('unauthenticated', 'kiosk link has no token');
    let identity;
    try {
      identity = this.deps.tokens.verify(handshake.data.token);
    } catch (error) {
      if (error instanceof KioskTokenError) throw handshakeError(error.code, error.message);
      throw error;
    }
    const site = await this.deps.sites.findByCode(identity.siteCode);
    if (!site) throw handshakeError('token-invalid', 'kiosk link names an unknown site');
    if (site.kioskGeneration !== identity.generation || site.kioskRevoked) {
      throw handshakeError('token-revoked', 'kiosk link has been replaced or revoked');
    }
    return site;
  }

  /**
   * When the bridge last heard anything from a site's kiosk (socket.io's pings included, every 5 s): where a
   * cut line really began, some seconds before the bridge can tell the kiosk is gone.
   */
  lastHeardFrom(siteCode: string): Date | undefined {
    return this.lastHeard.get(siteCode);
  }

  private accept(socket: KioskSocket): void {
    // One PC per room: the newest connection of a site wins, and the one it replaces is told and stops.
    for (const other of this.sessions.values()) {
      if (other.siteCode !== socket.data.site.code) continue;
      this.deps.alarms.kioskReplaced(other.siteCode, other.meetingId);
      other.replace();
    }
    const session = new KioskSession(socket, this.deps, () => this.closing);
    this.sessions.set(socket.id, session);
    const siteCode = socket.data.site.code;
    this.lastHeard.set(siteCode, this.deps.now());
    socket.conn.on('heartbeat', () => this.lastHeard.set(siteCode, this.deps.now()));
    socket.on('disconnect', (reason) => {
      // A closed page or a dropped connection is gone now; only a silent line was gone since it was last heard.
      if (reason !== 'ping timeout') this.lastHeard.set(siteCode, this.deps.now());
      this.sessions.delete(socket.id);
      session.leave();
    });
    socket.emit('media:capabilities', this.deps.bridge.rtpCapabilities);
    this.tell([session]).catch((error: unknown) => this.deps.logger.error({ err: error, site: siteCode }, 'could not compute kiosk state'));
  }
}

/** One connected kiosk: the meeting it follows, and its peer in that meeting's room once it joined. */
class KioskSession {
  private live: { meetingId: string; conference: Conference } | undefined;
  private joined: { room: Room; peer: Peer } | undefined;
  /** A change elsewhere in the conference (another room's override, a mute) often leaves this room's view as it was. */
  private readonly viewChanged = ({ views }: ConferenceChange) => {
    if (views.has(this.site.code)) this.pushView();
  };
  private readonly logger: Logger;

  constructor(
    private readonly socket: KioskSocket,
    private readonly deps: KioskGatewayDeps,
    private readonly gatewayClosing: () => boolean,
  ) {
    this.logger = deps.logger.child({ site: this.site.code, socket: socket.id });
    this.registerHandlers();
  }

  get siteCode(): string {
    return this.site.code;
  }

  get meetingId(): string | undefined {
    return this.live?.meetingId;
  }

  private get site(): Site {
    return this.socket.data.site;
  }

  get siteId(): number {
    return this.site.id;
  }

  /** Tells the kiosk what to do now: wait for its next meeting, or follow the live one. */
  async show({ live, next }: SiteMeetings): Promise<void> {
    try {
      if (!live) {
        this.follow(undefined);
        this.socket.emit('session:state', { phase: 'waiting', site: summaryOf(this.site), next: next ? meetingSummary(next) : null });
        return;
      }
      const conference = await this.deps.conferences.forMeeting(live.id);
      if (!this.socket.connected) return;
      this.socket.emit('session:state', { phase: 'live', site: summaryOf(this.site), meeting: meetingSummary(live), sites: conference.sites() });
      this.follow({ meetingId: live.id, conference });
    } catch (error) {
      this.logger.error({ err: error }, 'could not compute kiosk state');
    }
  }

  /** Another PC opened this room's link: this one is told why it is out, and disconnected. */
  replace(): void {
    this.socket.emit('session:replaced', {});
    this.socket.disconnect(true);
  }

  leave(): void {
    if (this.joined && !this.joined.room.isClosed) this.deps.metrics.kioskDropped(this.site.code);
    this.follow(undefined);
  }

  private follow(live: { meetingId: string; conference: Conference } | undefined): void {
    if (this.live?.conference === live?.conference) return;
    this.leaveMedia();
    if (this.live) {
      this.live.conference.off('changed', this.viewChanged);
      this.socket.leave(meetingChannel(this.live.meetingId));
    }
    this.live = live;
    if (!live) return;
    live.conference.on('changed', this.viewChanged);
    this.socket.join(meetingChannel(live.meetingId));
    this.socket.emit('conference:presence', { online: live.conference.onlineSites() });
    this.pushView();
  }

  private pushView(): void {
    if (this.live) this.socket.emit('conference:view', this.live.conference.viewFor(this.site.code));
  }

  private leaveMedia(): void {
    if (!this.joined) return;
    const { room, peer } = this.joined;
    this.joined = undefined;
    room.removePeer(peer.id);
  }

  /** Joins the live meeting's room; a second join replaces the first (the kiosk rebuilt its media). */
  private async join(request: RequestOf<'media:join'>): Promise<JoinAnswer> {
    if (this.gatewayClosing()) throw new DomainError('not-in-meeting', 'the bridge is restarting');
    const live = this.live;
    if (!live) throw new DomainError('not-in-meeting', 'this site has no live meeting now');
    this.leaveMedia();
    const room = this.deps.bridge.roomFor(live.meetingId);
    this.deps.conferences.bind(room, live.conference);
    const peer = await room.addPeer(this.socket.id, summaryOf(this.site), socketPeerChannel(this.socket));
    // The kiosk may have dropped, or its meeting ended, while its peer was being placed.
    if (!this.socket.connected || this.live !== live) {
      room.removePeer(peer.id);
      throw new DomainError('not-in-meeting', 'the kiosk left before it joined');
    }
    this.joined = { room, peer };
    this.deps.metrics.kioskJoined(live.meetingId, this.site.code);
    return room.join(peer, request);
  }

  private async current(): Promise<{ room: Room; peer: Peer }> {
    const joined = this.joined;
    if (!joined || joined.peer.closed || joined.room.isClosed) throw new DomainError('not-in-meeting', 'join the meeting first');
    return joined;
  }

  private registerHandlers(): void {
    const { socket, logger } = this;
    rejectUnknownEvents(socket, Object.keys(kioskRequests));
    const { turn, now } = this.deps;
    registerMediaRequests(socket, kioskRequests, logger, this.deps.bridge.rtpCapabilities, {
      join: (request) => this.join(request),
      current: () => this.current(),
      // TURN relays handed out with each transport; the connection check chooses its own per probe.
      iceServers: () => (turn ? [turnCredentials(turn, this.site.code, now(), KIOSK_TURN_SECONDS)] : []),
    });
    handleRequest(socket, kioskRequests, 'kiosk:raiseHand', logger, async ({ raised }) => {
      if (!this.live) throw new DomainError('not-in-meeting', 'this site has no live meeting now');
      this.live.conference.raiseHand(this.site.code, raised);
      return {};
    });
    handleRequest(socket, kioskRequests, 'kiosk:report', logger, async (report) => {
      this.deps.metrics.kioskReported(report);
      return {};
    });
    handleRequest(socket, kioskRequests, 'media:setProducerPaused', logger, async ({ producerId, paused }) => {
      const { room, peer } = await this.current();
      try {
        await room.setProducerPaused(peer, producerId, paused);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'forbidden') {
          // Art. 7.2.d: a room changing what the chair set during a live meeting is refused and recorded.
          await this.deps.audit.record(
            this.deps.db,
            { kiosk: this.site.code },
            {
              action: 'site.config.refused',
              entityType: 'site',
              entityId: this.site.id,
              after: { request: 'media:setProducerPaused', producerId, paused, meetingId: room.meetingId },
            },
          );
        }
        throw error;
      }
      return {};
    });
  }
}
