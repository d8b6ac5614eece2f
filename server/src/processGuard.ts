import type { Logger } from './logger';

/**
 * A promise that nobody caught must not end every meeting on the bridge: Node's
 * default is to exit. The bug behind it is logged loudly, and the bridge keeps
 * serving; the room whose worker failed has already closed through its router.
 */
export function keepServingOnUnhandledRejection(logger: Logger, target: NodeJS.EventEmitter = process): void {
  target.on('unhandledRejection', (reason: unknown) => {
    logger.error({ err: reason, code: 'unhandled-rejection' }, 'a promise failed and nobody handled it; the bridge keeps serving');
  });
}
