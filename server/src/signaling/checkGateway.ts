import crypto from 'node:crypto';
import type { Namespace, Server, Socket } from 'socket.io';
import { CheckHandshake, checkRequests, type IceServer } from '@diemcau/shared';
import { can, type Principal } from '../auth/permissions';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import type { Bridge } from '../media/Bridge';
import type { Peer } from '../media/Peer';
import type { Room } from '../media/Room';
import type { SiteDirectory } from '../sites/SiteDirectory';
import { summaryOf, type Site } from '../sites/SiteDirectory';
import { registerMediaRequests } from './mediaRequests';
import { socketPeerChannel } from './peerChannel';
import { handleRequest, rejectUnknownEvents } from './requests';
import type { UserSockets } from './userSockets';

export interface TurnSettings {
  urls: string[];
  /** coturn's `static-auth-secret`: credentials are derived from it and expire. */
  secret: string;
}

export interface CheckGatewayDeps {
  userSockets: UserSockets;
  sites: SiteDirectory;
  bridge: Bridge;
  turn: TurnSettings | undefined;
  requiredKbps: number;
  /** Check rooms one user may hold open at once: each is a room on the bridge with media looping back. */
  roomsPerUser: number;
  logger: Logger;
}

interface SocketData {
  principal: Principal;
  site: Site;
}

const TURN_CREDENTIAL_SECONDS = 3600;

/** Time-limited TURN credentials in coturn's REST-API form, so no lasting password reaches a browser. */
export function turnCredentials(turn: TurnSettings, user: string, now: Date, lifetimeSeconds = TURN_CREDENTIAL_SECONDS): IceServer {
  const username = `${Math.floor(now.getTime() / 1000) + lifetimeSeconds}:${user}`;
  const credential = crypto.createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: turn.urls, username, credential };
}

/**
 * The `/check` namespace: a technician's pre-session check of one site
 * (Art. 6.4). Each connection gets a room of its own on the bridge in which
 * its media comes straight back, so the browser measures the real path to the
 * bridge and back. Only the site's own technicians and the bridge may check it.
 */
export class CheckGateway {
  private readonly namespace: Namespace;
  /** Open check rooms per user. */
  private readonly rooms = new Map<number, number>();

  constructor(io: Server, deps: CheckGatewayDeps) {
    this.namespace = io.of('/check');
    deps.userSockets.guard(this.namespace, async (principal, socket) => {
      const handshake = CheckHandshake.safeParse(socket.handshake.auth);
      if (!handshake.success) throw new DomainError('invalid-request', 'name the site to check');
      const site = await deps.sites.findByCode(handshake.data.siteCode);
      if (!site) throw new DomainError('not-found', 'no such site');
      if (!can(principal, 'site:check', { siteId: site.id })) throw new DomainError('forbidden', 'you may not check this site');
      socket.data.site = site;
    });
    this.namespace.on('connection', (socket) => this.accept(socket, deps));
  }

  close(): void {
    this.namespace.disconnectSockets(true);
  }

  private accept(socket: Socket, deps: CheckGatewayDeps): void {
    const { principal, site } = socket.data as SocketData;
    const logger = deps.logger.child({ check: site.code, by: principal.username });
    const roomId = `check:${socket.id}`;
    let current: Promise<{ room: Room; peer: Peer }> | undefined;
    // The check's own room sends its media straight back: its camera at full size, the path a large pane needs.
    const loopback = () => {
      if (!current) {
        const open = this.rooms.get(principal.userId) ?? 0;
        if (open >= deps.roomsPerUser) return Promise.reject(new DomainError('rate-limited', `at most ${deps.roomsPerUser} checks at once; finish one first`));
        this.rooms.set(principal.userId, open + 1);
        const room = deps.bridge.roomFor(roomId, 'check');
        current = room.addPeer(socket.id, summaryOf(site), socketPeerChannel(socket), 'check').then((peer) => ({ room, peer }));
      }
      return current;
    };
    rejectUnknownEvents(socket, Object.keys(checkRequests));
    registerMediaRequests(socket, checkRequests, logger, deps.bridge.rtpCapabilities, {
      join: async (request) => {
        const { room, peer } = await loopback();
        return room.join(peer, request);
      },
      current: loopback,
    });
    handleRequest(socket, checkRequests, 'check:start', logger, async () => ({
      iceServers: deps.turn ? [turnCredentials(deps.turn, principal.username, new Date())] : [],
      requiredKbps: deps.requiredKbps,
    }));
    handleRequest(socket, checkRequests, 'check:ping', logger, async () => ({ serverTime: Date.now() }));
    socket.on('disconnect', () => {
      if (!current) return;
      const open = (this.rooms.get(principal.userId) ?? 1) - 1;
      if (open > 0) this.rooms.set(principal.userId, open);
      else this.rooms.delete(principal.userId);
      deps.bridge.closeRoom(roomId, 'check-finished');
    });
  }
}
