import type { Knex } from 'knex';

/**
 * Records for the reports (Art. 9, 15): each site's attendance of each meeting,
 * small quality histograms per meeting and site (never raw samples), and the
 * units' feedback to the Department (Art. 12.3, 15.3).
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('attendance', (table) => {
    table.string('meeting_id', 40).notNullable().references('meetings.id').onDelete('CASCADE');
    table.integer('site_id').notNullable().references('sites.id').onDelete('CASCADE');
    table.string('first_join_at', 30).notNullable();
    table.string('last_leave_at', 30);
    /** Seconds present in the intervals already closed; the open one runs from online_since. */
    table.integer('present_seconds').notNullable().defaultTo(0);
    table.integer('reconnections').notNullable().defaultTo(0);
    table.string('online_since', 30);
    table.primary(['meeting_id', 'site_id']);
  });
  await db.schema.createTable('quality_aggregates', (table) => {
    table.string('meeting_id', 40).notNullable().references('meetings.id').onDelete('CASCADE');
    table.integer('site_id').notNullable().references('sites.id').onDelete('CASCADE');
    table.string('measure', 20).notNullable();
    /** JSON array of counts, one per bucket of the measure's fixed histogram. */
    table.text('counts').notNullable();
    table.primary(['meeting_id', 'site_id', 'measure']);
  });
  await db.schema.createTable('feedback', (table) => {
    table.increments('id');
    table.string('category', 20).notNullable();
    table.text('text').notNullable();
    table.string('status', 20).notNullable();
    table.integer('unit_id').notNullable().references('units.id');
    table.integer('site_id').references('sites.id').onDelete('SET NULL');
    table.string('meeting_id', 40).references('meetings.id').onDelete('SET NULL');
    table.integer('submitted_by').notNullable().references('users.id');
    table.string('submitted_at', 30).notNullable();
    table.text('answer');
    table.string('answered_at', 30);
    table.string('forwarded_to', 20);
    table.string('closed_at', 30);
    table.index(['unit_id', 'submitted_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('feedback');
  await db.schema.dropTable('quality_aggregates');
  await db.schema.dropTable('attendance');
}
