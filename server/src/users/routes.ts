import { Router } from 'express';
import { PageQuery, UserInput, UserPatch } from '@diemcau/shared';
import type { AuditLog } from '../audit/AuditLog';
import { hashPassword } from '../auth/passwords';
import type { UserSessions } from '../auth/UserSessions';
import { DomainError } from '../errors';
import { authorize } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { Database } from '../store/database';
import { userView, type UserDirectory } from './UserDirectory';

const idParam = (value: unknown) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new DomainError('not-found', 'no such user');
  return id;
};

/** User administration, for admins only. */
export function userRoutes(db: Database, users: UserDirectory, sessions: UserSessions, audit: AuditLog, now: () => Date): Router {
  const router = Router();

  router.get('/', async (request, response) => {
    authorize(request, 'users:manage');
    response.json((await users.list(parseInput(PageQuery, request.query, 'page'))).map(userView));
  });

  router.post('/', async (request, response) => {
    const principal = authorize(request, 'users:manage');
    const input = parseInput(UserInput, request.body);
    if (await users.byUsername(input.username)) {
      throw new DomainError('conflict', 'this username is taken', { fields: { username: 'taken' } });
    }
    const passwordHash = await hashPassword(input.password);
    const created = await db.transaction(async (trx) => {
      if (input.siteId !== null && !(await trx('sites').where({ id: input.siteId }).first())) {
        throw new DomainError('invalid-request', 'no such site', { fields: { siteId: 'no such site' } });
      }
      const user = await users.insert(trx, { ...input, passwordHash }, now());
      await audit.record(trx, principal, { action: 'user.create', entityType: 'user', entityId: user.id, after: userView(user) });
      return user;
    });
    response.status(201).json(userView(created));
  });

  router.patch('/:id', async (request, response) => {
    const principal = authorize(request, 'users:manage');
    const id = idParam(request.params.id);
    const patch = parseInput(UserPatch, request.body);
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    const updated = await db.transaction(async (trx) => {
      const before = await users.byId(id, trx);
      if (!before) throw new DomainError('not-found', 'no such user');
      const role = patch.role ?? before.role;
      const siteId = patch.siteId === undefined ? before.siteId : patch.siteId;
      if (role === 'site-technician' && siteId === null) {
        throw new DomainError('invalid-request', 'a site technician must be bound to a site', { fields: { siteId: 'required' } });
      }
      const after = await users.update(trx, id, {
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
        ...(patch.siteId !== undefined && { site_id: patch.siteId }),
        ...(patch.active !== undefined && { active: patch.active }),
        ...(passwordHash !== undefined && { password_hash: passwordHash }),
      });
      // A new password, a new role or a disabled account must not live on in tokens already handed out.
      const roleChanged = patch.role !== undefined && patch.role !== before.role;
      if (passwordHash || roleChanged || patch.active === false) await sessions.endAllSessions(trx, before, 'user.sessions-ended');
      await audit.record(trx, principal, { action: 'user.update', entityType: 'user', entityId: id, before: userView(before), after: userView(after!) });
      return after!;
    });
    response.json(userView(updated));
  });
  return router;
}
