import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { SoakSample, Verdict } from './figures';

interface SoakSummary {
  ok: boolean;
  cycles: number;
  roomsRestarted: number;
  consoleAttaches: number;
  samples: SoakSample[];
  verdicts: Verdict[];
  errors: string[];
}

const soak = fileURLToPath(new URL('./run.ts', import.meta.url));

describe('npm run soak (issue 11, deliver 8)', () => {
  it('cycles rooms and console actions on a real bridge and finds the reference state unchanged', async () => {
    // A quarter of a minute of cycles on three rooms: the machinery, not the figures of BENCHMARKS.md.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', soak, '--minutes', '0.25', '--sites', '3', '--cycle-seconds', '4', '--warm-up-minutes', '0'],
      { timeout: 100_000, maxBuffer: 16 * 2 ** 20 },
    );
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as SoakSummary;
    expect(summary.errors).toEqual([]);
    expect(summary.cycles).toBeGreaterThanOrEqual(2);
    expect(summary.roomsRestarted).toBe(summary.cycles * 2);
    expect(summary.consoleAttaches).toBe(1);
    const [start, end] = [summary.samples[0]!, summary.samples.at(-1)!];
    expect(summary.samples).toHaveLength(2);
    // Three rooms, each with its camera and microphone on its own two transports, at the start and after leaving and joining again.
    for (const taken of [start, end]) expect(taken).toMatchObject({ transports: 6, producers: 6 });
    expect(end.consumers).toBe(start.consumers);
    // Every consumer on the bridge is a stream a room counts as its own: none sent twice, none left behind.
    for (const taken of [start, end]) expect(taken.roomsReceive.audio + taken.roomsReceive.video).toBe(taken.consumers);
    expect(start.consumers).toBeGreaterThan(0);
    // Every console action is audited (Art. 14): the log grows with the cycles, the directory does not.
    expect(end.rows.audit_log! - start.rows.audit_log!).toBeGreaterThanOrEqual(summary.cycles * 7);
    expect(end.rows.sites).toBe(start.rows.sites);
    expect(summary.verdicts.length).toBeGreaterThan(7);
    expect(summary.ok).toBe(true);
  }, 120_000);
});
