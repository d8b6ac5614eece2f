import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import jwt from 'jsonwebtoken';
import type { Knex } from 'knex';
import { z } from 'zod';
import { normaliseUsername, type Session } from '@diemcau/shared';
import type { AuditLog } from '../audit/AuditLog';
import { DomainError } from '../errors';
import { toDbTime, fromDbTime, type Database } from '../store/database';
import { userView, type UserDirectory, type UserRecord } from '../users/UserDirectory';
import type { ConcurrencyGate } from './ConcurrencyGate';
import { verifyPassword } from './passwords';
import type { Principal } from './permissions';

const AUDIENCE = 'diemcau-user';
const ACCESS_MINUTES = 15;
const REFRESH_HOURS = 12;

const AccessClaims = z.object({ sub: z.string(), sv: z.number().int(), exp: z.number().int() });

/** A session handed out: what the page may see, and the refresh token for the HttpOnly cookie. */
export interface IssuedSession {
  session: Session;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');

export const principalOf = (user: UserRecord): Principal => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  siteId: user.siteId,
  unitId: user.unitId,
});

/**
 * Password login with short-lived access tokens (JWT, checked against the
 * user's session version on every use, so logout and disabling take effect at
 * once) and rotating refresh tokens stored only as hashes. Presenting a refresh
 * token that was already used ends every session of that user: it was stolen.
 * `ended` tells the live connections of a user whose sessions were ended, once
 * that is committed.
 */
export class UserSessions extends EventEmitter<{ ended: [userId: number] }> {
  constructor(
    private readonly db: Database,
    private readonly users: UserDirectory,
    private readonly audit: AuditLog,
    private readonly secret: string,
    private readonly now: () => Date,
    private readonly hashing: ConcurrencyGate,
  ) {
    super();
  }

  async login(username: string, password: string): Promise<IssuedSession> {
    const user = await this.users.byUsername(normaliseUsername(username));
    // Verify against a dummy hash for unknown users too, so timing does not reveal which usernames exist.
    const ok = await this.hashing.run(() => verifyPassword(password, user?.passwordHash ?? DUMMY_HASH));
    if (!user || !ok || !user.active) {
      throw new DomainError('invalid-credentials', 'wrong username or password');
    }
    return this.db.transaction(async (trx) => {
      await this.audit.record(trx, principalOf(user), { action: 'auth.login', entityType: 'user', entityId: user.id });
      return this.issue(trx, user);
    });
  }

  async refresh(refreshToken: string): Promise<IssuedSession> {
    const outcome = await this.db.transaction(async (trx) => {
      const row = await trx('refresh_tokens')
        .where({ token_hash: sha256(refreshToken) })
        .first();
      if (!row) return 'unknown' as const;
      const user = await this.users.byId(row.user_id, trx);
      if (row.revoked_at !== null) {
        if (row.revoked_reason !== 'rotated') return 'expired' as const;
        // Committed before refusing: a replayed token means it was stolen, so every session ends.
        if (user) await this.endAllSessions(trx, user, 'auth.refresh-reuse');
        return 'reused' as const;
      }
      if (fromDbTime(row.expires_at) <= this.now() || !user || !user.active) return 'expired' as const;
      await trx('refresh_tokens')
        .where({ id: row.id })
        .update({ revoked_at: toDbTime(this.now()), revoked_reason: 'rotated' });
      return this.issue(trx, user);
    });
    if (outcome === 'unknown') throw new DomainError('unauthenticated', 'session not found; log in again');
    if (outcome === 'reused') throw new DomainError('unauthenticated', 'session was already used; log in again');
    if (outcome === 'expired') throw new DomainError('unauthenticated', 'session expired; log in again');
    return outcome;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const row = await trx('refresh_tokens')
        .where({ token_hash: sha256(refreshToken) })
        .first();
      if (!row || row.revoked_at !== null) return;
      await trx('refresh_tokens')
        .where({ id: row.id })
        .update({ revoked_at: toDbTime(this.now()), revoked_reason: 'logout' });
      const user = await this.users.byId(row.user_id, trx);
      if (user) await this.audit.record(trx, principalOf(user), { action: 'auth.logout', entityType: 'user', entityId: user.id });
    });
  }

  /** Voids every access and refresh token of the user (logout everywhere, password change, disabling). */
  async endAllSessions(trx: Knex.Transaction, user: UserRecord, action: string): Promise<void> {
    await trx('refresh_tokens')
      .where({ user_id: user.id })
      .whereNull('revoked_at')
      .update({ revoked_at: toDbTime(this.now()), revoked_reason: 'ended' });
    await trx('users').where({ id: user.id }).increment('session_version', 1);
    await this.audit.record(trx, { system: 'auth' }, { action, entityType: 'user', entityId: user.id });
    // Rolled back, nothing ended; committed, the user's sockets go too.
    trx.executionPromise.then(
      () => this.emit('ended', user.id),
      () => undefined,
    );
  }

  /** The principal behind an access token, or an `unauthenticated` error saying why not. */
  async verifyAccess(token: string): Promise<Principal> {
    return (await this.verifyAccessUntil(token)).principal;
  }

  /** As verifyAccess, with the moment the token runs out (a connection made with it must end then). */
  async verifyAccessUntil(token: string): Promise<{ principal: Principal; expiresAt: Date }> {
    let claims;
    try {
      claims = AccessClaims.parse(
        jwt.verify(token, this.secret, { algorithms: ['HS256'], audience: AUDIENCE, clockTimestamp: Math.floor(this.now().getTime() / 1000) }),
      );
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw new DomainError('token-expired', 'session expired; refresh it');
      throw new DomainError('unauthenticated', 'not logged in');
    }
    const user = await this.users.byId(Number(claims.sub));
    if (!user || !user.active || user.sessionVersion !== claims.sv) {
      throw new DomainError('unauthenticated', 'session has ended; log in again');
    }
    return { principal: principalOf(user), expiresAt: new Date(claims.exp * 1000) };
  }

  private async issue(trx: Knex.Transaction, user: UserRecord): Promise<IssuedSession> {
    const now = this.now();
    const accessExpiresAt = new Date(now.getTime() + ACCESS_MINUTES * 60_000);
    const accessToken = jwt.sign(
      { sv: user.sessionVersion, exp: Math.floor(accessExpiresAt.getTime() / 1000), iat: Math.floor(now.getTime() / 1000) },
      this.secret,
      {
        algorithm: 'HS256',
        audience: AUDIENCE,
        subject: String(user.id),
      },
    );
    const refreshToken = crypto.randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(now.getTime() + REFRESH_HOURS * 3_600_000);
    await trx('refresh_tokens').insert({
      id: crypto.randomUUID(),
      user_id: user.id,
      token_hash: sha256(refreshToken),
      expires_at: toDbTime(refreshExpiresAt),
      revoked_at: null,
      created_at: toDbTime(now),
    });
    return { session: { accessToken, accessExpiresAt: accessExpiresAt.toISOString(), user: userView(user) }, refreshToken, refreshExpiresAt };
  }
}

/** A valid scrypt hash of a random password nobody knows. */
const DUMMY_HASH = 'scrypt$32768$8$1$7dJm1f0A8xQ2w1n2b3c4dA$Zk0Gm8mC8gC5r0mW1yq0QbX6cQ4dTQ0m6f1m7Yh3b2A';
