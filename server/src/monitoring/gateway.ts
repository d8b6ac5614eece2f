import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import type { Server } from 'socket.io';
import { can } from '../auth/permissions';
import { DomainError } from '../errors';
import type { UserSockets } from '../signaling/userSockets';
import type { Monitor } from './Monitor';

/**
 * `/monitor`: bridge technicians (and the Office and chair) watch the samples
 * and alarms live. A new watcher gets the latest sample and the alarm timeline
 * at once.
 */
export function attachMonitorGateway(io: Server, monitor: Monitor, userSockets: UserSockets): { close(): void } {
  const namespace = io.of('/monitor');
  userSockets.guard(namespace, (principal) => {
    if (!can(principal, 'monitor:read')) throw new DomainError('forbidden', 'your role may not watch the bridge');
  });
  namespace.on('connection', (socket) => {
    socket.onAny(() => socket.emit('protocol:error', { event: 'any', error: { code: 'invalid-request', message: 'the monitor only sends' } }));
    for (const alarm of monitor.timeline) socket.emit('monitor:alarm', alarm);
    if (monitor.latest) socket.emit('monitor:sample', monitor.latest);
  });
  const sample = (payload: unknown) => namespace.emit('monitor:sample', payload);
  const alarm = (payload: unknown) => namespace.emit('monitor:alarm', payload);
  monitor.on('sample', sample);
  monitor.on('alarm', alarm);
  return {
    close() {
      monitor.off('sample', sample);
      monitor.off('alarm', alarm);
      namespace.disconnectSockets(true);
    },
  };
}

/** Prometheus scraping, protected by its own bearer token rather than a user's session. */
export function metricsEndpoint(registry: Registry, token: string): RequestHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (request, response) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      response
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ error: { code: 'unauthenticated', message: 'metrics need their bearer token' } });
      return;
    }
    response.type(registry.contentType).send(await registry.metrics());
  };
}
