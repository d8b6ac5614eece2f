import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { Notifications } from './Notifications';

const MarkRead = z.object({ ids: z.union([z.array(z.number().int().positive()).max(500), z.literal('all')]) }).strict();

/** Each user's own notifications; nobody reads or marks another's. */
export function notificationRoutes(notifications: Notifications): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    response.json(await notifications.listFor(principalOf(request).userId));
  });
  router.post('/read', async (request, response) => {
    await notifications.markRead(principalOf(request).userId, parseInput(MarkRead, request.body).ids);
    response.status(204).end();
  });
  return router;
}
