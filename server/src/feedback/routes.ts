import { Router } from 'express';
import { FeedbackAnswer, FeedbackClose, FeedbackForward, FeedbackInput } from '@diemcau/shared';
import { DomainError } from '../errors';
import { can } from '../auth/permissions';
import { authorize, principalOf } from '../http/authentication';
import { idParam, parseInput } from '../http/validation';
import type { FeedbackLog } from './FeedbackLog';

/** Feedback and proposals to the Department (Art. 12.3, 15.3). */
export function feedbackRoutes(feedback: FeedbackLog): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    const principal = principalOf(request);
    if (!can(principal, 'feedback:write') && !can(principal, 'feedback:read-all')) throw new DomainError('forbidden', 'your role may not read feedback');
    response.json(await feedback.list(principal));
  });
  router.post('/', async (request, response) => {
    const principal = authorize(request, 'feedback:write');
    response.status(201).json(await feedback.submit(principal, parseInput(FeedbackInput, request.body)));
  });
  router.post('/:id/answer', async (request, response) => {
    const principal = authorize(request, 'feedback:handle');
    response.json(await feedback.answer(principal, idParam(request.params.id, 'feedback'), parseInput(FeedbackAnswer, request.body).answer));
  });
  router.post('/:id/forward', async (request, response) => {
    const principal = authorize(request, 'feedback:handle');
    const { to, note } = parseInput(FeedbackForward, request.body);
    response.json(await feedback.forward(principal, idParam(request.params.id, 'feedback'), to, note));
  });
  router.post('/:id/close', async (request, response) => {
    const principal = authorize(request, 'feedback:handle');
    response.json(await feedback.close(principal, idParam(request.params.id, 'feedback'), parseInput(FeedbackClose, request.body ?? {}).answer));
  });
  return router;
}
