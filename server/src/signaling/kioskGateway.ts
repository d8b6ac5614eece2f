import type { Namespace, Server, Socket } from 'socket.io';
import {
  kioskRequests,
  KioskHandshake,
  type ClientToServerEvents,
  type ErrorCode,
  type ServerToClientEvents,
  type SessionState,
} from '@diemcau/shared';
import type { AuditLog } from '../audit/AuditLog';
import { KioskTokenError, type KioskTokens } from '../auth/kioskTokens';
import type { Conference } from '../conference/Conference';
import type { Conferences } from '../conference/Conferences';
import type { Database } from '../store/database';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import type { Bridge } from '../media/Bridge';
import type { Peer } from '../media/Peer';
import type { Room } from '../media/Room';
import { meetingSummary, type MeetingRepository } from '../meetings/MeetingRepository';
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
  logger: Logger;
  now: () => Date;
  turn: TurnSettings | undefined;
}

/** coturn checks a credential's expiry on every refresh of an allocation: a kiosk's must outlast a meeting day. */
const KIOSK_TURN_SECONDS = 12 * 3600;


function handshakeError(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}

/**
 * The `/kiosk` namespace: authenticates a room's kiosk by the token in its link,
 * tells it what to show (waiting or live), and carries its media signaling to
 * the meeting's room.
 */
export class KioskGateway {
  private readonly namespace: KioskNamespace;
  private readonly sessions = new Map<string, KioskSession>();
  private readonly lastHeard = new Map<string, Date>();
  private closing = false;

  constructor(io: Server, private readonly deps: KioskGatewayDeps) {
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
  }

  /** Stops telling kiosks anything: the server is shutting down and the store is about to close. */
  close(): void {
    this.closing = true;
    this.namespace.disconnectSockets(true);
  }

  /** Re-sends each kiosk in the meeting its state: who is online changed. */
  async broadcastMeeting(meetingId: string): Promise<void> {
    if (this.closing) return;
    const members = [...this.sessions.values()].filter((session) => session.meetingId === meetingId);
    await Promise.all(members.map((session) => session.pushState()));
  }

  /** Meetings started or ended: every kiosk re-reads what it should be doing. */
  async refreshAll(): Promise<void> {
    if (this.closing) return;
    await Promise.all([...this.sessions.values()].map((session) => session.pushState()));
  }

  /** A revoked or rotated link: its kiosks are dropped and, on reconnecting, told why they are refused. */
  disconnectSite(siteCode: string): void {
    for (const socket of this.namespace.sockets.values()) {
      if (socket.data.site.code === siteCode) socket.disconnect(true);
    }
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
    const session = new KioskSession(socket, this.deps, this);
    this.sessions.set(socket.id, session);
    const siteCode = socket.data.site.code;
    this.lastHeard.set(siteCode, this.deps.now());
    socket.conn.on('heartbeat', () => this.lastHeard.set(siteCode, this.deps.now()));
    socket.on('disconnect', () => {
      this.sessions.delete(socket.id);
      session.leave();
    });
    void session.pushState();
  }
}

