import { io, type Socket } from 'socket.io-client';
import type { ClientRequestName, ClientToServerEvents, ErrorCode, RequestOf, ResponseOf, Result, ServerToClientEvents } from '@diemcau/shared';
import { RETRY_SCHEDULE } from './reconnect';

export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A failed request, with the server's error code (or `timeout` / `network` from this side). */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'timeout' | 'network',
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Opens a signaling connection. socket.io re-connects on its own, on the
 * client's one retry schedule (reconnect.ts; keepConnected handles what it
 * does not). `auth` may be a function, read again on every attempt, for
 * credentials that are refreshed meanwhile (a user's access token).
 */
export function connectSignaling(namespace: string, auth: Record<string, string> | (() => Record<string, string>)): SignalingSocket {
  return io(namespace, {
    auth: typeof auth === 'function' ? (callback) => callback(auth()) : auth,
    transports: ['websocket', 'polling'],
    reconnection: true,
    reconnectionDelay: RETRY_SCHEDULE.firstMs,
    reconnectionDelayMax: RETRY_SCHEDULE.maxMs,
    randomizationFactor: RETRY_SCHEDULE.jitter,
  });
}

export async function request<K extends ClientRequestName>(socket: SignalingSocket, name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  if (!socket.connected) throw new RequestError('network', 'not connected');
  let result: Result<ResponseOf<K>>;
  try {
    // The generic event name defeats socket.io's typing; the shared tables guarantee the pairing.
    result = await (socket.timeout(REQUEST_TIMEOUT_MS) as Socket).emitWithAck(name, payload);
  } catch {
    throw new RequestError('timeout', `${name} timed out`);
  }
  if (!result.ok) throw new RequestError(result.error.code, result.error.message);
  return result.data;
}
