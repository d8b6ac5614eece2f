import type { Knex } from 'knex';

/** Units, their sites, and meetings with the sites that take part. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('units', (table) => {
    table.increments('id');
    table.string('code', 40).notNullable().unique();
    table.string('name', 200).notNullable();
    table.string('kind', 40).notNullable();
  });
  await db.schema.createTable('sites', (table) => {
    table.increments('id');
    table.string('code', 40).notNullable().unique();
    table.string('name', 200).notNullable();
    table.string('kind', 20).notNullable();
    table.integer('unit_id').notNullable().references('units.id');
    table.integer('kiosk_generation').notNullable().defaultTo(1);
  });
  await db.schema.createTable('meetings', (table) => {
    table.string('id', 40).primary();
    table.string('title', 300).notNullable();
    table.string('status', 20).notNullable();
    table.string('starts_at', 30).notNullable();
    table.string('ends_at', 30);
    table.index(['status', 'starts_at']);
  });
  await db.schema.createTable('meeting_sites', (table) => {
    table.string('meeting_id', 40).notNullable().references('meetings.id').onDelete('CASCADE');
    table.integer('site_id').notNullable().references('sites.id');
    table.primary(['meeting_id', 'site_id']);
    table.index(['site_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('meeting_sites');
  await db.schema.dropTable('meetings');
  await db.schema.dropTable('sites');
  await db.schema.dropTable('units');
}
