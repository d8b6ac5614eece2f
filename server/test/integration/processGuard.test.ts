import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a script in a fresh Node process, as the bridge's main would run, and reports how it ended. */
function runScript(source: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], {
    cwd: serverDir,
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('the process guard', () => {
  const rejectThenCarryOn = `
    setTimeout(() => { console.log('still-serving'); }, 200);
    Promise.reject(Object.assign(new Error('Channel closed'), { name: 'InvalidStateError' }));
  `;

  it('without it, Node exits on an unhandled rejection (what ended every meeting)', () => {
    const result = runScript(rejectThenCarryOn);
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain('still-serving');
  });

  it('with it, the rejection is logged with its code and the bridge keeps serving', () => {
    const result = runScript(`
      import { createLogger } from './src/logger.ts';
      import { keepServingOnUnhandledRejection } from './src/processGuard.ts';
      keepServingOnUnhandledRejection(createLogger('info'));
      ${rejectThenCarryOn}
    `);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('still-serving');
    const logged = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(expect.objectContaining({ code: 'unhandled-rejection', level: 50 }));
  });
});
