import { Router, type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { LoginRequest, normaliseUsername, RefreshRequest } from '@diemcau/shared';
import { DomainError } from '../errors';
import { principalOf } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { UserDirectory } from '../users/UserDirectory';
import { userView } from '../users/UserDirectory';
import type { UserSessions } from './UserSessions';

export interface LoginLimits {
  /** Failed logins per account, from anywhere. */
  attemptsPerMinute: number;
  /** Failed logins per address, whatever the accounts tried. */
  attemptsPerAddressPerMinute: number;
}

/**
 * Login, refresh, logout. Failed logins are limited per account (on the
 * normalised username, the one login looks up, so ` admin` and `ADMIN` share
 * the budget of `admin`) and per address (so one address cannot walk through
 * many accounts).
 */
export function authRoutes(sessions: UserSessions, users: UserDirectory, limits: LoginLimits): Router {
  const router = Router();
  const limitFailures = (limit: number, keyGenerator: (request: Request) => string) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Only failed attempts count: a user who logs in often is not locked out.
      skipSuccessfulRequests: true,
      keyGenerator,
      handler: (_request, _response, next) => next(new DomainError('rate-limited', 'too many login attempts; wait a minute')),
    });
  const perAddress = limitFailures(limits.attemptsPerAddressPerMinute, (request) => `address:${ipKeyGenerator(request.ip ?? '')}`);
  const perAccount = limitFailures(limits.attemptsPerMinute, (request) => `account:${accountKey(request.body)}`);

  router.post('/login', perAddress, perAccount, async (request, response) => {
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

/** The account a login body names, as login will look it up; bodies without a name share one key. */
function accountKey(body: unknown): string {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? normaliseUsername(username) : '';
}
