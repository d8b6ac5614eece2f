import type { Knex } from 'knex';
import { entryHash, GENESIS } from '../../audit/chain';

/**
 * Issue 11:
 *  - what opened an automatic incident, so the dropout watch and the monitor each close only their own;
 *  - the audit log's hash chain: each entry seals the one before, and one head row holds the end of the
 *    chain (updating it first serialises audit writes, so the chain never forks under concurrent writes);
 *  - what the chair decided for a live meeting (ConferenceSnapshot as JSON), restored after a restart.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incidents', (table) => {
    /** `dropout` (the dropout watch) or `degraded` (the monitor); null for incidents opened by hand. */
    table.string('cause', 20);
  });
  // Before this, automatic incidents were nearly all the dropout watch's.
  await db('incidents').where({ automatic: true }).update({ cause: 'dropout' });

  await db.schema.alterTable('audit_log', (table) => {
    table.string('prev_hash', 64);
    table.string('hash', 64);
  });
  await db.schema.createTable('audit_chain', (table) => {
    table.integer('id').primary();
    /** Entries in the chain, and the last one's id and hash: removing entries at the end shows too. */
    table.integer('length').notNullable();
    table.integer('last_id').notNullable();
    table.string('last_hash', 64).notNullable();
  });
  // Seal the entries written before the chain existed, in order.
  let previous = GENESIS;
  let length = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db('audit_log').where('id', '>', lastId).orderBy('id').limit(500);
    if (rows.length === 0) break;
    for (const row of rows) {
      const hash = entryHash(previous, row);
      await db('audit_log').where({ id: row.id }).update({ prev_hash: previous, hash });
      previous = hash;
      lastId = row.id;
      length++;
    }
  }
  await db('audit_chain').insert({ id: 1, length, last_id: lastId, last_hash: previous });

  await db.schema.createTable('conference_states', (table) => {
    table.string('meeting_id', 40).primary().references('meetings.id').onDelete('CASCADE');
    table.text('snapshot').notNullable();
    table.string('saved_at', 30).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('conference_states');
  await db.schema.dropTable('audit_chain');
  await db.schema.alterTable('audit_log', (table) => {
    table.dropColumn('prev_hash');
    table.dropColumn('hash');
  });
  await db.schema.alterTable('incidents', (table) => {
    table.dropColumn('cause');
  });
}
