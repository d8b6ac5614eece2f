import { Router } from 'express';
import { BookingCheckRequest, CalendarQuery, Decision, Invitation, MeetingRequest } from '@diemcau/shared';
import { z } from 'zod';
import type { CheckLog } from '../checks/CheckLog';
import { authorize } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { MeetingRegister } from './MeetingRegister';

/** The calendar and the booking workflow. Each route checks the role, then calls the register. */
/** Marking prepared; the reason is needed only to override sites that have not passed their check. */
const Preparation = z.object({ overrideReason: z.string().trim().min(3).max(1000).optional() }).strict();

export function meetingRoutes(register: MeetingRegister, checks: CheckLog): Router {
  const router = Router();

  router.get('/', async (request, response) => {
    authorize(request, 'meeting:read');
    response.json(await register.calendar(parseInput(CalendarQuery, request.query, 'calendar query')));
  });
  router.post('/check', async (request, response) => {
    authorize(request, 'meeting:request');
    response.json(await register.check(parseInput(BookingCheckRequest, request.body)));
  });
  router.post('/', async (request, response) => {
    const principal = authorize(request, 'meeting:request');
    response.status(201).json(await register.request(principal, parseInput(MeetingRequest, request.body)));
  });
  router.get('/:id', async (request, response) => {
    authorize(request, 'meeting:read');
    response.json(register.view(await register.get(request.params.id)));
  });
  router.post('/:id/approve', async (request, response) => {
    response.json(await register.approve(authorize(request, 'meeting:decide'), request.params.id));
  });
  router.post('/:id/reject', async (request, response) => {
    const principal = authorize(request, 'meeting:decide');
    response.json(await register.reject(principal, request.params.id, parseInput(Decision, request.body).reason));
  });
  router.post('/:id/cancel', async (request, response) => {
    const principal = authorize(request, 'meeting:request');
    response.json(await register.cancel(principal, request.params.id, parseInput(Decision, request.body).reason));
  });
  router.put('/:id/invitation', async (request, response) => {
    const principal = authorize(request, 'meeting:request');
    response.json(await register.recordInvitation(principal, request.params.id, parseInput(Invitation, request.body)));
  });
  router.post('/:id/prepare', async (request, response) => {
    const principal = authorize(request, 'meeting:decide');
    const { overrideReason } = parseInput(Preparation, request.body ?? {});
    response.json(await register.markPrepared(principal, request.params.id, overrideReason, (siteIds) => checks.unreadySites(siteIds)));
  });
  router.post('/:id/open', async (request, response) => {
    response.json(await register.open(authorize(request, 'meeting:operate'), request.params.id));
  });
  router.post('/:id/close', async (request, response) => {
    response.json(await register.close(authorize(request, 'meeting:operate'), request.params.id));
  });
  return router;
}
