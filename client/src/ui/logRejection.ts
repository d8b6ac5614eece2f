/**
 * The `.catch` of a fire-and-forget (a click handler, a cleanup): nothing awaits it, so a failure would
 * otherwise surface as an unhandled rejection with no context. The stack says where it came from.
 */
export function logRejection(error: unknown): void {
  console.error('an action nobody waited for failed', error);
}
