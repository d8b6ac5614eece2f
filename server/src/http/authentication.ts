import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, type Permission, type Principal } from '../auth/permissions';
import type { UserSessions } from '../auth/UserSessions';
import { DomainError } from '../errors';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** Resolves the bearer access token, if any, to `request.principal`. */
export function authenticate(sessions: UserSessions): RequestHandler {
  return async (request: Request, _response: Response, next: NextFunction) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) request.principal = await sessions.verifyAccess(header.slice(7));
    next();
  };
}

export function principalOf(request: Request): Principal {
  if (!request.principal) throw new DomainError('unauthenticated', 'not logged in');
  return request.principal;
}

/** Refuses the request unless its principal holds the permission (for the site, where one is named). */
export function authorize(request: Request, permission: Permission, scope: { siteId?: number } = {}): Principal {
  const principal = principalOf(request);
  if (!can(principal, permission, scope)) throw new DomainError('forbidden', `your role may not do this (${permission})`);
  return principal;
}
