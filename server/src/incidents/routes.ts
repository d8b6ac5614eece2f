import { Router } from 'express';
import { z } from 'zod';
import { IncidentInput, IncidentUpdate } from '@diemcau/shared';
import { authorize } from '../http/authentication';
import { idParam, parseInput } from '../http/validation';
import type { IncidentLog } from './IncidentLog';

const IncidentQuery = z
  .object({
    open: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    siteId: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const Resolution = z.object({ resolution: z.string().trim().min(3).max(4000) }).strict();

/** The incident log (Art. 7.1.d, 8.2): technicians of a site see and handle its own; the bridge all. */
export function incidentRoutes(incidents: IncidentLog): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    const principal = authorize(request, 'incident:read');
    const query = parseInput(IncidentQuery, request.query, 'incident query');
    response.json(
      await incidents.list(principal, {
        limit: query.limit,
        ...(query.open !== undefined && { open: query.open }),
        ...(query.siteId && { siteId: query.siteId }),
      }),
    );
  });
  router.post('/', async (request, response) => {
    const principal = authorize(request, 'incident:handle');
    response.status(201).json(await incidents.open(principal, parseInput(IncidentInput, request.body)));
  });
  router.patch('/:id', async (request, response) => {
    const principal = authorize(request, 'incident:handle');
    response.json(await incidents.update(principal, idParam(request.params.id, 'incident'), parseInput(IncidentUpdate, request.body)));
  });
  router.post('/:id/close', async (request, response) => {
    const principal = authorize(request, 'incident:handle');
    response.json(await incidents.close(principal, idParam(request.params.id, 'incident'), parseInput(Resolution, request.body).resolution));
  });
  return router;
}
