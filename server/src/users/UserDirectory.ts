import type { Knex } from 'knex';
import type { Page, Role, UserView } from '@diemcau/shared';
import { toDbTime, type Database } from '../store/database';

export interface UserRecord extends UserView {
  passwordHash: string;
  sessionVersion: number;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  unit_id: number | null;
  site_id: number | null;
  active: number | boolean;
  session_version: number;
}

const fromRow = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  unitId: row.unit_id,
  siteId: row.site_id,
  active: Boolean(row.active),
  passwordHash: row.password_hash,
  sessionVersion: row.session_version,
});

export const userView = ({ passwordHash: _hash, sessionVersion: _version, ...view }: UserRecord): UserView => view;

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  siteId: number | null;
  passwordHash: string;
}

export class UserDirectory {
  constructor(private readonly db: Database) {}

  async byId(id: number, trx: Knex.Transaction | Database = this.db): Promise<UserRecord | undefined> {
    const row = await trx<UserRow>('users').where({ id }).first();
    return row && fromRow(row);
  }

  async byUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db<UserRow>('users').where({ username }).first();
    return row && fromRow(row);
  }

  async list(page: Page): Promise<UserRecord[]> {
    return (await this.db<UserRow>('users').orderBy('username').limit(page.limit).offset(page.offset)).map(fromRow);
  }

  async idsWithRole(roles: readonly Role[], trx: Knex.Transaction | Database = this.db): Promise<number[]> {
    const rows = await trx('users').whereIn('role', roles).andWhere('active', true).select('id');
    return rows.map((row) => row.id as number);
  }

  async insert(trx: Knex.Transaction, user: NewUser, now: Date): Promise<UserRecord> {
    const [row] = await trx('users')
      .insert({
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        unit_id: user.unitId,
        site_id: user.siteId,
        password_hash: user.passwordHash,
        created_at: toDbTime(now),
      })
      .returning('id');
    return (await this.byId(typeof row === 'object' ? row.id : row, trx))!;
  }

  async update(trx: Knex.Transaction, id: number, changes: Partial<Omit<UserRow, 'id'>>): Promise<UserRecord | undefined> {
    // An empty patch changes nothing (and knex refuses an empty update).
    if (Object.keys(changes).length > 0) await trx('users').where({ id }).update(changes);
    return this.byId(id, trx);
  }
}
