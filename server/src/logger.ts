import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

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

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'diemcau' },
    // A child logger's own binding (a room's meeting) wins over the request's context.
    mixin: (_merge, _level, logger) => {
      const store = context.getStore();
      if (!store) return {};
      const bound = logger.bindings();
      return Object.fromEntries(Object.entries(store).filter(([key]) => !(key in bound)));
    },
  });
}
