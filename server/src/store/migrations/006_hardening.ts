import type { Knex } from 'knex';

/** Issue 11: what opened an automatic incident, so the dropout watch and the monitor each close only their own. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incidents', (table) => {
    /** `dropout` (the dropout watch) or `degraded` (the monitor); null for incidents opened by hand. */
    table.string('cause', 20);
  });
  // Before this, every automatic incident was the dropout watch's unless the monitor opened it for a degraded line.
  await db('incidents').where({ automatic: true }).update({ cause: 'dropout' });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incidents', (table) => {
    table.dropColumn('cause');
  });
}
