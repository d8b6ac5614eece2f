import type { RequestHandler } from 'express';
import type { Bridge } from '../media/Bridge';

/** GET /healthz: ok while at least one SFU worker lives. */
export function healthRoute(bridge: Bridge): RequestHandler {
  return (_request, response) => {
    const workers = bridge.liveWorkers;
    response.status(workers > 0 ? 200 : 503).json({
      status: workers > 0 ? 'ok' : 'degraded',
      workers,
      rooms: bridge.roomCount,
    });
  };
}
