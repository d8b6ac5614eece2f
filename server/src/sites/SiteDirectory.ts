import type { Knex } from 'knex';
import type { z } from 'zod';
import {
  PAGE_SIZE_MAX,
  type ContactInput,
  type ContactView,
  type Page,
  type SiteInput,
  type SiteKind,
  type SitePatch,
  type SiteSummary,
  type SiteView,
} from '@diemcau/shared';
import { DomainError } from '../errors';
import type { Database } from '../store/database';

export interface Site extends SiteSummary {
  id: number;
  unitId: number;
  /** Bumped when the site's kiosk link is rotated or revoked; tokens of older generations are refused. */
  kioskGeneration: number;
  kioskRevoked: boolean;
}

interface SiteRow {
  id: number;
  code: string;
  name: string;
  kind: SiteKind;
  unit_id: number;
  kiosk_generation: number;
  kiosk_revoked: number | boolean;
  room: string;
  equipment: string;
}

type Executor = Knex.Transaction | Database;

export const siteFromRow = (row: SiteRow): Site => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  unitId: row.unit_id,
  kioskGeneration: row.kiosk_generation,
  kioskRevoked: Boolean(row.kiosk_revoked),
});

export const summaryOf = (site: Site): SiteSummary => ({ code: site.code, name: site.name, kind: site.kind });

const contactFromRow = (row: { id: number; name: string; phone: string; email: string | null; on_duty: number | boolean }): ContactView => ({
  id: row.id,
  name: row.name,
  phone: row.phone,
  email: row.email,
  onDuty: Boolean(row.on_duty),
});

/** Sites (rooms) with their details, on-duty contacts (Art. 12.2) and kiosk credentials. */
export class SiteDirectory {
  constructor(private readonly db: Database) {}

  async findByCode(code: string, executor: Executor = this.db): Promise<Site | undefined> {
    const row = await executor<SiteRow>('sites').where({ code }).first();
    return row && siteFromRow(row);
  }

  async findById(id: number, executor: Executor = this.db): Promise<Site | undefined> {
    const row = await executor<SiteRow>('sites').where({ id }).first();
    return row && siteFromRow(row);
  }

  async list(): Promise<Site[]> {
    const rows = await this.db<SiteRow>('sites').orderBy([{ column: 'kind' }, { column: 'name' }]);
    return rows.map(siteFromRow);
  }

  async views(executor: Executor = this.db, where: { id?: number } = {}, page: Page = { limit: PAGE_SIZE_MAX, offset: 0 }): Promise<SiteView[]> {
    const rows = await executor<SiteRow>('sites')
      .where(where)
      .orderBy([{ column: 'kind' }, { column: 'name' }, { column: 'id' }])
      .limit(page.limit)
      .offset(page.offset);
    const contacts = await executor('site_contacts')
      .whereIn(
        'site_id',
        rows.map((row) => row.id),
      )
      .orderBy('id');
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      kind: row.kind,
      unitId: row.unit_id,
      room: row.room,
      equipment: JSON.parse(row.equipment) as string[],
      kioskRevoked: Boolean(row.kiosk_revoked),
      contacts: contacts.filter((contact) => contact.site_id === row.id).map(contactFromRow),
    }));
  }

  async view(id: number, executor: Executor = this.db): Promise<SiteView> {
    const [view] = await this.views(executor, { id });
    if (!view) throw new DomainError('not-found', 'no such site');
    return view;
  }

  async create(trx: Knex.Transaction, input: z.infer<typeof SiteInput>): Promise<SiteView> {
    if (await this.findByCode(input.code, trx)) throw new DomainError('conflict', `a site with code "${input.code}" exists`);
    await this.assertUnit(trx, input.unitId);
    const [row] = await trx('sites')
      .insert({ code: input.code, name: input.name, kind: input.kind, unit_id: input.unitId, room: input.room, equipment: JSON.stringify(input.equipment) })
      .returning('id');
    return this.view(typeof row === 'object' ? row.id : row, trx);
  }

  async update(trx: Knex.Transaction, id: number, patch: z.infer<typeof SitePatch>): Promise<SiteView> {
    if (patch.unitId !== undefined) await this.assertUnit(trx, patch.unitId);
    const changes: Partial<SiteRow> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.kind !== undefined) changes.kind = patch.kind;
    if (patch.unitId !== undefined) changes.unit_id = patch.unitId;
    if (patch.room !== undefined) changes.room = patch.room;
    if (patch.equipment !== undefined) changes.equipment = JSON.stringify(patch.equipment);
    if (Object.keys(changes).length > 0) await trx('sites').where({ id }).update(changes);
    return this.view(id, trx);
  }

  async addContact(trx: Knex.Transaction, siteId: number, contact: z.infer<typeof ContactInput>): Promise<ContactView> {
    const [row] = await trx('site_contacts')
      .insert({ site_id: siteId, name: contact.name, phone: contact.phone, email: contact.email, on_duty: contact.onDuty })
      .returning('id');
    const id = typeof row === 'object' ? row.id : row;
    return contactFromRow(await trx('site_contacts').where({ id }).first());
  }

  async removeContact(trx: Knex.Transaction, siteId: number, contactId: number): Promise<void> {
    const removed = await trx('site_contacts').where({ id: contactId, site_id: siteId }).delete();
    if (removed === 0) throw new DomainError('not-found', 'no such contact');
  }

  /** A new kiosk link generation: the old link stops working and the new one is valid again. */
  async rotateKiosk(trx: Knex.Transaction, siteId: number): Promise<Site> {
    await trx('sites')
      .where({ id: siteId })
      .update({ kiosk_generation: trx.raw('kiosk_generation + 1'), kiosk_revoked: false });
    return (await this.findById(siteId, trx))!;
  }

  /** No link works until the kiosk is rotated again. */
  async revokeKiosk(trx: Knex.Transaction, siteId: number): Promise<Site> {
    await trx('sites')
      .where({ id: siteId })
      .update({ kiosk_generation: trx.raw('kiosk_generation + 1'), kiosk_revoked: true });
    return (await this.findById(siteId, trx))!;
  }

  private async assertUnit(trx: Knex.Transaction, unitId: number): Promise<void> {
    if (!(await trx('units').where({ id: unitId }).first())) {
      throw new DomainError('invalid-request', 'no such unit', { fields: { unitId: 'no such unit' } });
    }
  }
}
