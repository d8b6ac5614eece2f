import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { fieldErrors, type ClientRequestName, type ProtocolError, type RequestOf, type ResponseOf, type Result } from '@diemcau/shared';
import { DomainError } from '../errors';
import type { Logger } from '../logger';

type AnySocket = Socket<any, any, any, any>;

export function toProtocolError(error: unknown, logger: Logger): ProtocolError {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  // mediasoup rejects bad parameters with TypeError/UnsupportedError; those are the caller's fault.
  if (error instanceof Error && /TypeError|UnsupportedError/.test(error.name)) {
    return { code: 'media-error', message: error.message };
  }
  logger.error({ err: error }, 'request failed');
  return { code: 'internal', message: 'internal error' };
}

/**
 * Registers the handler of one client request: the payload is validated with
 * its shared schema before the handler sees it, and every outcome, including a
 * thrown error, is answered through the acknowledgement. Nothing a client sends
 * can throw out of here.
 */
export function handleRequest<K extends ClientRequestName>(
  socket: AnySocket,
  table: { readonly [P in K]: { readonly request: z.ZodType } },
  name: K,
  logger: Logger,
  handler: (payload: RequestOf<K>) => Promise<ResponseOf<K>>,
): void {
  socket.on(name as string, async (payload: unknown, ack: unknown) => {
    const reply = (result: Result<ResponseOf<K>>) => {
      if (typeof ack === 'function') ack(result);
      else if (!result.ok) socket.emit('protocol:error', { event: name, error: result.error });
    };
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
  });
}

/** Unknown events get a clear answer instead of silence. */
export function rejectUnknownEvents(socket: AnySocket, known: readonly string[]): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (known.includes(event)) return;
    const error: ProtocolError = { code: 'invalid-request', message: `unknown message "${String(event).slice(0, 60)}"` };
    const ack = args.at(-1);
    if (typeof ack === 'function') ack({ ok: false, error });
    else socket.emit('protocol:error', { event: String(event).slice(0, 60), error });
  });
}
