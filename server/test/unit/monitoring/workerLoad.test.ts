import { describe, expect, it } from 'vitest';
import { cpuPercent } from '../../../src/monitoring/workerLoad';
import { operationOf } from '../../../src/store/queryTiming';

describe("a worker's CPU share between two samples", () => {
  it('is the CPU time used over the wall time passed, in percent of one core', () => {
    expect(cpuPercent({ cpuMs: 1_000, atMs: 0 }, { cpuMs: 1_850, atMs: 1_000 })).toBe(85);
    expect(cpuPercent({ cpuMs: 0, atMs: 0 }, { cpuMs: 250, atMs: 2_000 })).toBe(12.5);
  });

  it('is 0 for a worker seen for the first time, or when no time has passed', () => {
    expect(cpuPercent(undefined, { cpuMs: 5_000, atMs: 1_000 })).toBe(0);
    expect(cpuPercent({ cpuMs: 1, atMs: 1_000 }, { cpuMs: 2, atMs: 1_000 })).toBe(0);
  });
});

describe('the kind of a database statement, as a bounded label', () => {
  it("names knex's methods by the statement they send, and anything else `other`", () => {
    expect(['select', 'first', 'pluck', 'insert', 'update', 'del', 'raw'].map(operationOf)).toEqual([
      'select',
      'select',
      'select',
      'insert',
      'update',
      'delete',
      'raw',
    ]);
    expect(operationOf('columnInfo')).toBe('other');
    expect(operationOf(undefined)).toBe('other');
  });
});