/** One connected kiosk. */
class KioskSession {
  private room: Room | undefined;
  private peer: Peer | undefined;
  private conference: Conference | undefined;
  private readonly pushView = () => {
    if (this.conference) this.socket.emit('conference:view', this.conference.viewFor(this.site.code));
  };
  meetingId: string | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly socket: KioskSocket,
    private readonly deps: KioskGatewayDeps,
    private readonly gateway: KioskGateway,
  ) {
    const site = socket.data.site;
    this.logger = deps.logger.child({ site: site.code, socket: socket.id });
    this.registerHandlers();
  }

  private get site(): Site {
    return this.socket.data.site;
  }

  async pushState(): Promise<void> {
    try {
      const state = await this.currentState();
      this.socket.emit('session:state', state);
      // A kiosk that joins or re-connects gets the current layout at once.
      if (state.phase === 'live') await this.currentConference();
      else this.follow(undefined);
    } catch (error) {
      this.logger.error({ err: error }, 'could not compute kiosk state');
    }
  }

  leave(): void {
    this.follow(undefined);
    if (this.room && this.peer) {
      this.room.removePeer(this.peer.id);
      const meetingId = this.room.meetingId;
      void this.gateway.broadcastMeeting(meetingId);
    }
    this.peer = undefined;
    this.room = undefined;
  }

  private async currentState(): Promise<SessionState> {
    const { meetings } = this.deps;
    const live = await meetings.liveForSite(this.site.id);
    this.meetingId = live?.id;
    if (!live) {
      const next = await meetings.nextForSite(this.site.id, this.deps.now());
      return { phase: 'waiting', site: summaryOf(this.site), next: next ? meetingSummary(next) : null };
    }
    const online = this.room?.meetingId === live.id && !this.room.isClosed ? this.room.onlineSiteCodes() : new Set<string>();
    const sites = await meetings.sitesOf(live.id);
    return {
      phase: 'live',
      site: summaryOf(this.site),
      meeting: meetingSummary(live),
      sites: sites.map((site) => ({ ...summaryOf(site), online: online.has(site.code) })),
    };
  }

  /** The peer in the site's live meeting, joining the room on first use or after the room was rebuilt. */
  private async currentPeer(): Promise<{ room: Room; peer: Peer }> {
    if (this.room && this.peer && !this.peer.closed && !this.room.isClosed) return { room: this.room, peer: this.peer };
    const live = await this.deps.meetings.liveForSite(this.site.id);
    if (!live) throw new DomainError('not-in-meeting', 'this site has no live meeting now');
    const room = await this.deps.bridge.roomFor(live.id);
    const peer = room.addPeer(this.socket.id, summaryOf(this.site), socketPeerChannel(this.socket));
    this.room = room;
    this.peer = peer;
    this.meetingId = live.id;
    this.deps.conferences.bind(room, await this.currentConference());
    void this.gateway.broadcastMeeting(live.id);
    return { room, peer };
  }

  /** The conference of the site's live meeting, whose views this kiosk follows. */
  private async currentConference(): Promise<Conference> {
    const live = await this.deps.meetings.liveForSite(this.site.id);
    if (!live) throw new DomainError('not-in-meeting', 'this site has no live meeting now');
    const conference = await this.deps.conferences.forMeeting(live.id);
    this.follow(conference);
    return conference;
  }

  private follow(conference: Conference | undefined): void {
    if (this.conference === conference) return;
    this.conference?.off('changed', this.pushView);
    this.conference = conference;
    conference?.on('changed', this.pushView);
    this.pushView();
  }


  private registerHandlers(): void {
    const { socket, logger } = this;
    rejectUnknownEvents(socket, Object.keys(kioskRequests));
    const { turn, now } = this.deps;
    registerMediaRequests(socket, kioskRequests, logger, () => this.currentPeer(), () =>
      turn ? [turnCredentials(turn, this.site.code, now(), KIOSK_TURN_SECONDS)] : [],
    );
    handleRequest(socket, kioskRequests, 'kiosk:raiseHand', logger, async ({ raised }) => {
      const conference = await this.currentConference();
      conference.raiseHand(this.site.code, raised);
      return {};
    });
    handleRequest(socket, kioskRequests, 'media:setProducerPaused', logger, async ({ producerId, paused }) => {
      const { room, peer } = await this.currentPeer();
      try {
        await room.setProducerPaused(peer, producerId, paused);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'forbidden') {
          // Art. 7.2.d: a room changing what the chair set during a live meeting is refused and recorded.
          await this.deps.audit.record(this.deps.db, { kiosk: this.site.code }, {
            action: 'site.config.refused',
            entityType: 'site',
            entityId: this.site.id,
            after: { request: 'media:setProducerPaused', producerId, paused, meetingId: room.meetingId },
          });
        }
        throw error;
      }
      return {};
    });
  }
}
