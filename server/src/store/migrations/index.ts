import type { Knex } from 'knex';
import * as directory from './001_directory';
import * as register from './002_register';
import * as operations from './003_operations';
import * as records from './004_records';
import * as calendar from './005_calendar';
import * as hardening from './006_hardening';
import * as incidentCodes from './007_incident_codes';

interface Migration {
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

/** Migrations are imported, not globbed from disk, so they run the same from source and from a bundle. */
const ordered: Array<[string, Migration]> = [
  ['001_directory', directory],
  ['002_register', register],
  ['003_operations', operations],
  ['004_records', records],
  ['005_calendar', calendar],
  ['006_hardening', hardening],
  ['007_incident_codes', incidentCodes],
];

export const migrations: Knex.MigrationSource<Migration> = {
  getMigrations: async () => ordered.map(([, migration]) => migration),
  getMigrationName: (migration) => ordered.find(([, candidate]) => candidate === migration)![0],
  getMigration: async (migration) => migration,
};
