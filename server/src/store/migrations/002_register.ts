import type { Knex } from 'knex';

/**
 * The meeting register: site details and contacts, users and their sessions,
 * the booking fields of meetings, the append-only audit log and notifications.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('sites', (table) => {
    table.text('room').notNullable().defaultTo('');
    /** JSON array of equipment descriptions. */
    table.text('equipment').notNullable().defaultTo('[]');
    table.boolean('kiosk_revoked').notNullable().defaultTo(false);
  });
  await db.schema.createTable('site_contacts', (table) => {
    table.increments('id');
    table.integer('site_id').notNullable().references('sites.id').onDelete('CASCADE');
    table.string('name', 200).notNullable();
    table.string('phone', 40).notNullable();
    table.string('email', 200);
    table.boolean('on_duty').notNullable().defaultTo(true);
    table.index(['site_id']);
  });
  await db.schema.createTable('users', (table) => {
    table.increments('id');
    table.string('username', 60).notNullable().unique();
    table.string('display_name', 200).notNullable();
    table.string('password_hash', 300).notNullable();
    table.string('role', 30).notNullable();
    table.integer('unit_id').references('units.id');
    table.integer('site_id').references('sites.id');
    table.boolean('active').notNullable().defaultTo(true);
    /** Bumped to void every access token of the user at once (logout everywhere, disable). */
    table.integer('session_version').notNullable().defaultTo(1);
    table.string('created_at', 30).notNullable();
  });
  await db.schema.createTable('refresh_tokens', (table) => {
    table.string('id', 40).primary();
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.string('token_hash', 64).notNullable().unique();
    table.string('expires_at', 30).notNullable();
    table.string('revoked_at', 30);
    /** 'rotated' (replaced by refresh), 'logout' or 'ended'; only a rotated token coming back means theft. */
    table.string('revoked_reason', 10);
    table.string('created_at', 30).notNullable();
  });
  await db.schema.alterTable('meetings', (table) => {
    table.string('kind', 20).notNullable().defaultTo('provincial');
    table.integer('host_unit_id').references('units.id');
    table.string('chair_person', 200).notNullable().defaultTo('');
    table.integer('organizer_id').references('users.id');
    table.boolean('not_secret_attested').notNullable().defaultTo(false);
    table.string('invitation_number', 60);
    table.string('invitation_date', 10);
    table.string('requested_at', 30);
    table.string('approved_at', 30);
    table.integer('decided_by').references('users.id');
    table.text('decision_reason');
    table.string('opened_at', 30);
    table.string('closed_at', 30);
  });
  // Bookings always have an end; the foundation's open-ended demo meeting gets one.
  for (const meeting of await db('meetings').whereNull('ends_at').select('id', 'starts_at')) {
    const endsAt = new Date(new Date(meeting.starts_at).getTime() + 4 * 3_600_000).toISOString();
    await db('meetings').where({ id: meeting.id }).update({ ends_at: endsAt });
  }
  /** One row; every booking write updates it first, which serialises bookings on SQLite and PostgreSQL alike. */
  await db.schema.createTable('calendar_lock', (table) => {
    table.integer('id').primary();
    table.integer('version').notNullable();
  });
  await db('calendar_lock').insert({ id: 1, version: 0 });
  await db.schema.createTable('audit_log', (table) => {
    table.increments('id');
    table.string('at', 30).notNullable();
    table.integer('actor_id').references('users.id');
    /** Who acted, readable without a join and kept if the user is later removed: "user:nguyenvana", "kiosk:bac-ai", "system". */
    table.string('actor', 120).notNullable();
    table.string('action', 60).notNullable();
    table.string('entity_type', 30).notNullable();
    table.string('entity_id', 60).notNullable();
    table.text('before');
    table.text('after');
    table.index(['entity_type', 'entity_id']);
    table.index(['at']);
  });
  await db.schema.createTable('notifications', (table) => {
    table.increments('id');
    table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    table.string('at', 30).notNullable();
    table.string('kind', 40).notNullable();
    table.string('meeting_id', 40);
    /** JSON parameters of the message; the client renders it in the reader's language. */
    table.text('params').notNullable().defaultTo('{}');
    table.string('read_at', 30);
    table.index(['user_id', 'read_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('notifications');
  await db.schema.dropTable('audit_log');
  await db.schema.dropTable('calendar_lock');
  for (const column of [
    'kind',
    'host_unit_id',
    'chair_person',
    'organizer_id',
    'not_secret_attested',
    'invitation_number',
    'invitation_date',
    'requested_at',
    'approved_at',
    'decided_by',
    'decision_reason',
    'opened_at',
    'closed_at',
  ]) {
    await db.schema.alterTable('meetings', (table) => table.dropColumn(column));
  }
  await db.schema.dropTable('refresh_tokens');
  await db.schema.dropTable('users');
  await db.schema.dropTable('site_contacts');
  await db.schema.alterTable('sites', (table) => {
    table.dropColumn('room');
    table.dropColumn('equipment');
    table.dropColumn('kiosk_revoked');
  });
}
