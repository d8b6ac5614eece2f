import { configDefaults, defineConfig } from 'vitest/config';

/*
 * Three projects, cheapest first:
 *  - unit: pure rules and schemas, no I/O;
 *  - integration: the server against a real mediasoup worker and a real store (SQLite,
 *    then PostgreSQL for the repository and API tests);
 *  - e2e: real headless Chromium (Debian's) with fake camera and microphone.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/test/**/*.test.ts',
            'server/test/unit/**/*.test.ts',
            'client/test/**/*.test.ts',
            'test/load/**/*.test.ts',
            'test/soak/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, '**/*.integration.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'server/test/integration/**/*.test.ts',
            'client/test/**/*.integration.test.ts',
            'test/load/**/*.integration.test.ts',
            'test/soak/**/*.integration.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          // The same repository and API tests, against a real PostgreSQL on loopback.
          name: 'integration-postgres',
          include: [
            'server/test/integration/register.test.ts',
            'server/test/integration/kioskSignaling.test.ts',
            'server/test/integration/incidents.test.ts',
            'server/test/integration/checks.test.ts',
            'server/test/integration/holidays.test.ts',
            'server/test/integration/reports.test.ts',
            'server/test/integration/auditChain.test.ts',
            'server/test/integration/durableConference.test.ts',
          ],
          globalSetup: ['server/test/support/postgresCluster.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // After the other projects, alone: browsers timing media on two cores do not share them with the
          // integration tests' workers (a loaded machine made speaker detection and layer switches flaky).
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Browsers are heavy on two cores: one e2e file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
