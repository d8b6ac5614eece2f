import { parse as parseCookies } from 'cookie';
import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { LoginRequest, normaliseUsername, REFRESH_COOKIE, RefreshToken } from '@diemcau/shared';
import { DomainError } from '../errors';
import { principalOf } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { UserDirectory } from '../users/UserDirectory';
import { userView } from '../users/UserDirectory';
import type { IssuedSession, UserSessions } from './UserSessions';

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
    respondWithSession(request, response, await sessions.login(username, password));
  });
  router.post('/refresh', async (request, response) => {
    const refreshToken = refreshTokenOf(request);
    if (!refreshToken) throw new DomainError('unauthenticated', 'no session; log in');
    respondWithSession(request, response, await sessions.refresh(refreshToken));
  });
  router.post('/logout', async (request, response) => {
    const refreshToken = refreshTokenOf(request);
    if (refreshToken) await sessions.logout(refreshToken);
    response.clearCookie(REFRESH_COOKIE.name, cookieOptions(request));
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

/**
 * The refresh token lives in an HttpOnly, SameSite=Strict cookie sent only to
 * /api/auth: page scripts (and so an injected one) never read it, and other
 * sites cannot make the browser send it. Secure whenever the page came over HTTPS.
 */
const cookieOptions = (request: Request) => ({ httpOnly: true, sameSite: 'strict' as const, secure: request.secure, path: REFRESH_COOKIE.path });

function respondWithSession(request: Request, response: Response, issued: IssuedSession): void {
  response.cookie(REFRESH_COOKIE.name, issued.refreshToken, { ...cookieOptions(request), expires: issued.refreshExpiresAt });
  response.json(issued.session);
}

function refreshTokenOf(request: Request): string | undefined {
  const parsed = RefreshToken.safeParse(parseCookies(request.headers.cookie ?? '')[REFRESH_COOKIE.name]);
  return parsed.success ? parsed.data : undefined;
}
