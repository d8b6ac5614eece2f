import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from '../../../src/auth/ConcurrencyGate';

/** A task the test finishes by hand. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe('concurrency gate (password checks)', () => {
  it('runs at most the allowed number at once, lets the wait list through in order and refuses the rest', async () => {
    const gate = new ConcurrencyGate(2, 1);
    const tasks = [pending(), pending(), pending(), pending()];
    const started: number[] = [];
    const outcomes = tasks.map((task, index) =>
      gate.run(async () => {
        started.push(index);
        await task.done;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    await expect(outcomes[3]).rejects.toMatchObject({ code: 'rate-limited' });
    tasks[0]!.finish();
    await outcomes[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    tasks[1]!.finish();
    tasks[2]!.finish();
    expect(await Promise.all(outcomes.slice(0, 3))).toEqual([0, 1, 2]);
  });

  it('frees its slot when a task fails', async () => {
    const gate = new ConcurrencyGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});
