import { Router } from 'express';
import { z } from 'zod';
import { authorize } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { AuditLog } from './AuditLog';

const AuditQuery = z
  .object({
    entityType: z.string().max(30).optional(),
    entityId: z.string().max(60).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    beforeId: z.coerce.number().int().positive().optional(),
  })
  .strict();

/** Read-only view of the audit log for admins and auditors (Art. 14). */
export function auditRoutes(audit: AuditLog): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    authorize(request, 'audit:read');
    const query = parseInput(AuditQuery, request.query, 'audit query');
    response.json(
      await audit.list({
        limit: query.limit,
        ...(query.entityType && { entityType: query.entityType }),
        ...(query.entityId && { entityId: query.entityId }),
        ...(query.beforeId && { beforeId: query.beforeId }),
      }),
    );
  });
  return router;
}
