import crypto from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { fieldErrors, type ClientRequestName, type ErrorCode, type ProtocolError, type RequestOf, type ResponseOf, type Result } from '@diemcau/shared';
import { DomainError } from '../errors';
import { withLogContext, type Logger } from '../logger';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket.io takes every namespace's typed socket only as Socket<any, …>
type AnySocket = Socket<any, any, any, any>;

/** Told of every answered request: its name, how long it took and, if it failed, its error code. */
export interface RequestObserver {
  requestAnswered(name: string, seconds: number, errorCode: ErrorCode | undefined): void;
}

const observers = new WeakMap<Server, RequestObserver>();

/** Every request on this server's namespaces is reported to the observer (the metrics). */
export function observeRequests(io: Server, observer: RequestObserver): void {
  observers.set(io, observer);
}

export function toProtocolError(error: unknown, logger: Logger): ProtocolError {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  // mediasoup rejects bad parameters with TypeError/UnsupportedError; those are the caller's fault.
  if (error instanceof Error && /TypeError|UnsupportedError/.test(error.name)) {
    return { code: 'media-error', message: error.message };
  }
  logger.error({ err: error, code: 'internal' }, 'request failed');
  return { code: 'internal', message: 'internal error' };
}

/**
 * Registers the handler of one client request: the payload is validated with
 * its shared schema before the handler sees it, and every outcome, including a
 * thrown error, is answered through the acknowledgement. Nothing a client sends
 * can throw out of here. Each request runs in a log context of its own (a
 * request id, and the site the socket belongs to), is timed, and its outcome
 * counted.
 */
export function handleRequest<K extends ClientRequestName>(
  socket: AnySocket,
  table: { readonly [P in K]: { readonly request: z.ZodType } },
  name: K,
  logger: Logger,
  handler: (payload: RequestOf<K>) => Promise<ResponseOf<K>>,
): void {
  // tsc needs the cast (K is a generic key of the typed event map); typescript-eslint cannot see why.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  socket.on(name as string, (payload: unknown, ack: unknown) => {
    const started = process.hrtime.bigint();
    const reply = (result: Result<ResponseOf<K>>) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      observers.get(socket.nsp.server)?.requestAnswered(name, seconds, result.ok ? undefined : result.error.code);
      if (!result.ok) logger.info({ code: result.error.code }, `${name} refused: ${result.error.message}`);
      if (typeof ack === 'function') ack(result);
      else if (!result.ok) socket.emit('protocol:error', { event: name, error: result.error });
    };
    const site: unknown = socket.data?.site?.code;
    const fields = { requestId: crypto.randomUUID(), request: name, ...(typeof site === 'string' && { site }) };
    void withLogContext(fields, async () => {
      const parsed = table[name].request.safeParse(payload);
      if (!parsed.success) {
        reply({
          ok: false,
          error: { code: 'invalid-request', message: `malformed ${name} message`, fields: fieldErrors(parsed.error) },
        });
        return;
      }
      try {
        reply({ ok: true, data: await handler(parsed.data as RequestOf<K>) });
      } catch (error) {
        reply({ ok: false, error: toProtocolError(error, logger) });
      }
    }).catch((error: unknown) => logger.error({ err: error, code: 'internal' }, `${name} could not be answered`));
  });
}

/** Unknown events get a clear answer instead of silence. */
export function rejectUnknownEvents(socket: AnySocket, known: readonly string[]): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (known.includes(event)) return;
    // Counted under one name: what a client makes up must not become a label.
    observers.get(socket.nsp.server)?.requestAnswered('unknown', 0, 'invalid-request');
    const error: ProtocolError = { code: 'invalid-request', message: `unknown message "${String(event).slice(0, 60)}"` };
    const ack = args.at(-1);
    if (typeof ack === 'function') ack({ ok: false, error });
    else socket.emit('protocol:error', { event: String(event).slice(0, 60), error });
  });
}
