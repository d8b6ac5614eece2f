import type { ErrorCode } from '@diemcau/shared';
import type { SignalingSocket } from './signaling';

/**
 * The client's one retry schedule, for the signaling socket (socket.io's own reconnection) and for
 * every re-join or re-attach above it. Small at first: most losses are a worker restarting or a line
 * blinking, and a room should be back within a second of it (issue 14). Doubling, capped so a room
 * comes back within seconds of the bridge, with jitter so a bridge's rooms do not all return at once.
 */
export const RETRY_SCHEDULE = { firstMs: 250, maxMs: 5_000, jitter: 0.5 } as const;

/** The wait before retry number `attempt` (0 for the first), spread by ±jitter around the schedule. */
export function retryDelay(attempt: number): number {
  const scheduled = Math.min(RETRY_SCHEDULE.maxMs, RETRY_SCHEDULE.firstMs * 2 ** attempt);
  return Math.round(scheduled * (1 + RETRY_SCHEDULE.jitter * (2 * Math.random() - 1)));
}

/** Retries one thing (a media join, a console's attach) on the schedule until it works or is cancelled. */
export class Retry {
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Runs `attempt` after the schedule's next wait, in place of any retry still pending. */
  schedule(attempt: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(attempt, retryDelay(this.attempts++));
  }

  /** It worked: the next failure starts the schedule from the beginning. */
  succeeded(): void {
    this.attempts = 0;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export interface ConnectionWatch {
  /** The link is down and socket.io is retrying it on the schedule. */
  onReconnecting?: () => void;
  /**
   * The bridge refused the connection: socket.io does not retry that by itself. `retryAt` is when it is
   * tried again, or null when it is not.
   */
  onRefused: (code: ErrorCode | 'network', retryAt: number | null) => void;
  /** Gets a fresh access token, for a user's socket whose token expired; tried once per refusal. */
  renewAccess?: () => Promise<unknown>;
  /** Tries a refused connection again after this long (a kiosk's link the Office may re-issue or restore). */
  retryRefusedMs?: number;
}

/**
 * Keeps a signaling socket connected the same way for every screen: socket.io retries a lost link on
 * the schedule; a disconnect the bridge asked for (a restart) is retried at once, unless reconnection was
 * turned off; a refusal renews an expired access token, or is retried later, or is final.
 * Returns a function that cancels a pending retry of a refusal.
 */
export function keepConnected(socket: SignalingSocket, watch: ConnectionWatch): () => void {
  let refusalTimer: ReturnType<typeof setTimeout> | undefined;
  socket.on('disconnect', (reason) => {
    // A disconnect the server asked for is not retried by socket.io on its own.
    if (reason === 'io server disconnect' && socket.io.reconnection()) socket.connect();
  });
  socket.on('connect_error', (error: Error & { data?: { code?: ErrorCode } }) => {
    if (socket.active) {
      watch.onReconnecting?.();
      return;
    }
    const code = error.data?.code ?? 'network';
    if (code === 'token-expired' && watch.renewAccess) {
      watch.renewAccess().then(
        () => socket.connect(),
        () => watch.onRefused(code, null),
      );
      return;
    }
    const retryMs = watch.retryRefusedMs;
    clearTimeout(refusalTimer);
    if (retryMs !== undefined) refusalTimer = setTimeout(() => socket.connect(), retryMs);
    watch.onRefused(code, retryMs === undefined ? null : Date.now() + retryMs);
  });
  return () => clearTimeout(refusalTimer);
}
