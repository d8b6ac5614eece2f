import crypto from 'node:crypto';
import type { Namespace, Server, Socket } from 'socket.io';
import { CheckHandshake, checkRequests, type IceServer } from '@diemcau/shared';
import { can, type Principal } from '../auth/permissions';
import type { UserSessions } from '../auth/UserSessions';
import type { Logger } from '../logger';
import type { Bridge } from '../media/Bridge';
import { streamKey, type Peer } from '../media/Peer';
import type { Room } from '../media/Room';
import type { SiteDirectory } from '../sites/SiteDirectory';
import { summaryOf, type Site } from '../sites/SiteDirectory';
import { registerMediaRequests } from './mediaRequests';
import { socketPeerChannel } from './peerChannel';
import { handleRequest, rejectUnknownEvents, toProtocolError } from './requests';

export interface TurnSettings {
  urls: string[];
  /** coturn's `static-auth-secret`: credentials are derived from it and expire. */
  secret: string;
}

export interface CheckGatewayDeps {
  sessions: UserSessions;
  sites: SiteDirectory;
  bridge: Bridge;
  turn: TurnSettings | undefined;
  requiredKbps: number;
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

  constructor(io: Server, deps: CheckGatewayDeps) {
    this.namespace = io.of('/check');
    this.namespace.use((socket, next) => {
      const fail = (code: string, message: string) => next(Object.assign(new Error(message), { data: { code, message } }));
      const handshake = CheckHandshake.safeParse(socket.handshake.auth);
      if (!handshake.success) return fail('unauthenticated', 'log in as a technician to run a check');
      void (async () => {
        try {
          const principal = await deps.sessions.verifyAccess(handshake.data.token);
          const site = await deps.sites.findByCode(handshake.data.siteCode);
          if (!site) return fail('not-found', 'no such site');
          if (!can(principal, 'site:check', { siteId: site.id })) return fail('forbidden', 'you may not check this site');
          socket.data = { principal, site } satisfies SocketData;
          next();
        } catch (error) {
          const protocolError = toProtocolError(error, deps.logger);
          fail(protocolError.code, protocolError.message);
        }
      })();
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
    const loopback = () => {
      current ??= deps.bridge.roomFor(roomId).then((room) => {
        const peer = room.addPeer(socket.id, summaryOf(site), socketPeerChannel(socket), 'check');
        // The check receives its own camera at full size: the path a large pane needs.
        peer.wants = new Map([[streamKey(site.code, 'camera'), 2]]);
        return { room, peer };
      });
      return current;
    };
    rejectUnknownEvents(socket, Object.keys(checkRequests));
    registerMediaRequests(socket, checkRequests, logger, loopback);
    handleRequest(socket, checkRequests, 'check:start', logger, async () => ({
      iceServers: deps.turn ? [turnCredentials(deps.turn, principal.username, new Date())] : [],
      requiredKbps: deps.requiredKbps,
    }));
    handleRequest(socket, checkRequests, 'check:ping', logger, async () => ({ serverTime: Date.now() }));
    socket.on('disconnect', () => {
      if (current) void deps.bridge.closeRoom(roomId, 'check-finished');
    });
  }
}
