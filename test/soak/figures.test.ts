import { describe, expect, it } from 'vitest';
import { baselineOf, growthPerCycle, sampleRows, verdicts, type SoakSample } from './figures';

const sample = (minute: number, cycles: number, changes: Partial<Omit<SoakSample, 'rows'>> = {}, rows: Record<string, number> = {}): SoakSample => ({
  minute,
  cycles,
  settled: true,
  nodeRssMB: 150,
  nodeHeapUsedMB: 48,
  workersRssMB: 40,
  workers: 2,
  transports: 40,
  producers: 40,
  consumers: 342,
  pipeProducers: 30,
  roomsReceive: { audio: 40, video: 302 },
  activeResources: 66,
  perWorker: [
    { pid: 11, rssMB: 20, transports: 20, producers: 20, consumers: 170, pipeProducers: 15 },
    { pid: 12, rssMB: 20, transports: 20, producers: 20, consumers: 172, pipeProducers: 15 },
  ],
  ...changes,
  rows: { audit_log: 10 + cycles * 8, attendance: 20, sites: 20, meetings: 1, ...rows },
});

const failing = (samples: SoakSample[], warmUp = 2) =>
  verdicts(samples, warmUp)
    .filter((verdict) => !verdict.ok)
    .map((verdict) => verdict.figure);

describe('soak verdict (issue 11, deliver 8)', () => {
  it('measures growth from the first sample after warm-up, or from the first when the run is shorter', () => {
    const samples = [sample(0, 0), sample(1, 6), sample(2.1, 12), sample(3, 18)];
    expect(baselineOf(samples, 2).minute).toBe(2.1);
    expect(baselineOf(samples, 0).minute).toBe(0);
    // The last sample is never its own baseline.
    expect(baselineOf(samples, 10).minute).toBe(0);
  });

  it('passes a bridge whose figures hold flat while the audit log grows by design', () => {
    expect(failing([sample(0, 0), sample(2, 12, { nodeRssMB: 170 }), sample(30, 180, { nodeRssMB: 185, nodeHeapUsedMB: 50, activeResources: 69 })])).toEqual(
      [],
    );
  });

  it('fails one consumer, transport or producer more in the same reference state', () => {
    const base = sample(2, 12);
    expect(failing([sample(0, 0), base, sample(30, 180, { consumers: 343 })])).toEqual(['consumers', 'consumers beyond what the rooms receive']);
    expect(failing([sample(0, 0), base, sample(30, 180, { transports: 41, producers: 41 })])).toEqual(['transports', 'producers']);
  });

  it('fails memory and handles beyond the larger of their absolute and relative allowance', () => {
    const base = sample(2, 12);
    // Heap: 48 MB + max(10 MB, 4.8 MB).
    expect(failing([base, sample(30, 180, { nodeHeapUsedMB: 58 })])).toEqual([]);
    expect(failing([base, sample(30, 180, { nodeHeapUsedMB: 58.1 })])).toEqual(['nodeHeapUsedMB']);
    // RSS: 150 MB + max(40 MB, 37.5 MB).
    expect(failing([base, sample(30, 180, { nodeRssMB: 191 })])).toEqual(['nodeRssMB']);
    expect(failing([base, sample(30, 180, { workersRssMB: 71 })])).toEqual(['workersRssMB']);
    // Handles: 66 + max(5, 6.6).
    expect(failing([base, sample(30, 180, { activeResources: 72 })])).toEqual([]);
    expect(failing([base, sample(30, 180, { activeResources: 73 })])).toEqual(['activeResources']);
  });

  it('fails a table that is not expected to grow, and pipes beyond one per stream and other worker', () => {
    const base = sample(2, 12, {}, { audit_chain: 1 });
    expect(failing([base, sample(30, 180, {}, { sites: 21, audit_chain: 1 })])).toEqual(['rows sites']);
    expect(failing([base, sample(30, 180, {}, { audit_chain: 2 })])).toEqual(['rows audit_chain']);
    expect(failing([base, sample(30, 180, { pipeProducers: 40 })])).toEqual([]);
    expect(failing([base, sample(30, 180, { pipeProducers: 41 })])).toEqual(['pipeProducers (≤ producers × (workers − 1))']);
  });

  it('fails a consumer that no room counts as a stream of its own: one stream delivered twice (issue 11, defect 4)', () => {
    const base = sample(2, 12);
    // One more stream that a room does count is one more stream, not a duplicate.
    expect(failing([base, sample(30, 180, { consumers: 343, roomsReceive: { audio: 41, video: 302 } })])).toEqual(['consumers']);
    expect(failing([base, sample(30, 180, { consumers: 342, roomsReceive: { audio: 40, video: 301 } })])).toEqual(['consumers beyond what the rooms receive']);
  });

  it('reports what the growing tables add per cycle', () => {
    const samples = [sample(0, 0), sample(30, 180, {}, { attendance: 200 })];
    expect(growthPerCycle(samples)).toEqual({ audit_log: 8, attendance: 1 });
    expect(growthPerCycle([sample(0, 0), sample(0.1, 0)])).toEqual({ audit_log: null, attendance: null });
    expect(sampleRows(samples)[1]).toMatchObject({
      minute: 30,
      consumers: 342,
      'consumers per worker': '170 / 172',
      'rooms receive (audio + video)': '40 + 302',
      audit_log: 1450,
      attendance: 200,
      'rows (all tables)': 1450 + 200 + 21,
    });
  });
});
