import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { LoginRequest, RefreshRequest } from '@diemcau/shared';
import { DomainError } from '../errors';
import { principalOf } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { UserDirectory } from '../users/UserDirectory';
import { userView } from '../users/UserDirectory';
import type { UserSessions } from './UserSessions';

/** Login, refresh, logout. Login attempts are limited per address and username against password guessing. */
export function authRoutes(sessions: UserSessions, users: UserDirectory, options: { loginAttemptsPerMinute: number }): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: 60_000,
    limit: options.loginAttemptsPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failed attempts count: a user who logs in often is not locked out.
    skipSuccessfulRequests: true,
    keyGenerator: (request) => `${ipKeyGenerator(request.ip ?? '')}:${String(request.body?.username ?? '').toLowerCase()}`,
    handler: (_request, _response, next) => next(new DomainError('rate-limited', 'too many login attempts; wait a minute')),
  });

  router.post('/login', loginLimiter, async (request, response) => {
    const { username, password } = parseInput(LoginRequest, request.body);
    response.json(await sessions.login(username, password));
  });
  router.post('/refresh', async (request, response) => {
    response.json(await sessions.refresh(parseInput(RefreshRequest, request.body).refreshToken));
  });
  router.post('/logout', async (request, response) => {
    await sessions.logout(parseInput(RefreshRequest, request.body).refreshToken);
    response.status(204).end();
  });
  router.get('/me', async (request, response) => {
    const user = await users.byId(principalOf(request).userId);
    if (!user) throw new DomainError('unauthenticated', 'not logged in');
    response.json(userView(user));
  });
  return router;
}
