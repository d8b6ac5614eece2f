import type { Namespace, Socket } from 'socket.io';
import { UserHandshake, type ProtocolError } from '@diemcau/shared';
import type { Principal } from '../auth/permissions';
import type { UserSessions } from '../auth/UserSessions';
import type { Logger } from '../logger';
import { toProtocolError } from './requests';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket.io takes every namespace's typed socket only as Socket<any, …>
type AnySocket = Socket<any, any, any, any>;

/** Decides whether an authenticated user may open this namespace; throws a DomainError (`forbidden`, ...) if not. */
export type Admission = (principal: Principal, socket: AnySocket) => void | Promise<void>;

/** How often open sockets are held against their access token's expiry. */
const EXPIRY_SWEEP_MS = 1_000;

interface Tracked {
  socket: AnySocket;
  expiresAt: Date;
}

/**
 * The logged-in users' sockets (`/chair`, `/check`, `/monitor`): one
 * handshake check for all of them, and a map from user to open sockets, so a
 * session that ends on the server (account disabled, role or password
 * changed, logout everywhere, refresh token replayed) ends its sockets too,
 * and a socket does not outlive the access token it was opened with. The
 * clients reconnect with a fresh token, or are refused if there is none.
 */
export class UserSockets {
  private readonly byUser = new Map<number, Set<Tracked>>();
  private readonly sweep: ReturnType<typeof setInterval>;
  private readonly onEnded = (userId: number) => this.disconnectUser(userId);

  constructor(
    private readonly sessions: UserSessions,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {
    sessions.on('ended', this.onEnded);
    this.sweep = setInterval(() => this.disconnectExpired(), EXPIRY_SWEEP_MS);
    this.sweep.unref();
  }

  /** Admits to the namespace only users with a valid access token whom `admit` lets in; `socket.data.principal` is theirs. */
  guard(namespace: Namespace, admit: Admission): void {
    const accepted = new WeakMap<AnySocket, Tracked & { userId: number }>();
    namespace.use((socket, next) => {
      const fail = (error: ProtocolError) => next(Object.assign(new Error(error.message), { data: error }));
      const handshake = UserHandshake.safeParse(socket.handshake.auth);
      if (!handshake.success) return fail({ code: 'unauthenticated', message: 'not logged in' });
      (async () => {
        try {
          const { principal, expiresAt } = await this.sessions.verifyAccessUntil(handshake.data.token);
          await admit(principal, socket);
          socket.data.principal = principal;
          accepted.set(socket, { socket, expiresAt, userId: principal.userId });
          next();
        } catch (error) {
          fail(toProtocolError(error, this.logger));
        }
      })().catch((error: unknown) => this.logger.error({ err: error }, 'could not admit a socket'));
    });
    // Tracked from the connection on: only a connected socket has a `disconnect` to untrack it.
    namespace.on('connection', (socket) => {
      const entry = accepted.get(socket);
      if (entry) this.track(entry.userId, { socket, expiresAt: entry.expiresAt });
    });
  }

  /** Open sockets of the user, across the user namespaces. */
  count(userId: number): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  disconnectUser(userId: number): void {
    const sockets = this.byUser.get(userId);
    if (!sockets) return;
    this.logger.info({ userId, sockets: sockets.size }, "sessions ended: closing the user's sockets");
    for (const { socket } of sockets) socket.disconnect();
  }

  close(): void {
    clearInterval(this.sweep);
    this.sessions.off('ended', this.onEnded);
  }

  private track(userId: number, entry: Tracked): void {
    let sockets = this.byUser.get(userId);
    if (!sockets) this.byUser.set(userId, (sockets = new Set()));
    sockets.add(entry);
    entry.socket.once('disconnect', () => {
      sockets.delete(entry);
      if (sockets.size === 0 && this.byUser.get(userId) === sockets) this.byUser.delete(userId);
    });
  }

  private disconnectExpired(): void {
    const now = this.now();
    for (const sockets of this.byUser.values()) {
      for (const { socket, expiresAt } of sockets) if (expiresAt <= now) socket.disconnect();
    }
  }
}
