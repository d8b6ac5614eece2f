import { describe, expect, it } from 'vitest';
import { FreezeWatch, REASK_MS, STUCK_MS, type VideoProgress } from '../src/media/freezeWatch';

/** A tile's counters: frames decoded, packets received. */
const at = (framesDecoded: number, packetsReceived: number): VideoProgress => ({ framesDecoded, packetsReceived });
const sample = (entries: Record<string, VideoProgress>) => new Map(Object.entries(entries));

describe('FreezeWatch: which remote pictures to ask a keyframe for (issue 9)', () => {
  it('asks for a tile whose packets arrive but whose frames have not advanced for STUCK_MS', () => {
    const watch = new FreezeWatch();
    expect(watch.update(sample({ a: at(10, 100) }), 0)).toEqual([]);
    expect(watch.update(sample({ a: at(11, 110) }), 300)).toEqual([]);
    expect(watch.update(sample({ a: at(11, 120) }), 600)).toEqual([]);
    expect(watch.update(sample({ a: at(11, 130) }), 300 + STUCK_MS)).toEqual(['a']);
  });

  it('leaves a tile that keeps decoding, and one that receives nothing (paused, or its line cut)', () => {
    const watch = new FreezeWatch();
    watch.update(sample({ moving: at(0, 0), silent: at(5, 50) }), 0);
    for (let t = 300; t <= 5_000; t += 300) {
      expect(watch.update(sample({ moving: at(t, t), silent: at(5, 50) }), t)).toEqual([]);
    }
  });

  it('after packets resume, waits STUCK_MS again before asking', () => {
    const watch = new FreezeWatch();
    watch.update(sample({ a: at(5, 50) }), 0);
    watch.update(sample({ a: at(5, 50) }), 5_000);
    expect(watch.update(sample({ a: at(5, 60) }), 5_300)).toEqual([]);
    expect(watch.update(sample({ a: at(5, 70) }), 5_000 + STUCK_MS)).toEqual(['a']);
  });

  it('asks again for a tile still stuck only after REASK_MS, so a slow decoder cannot cause a keyframe storm', () => {
    const watch = new FreezeWatch();
    watch.update(sample({ a: at(1, 0) }), 0);
    const asked: number[] = [];
    for (let t = 100; t <= 10_000; t += 100) if (watch.update(sample({ a: at(1, t) }), t).length > 0) asked.push(t);
    expect(asked[0]).toBe(STUCK_MS);
    for (let i = 1; i < asked.length; i++) expect(asked[i]! - asked[i - 1]!).toBeGreaterThanOrEqual(REASK_MS);
    expect(asked.length).toBeGreaterThanOrEqual(4);
  });

  it('forgets a tile that is gone, and treats one that comes back as new', () => {
    const watch = new FreezeWatch();
    watch.update(sample({ a: at(1, 10) }), 0);
    watch.update(sample({}), 1_000);
    expect(watch.update(sample({ a: at(1, 20) }), 2_000)).toEqual([]);
  });
});
