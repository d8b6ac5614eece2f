import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestPlatform } from '../integration/harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs `npm run cli -- <args>` (without npm) against the platform's store, as an operator would. */
export function runCli(platform: TestPlatform, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli.ts', ...args],
      {
        cwd: root,
        timeout: 60_000,
        env: {
          ...process.env,
          ...env,
          DIEMCAU_DATA_DIR: platform.dataDir,
          ...(platform.databaseUrl && { DATABASE_URL: platform.databaseUrl }),
          LOG_LEVEL: 'silent',
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
