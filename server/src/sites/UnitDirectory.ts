import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Page, UnitInput, UnitPatch, UnitView } from '@diemcau/shared';
import { DomainError } from '../errors';
import type { Database } from '../store/database';

/** The units of the regulation: committees, the Office, departments, the telecom provider (Art. 10–13). */
export class UnitDirectory {
  constructor(private readonly db: Database) {}

  list(page: Page): Promise<UnitView[]> {
    return this.db('units')
      .select('id', 'code', 'name', 'kind')
      .orderBy([{ column: 'name' }, { column: 'id' }])
      .limit(page.limit)
      .offset(page.offset);
  }

  async create(trx: Knex.Transaction, input: z.infer<typeof UnitInput>): Promise<UnitView> {
    if (await trx('units').where({ code: input.code }).first()) {
      throw new DomainError('conflict', `a unit with code "${input.code}" exists`, { fields: { code: 'taken' } });
    }
    const [row] = await trx('units').insert(input).returning('id');
    return this.byId(trx, typeof row === 'object' ? row.id : row);
  }

  async update(trx: Knex.Transaction, id: number, patch: z.infer<typeof UnitPatch>): Promise<{ before: UnitView; after: UnitView }> {
    const before = await this.byId(trx, id);
    if (Object.keys(patch).length > 0) await trx('units').where({ id }).update(patch);
    return { before, after: await this.byId(trx, id) };
  }

  async byId(executor: Knex.Transaction | Database, id: number): Promise<UnitView> {
    const unit = await executor('units').select('id', 'code', 'name', 'kind').where({ id }).first();
    if (!unit) throw new DomainError('not-found', 'no such unit');
    return unit;
  }
}
