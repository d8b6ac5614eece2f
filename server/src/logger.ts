import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** What a log line is about: the meeting, the site and the signaling request it was written for. */
export interface LogContext {
  requestId?: string;
  request?: string;
  meeting?: string;
  site?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/**
 * Runs `work` with its own log context: every line logged while it runs, in
 * whatever module and however deep in its promises, carries those fields.
 */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, work);
}

/** Adds what became known during the work (the meeting a peer turned out to be in) to the current context. */
export function addLogContext(fields: LogContext): void {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
}

function codeOf(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : 'internal';
}

/** JSON lines to stdout (journald keeps them), or to `destination` (tests read them). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'diemcau' },
      mixin: (merge, _level, logger) => {
        const store = context.getStore() ?? {};
        const bound = logger.bindings();
        // A child logger's own binding (a room's meeting) wins over the request's context.
        const fields: Record<string, unknown> = Object.fromEntries(Object.entries(store).filter(([key]) => !(key in bound)));
        // Every error line carries a code to search by: the error's own (a domain code, a system errno name) or `internal`.
        if ('err' in merge && !('code' in merge)) fields.code = codeOf(merge.err);
        return fields;
      },
    },
    destination,
  );
}
