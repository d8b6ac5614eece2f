import type { Namespace, Server, Socket } from 'socket.io';
import {
  kioskRequests,
  KioskHandshake,
  type ClientToServerEvents,
  type ErrorCode,
  type NewConsumer,
  type ServerToClientEvents,
  type SessionState,
} from '@diemcau/shared';
import { KioskTokenError, type KioskTokens } from '../auth/kioskTokens';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import type { Bridge } from '../media/Bridge';
import type { Peer, PeerChannel } from '../media/Peer';
import type { Room } from '../media/Room';
import { meetingSummary, type MeetingRepository } from '../meetings/MeetingRepository';
import { summaryOf, type Site, type SiteDirectory } from '../sites/SiteDirectory';
import { handleRequest, rejectUnknownEvents } from './requests';

interface SocketData {
  site: Site;
}

type KioskNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type KioskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface KioskGatewayDeps {
  tokens: KioskTokens;
  sites: SiteDirectory;
  meetings: MeetingRepository;
  bridge: Bridge;
  logger: Logger;
  now: () => Date;
}

/** How long a kiosk has to set up a consumer the server offers it. */
const CONSUMER_OFFER_TIMEOUT_MS = 10_000;

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

  private accept(socket: KioskSocket): void {
    const session = new KioskSession(socket, this.deps, this);
    this.sessions.set(socket.id, session);
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
      this.socket.emit('session:state', await this.currentState());
    } catch (error) {
      this.logger.error({ err: error }, 'could not compute kiosk state');
    }
  }

  leave(): void {
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
    const peer = room.addPeer(this.socket.id, summaryOf(this.site), this.channel());
    this.room = room;
    this.peer = peer;
    this.meetingId = live.id;
    void this.gateway.broadcastMeeting(live.id);
    return { room, peer };
  }

  private channel(): PeerChannel {
    const socket = this.socket;
    return {
      async offerConsumer(consumer: NewConsumer) {
        const result = await socket.timeout(CONSUMER_OFFER_TIMEOUT_MS).emitWithAck('media:newConsumer', consumer);
        if (!result.ok) throw new DomainError(result.error.code, result.error.message);
      },
      consumerClosed: (consumerId) => socket.emit('media:consumerClosed', { consumerId }),
      mediaRestart: (reason) => socket.emit('media:restart', { reason }),
    };
  }

  private registerHandlers(): void {
    const { socket, logger } = this;
    rejectUnknownEvents(socket, Object.keys(kioskRequests));
    handleRequest(socket, kioskRequests, 'media:routerCapabilities', logger, async () => (await this.currentPeer()).room.rtpCapabilities);
    handleRequest(socket, kioskRequests, 'media:createTransport', logger, async ({ direction }) => {
      const { room, peer } = await this.currentPeer();
      return room.createTransport(peer, direction);
    });
    handleRequest(socket, kioskRequests, 'media:connectTransport', logger, async ({ transportId, dtlsParameters }) => {
      const { room, peer } = await this.currentPeer();
      await room.connectTransport(peer, transportId, dtlsParameters);
      return {};
    });
    handleRequest(socket, kioskRequests, 'media:join', logger, async ({ rtpCapabilities }) => {
      const { room, peer } = await this.currentPeer();
      // Consumers are offered after the answer, so the kiosk is ready to take them.
      setImmediate(() => void room.join(peer, rtpCapabilities).catch((error: unknown) => logger.warn({ err: error }, 'join failed')));
      return {};
    });
    handleRequest(socket, kioskRequests, 'media:produce', logger, async (request) => {
      const { room, peer } = await this.currentPeer();
      return { producerId: await room.produce(peer, request) };
    });
    handleRequest(socket, kioskRequests, 'media:closeProducer', logger, async ({ producerId }) => {
      const { room, peer } = await this.currentPeer();
      room.closeProducer(peer, producerId);
      return {};
    });
  }
}
