import type { Knex } from 'knex';

/** Pre-session checks, incidents, and what the register needs to remind and gate preparation. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('site_checks', (table) => {
    table.increments('id');
    table.integer('site_id').notNullable().references('sites.id').onDelete('CASCADE');
    table.string('meeting_id', 40).references('meetings.id').onDelete('SET NULL');
    table.integer('run_by').references('users.id');
    table.string('run_at', 30).notNullable();
    table.string('verdict', 10).notNullable();
    /** JSON: the measurements as taken, and each item's verdict against its threshold. */
    table.text('measurements').notNullable();
    table.text('items').notNullable();
    table.index(['site_id', 'run_at']);
  });
  await db.schema.createTable('incidents', (table) => {
    table.increments('id');
    table.integer('site_id').notNullable().references('sites.id').onDelete('CASCADE');
    table.string('meeting_id', 40).references('meetings.id').onDelete('SET NULL');
    table.string('type', 20).notNullable();
    table.string('opened_at', 30).notNullable();
    table.string('closed_at', 30);
    /** Who opened it: `system` for the automatic ones, else `user:<name>`. */
    table.string('opened_by', 120).notNullable();
    table.boolean('automatic').notNullable().defaultTo(false);
    table.text('summary').notNullable().defaultTo('');
    table.string('handled_by', 200).notNullable().defaultTo('');
    table.text('actions').notNullable().defaultTo('');
    table.text('resolution').notNullable().defaultTo('');
    table.integer('downtime_seconds');
    table.index(['site_id', 'opened_at']);
    table.index(['closed_at']);
  });
  await db.schema.alterTable('meetings', (table) => {
    /** When the preparation reminder went out, so it goes out once. */
    table.string('reminded_at', 30);
    /** The Office's reason for marking the meeting prepared without every site passing its check. */
    table.text('preparation_override');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('meetings', (table) => {
    table.dropColumn('reminded_at');
    table.dropColumn('preparation_override');
  });
  await db.schema.dropTable('incidents');
  await db.schema.dropTable('site_checks');
}
