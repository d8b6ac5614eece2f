import { describe, expect, it } from 'vitest';
import { selectAudible } from '../../../src/conference/audibleSites';

const rooms = (count: number) => Array.from({ length: count }, (_, index) => `xa-${index + 1}`);

describe('audible-site selection (Art. 7.1.c: the Office adjusts the sound at the sites)', () => {
  it('Art. 7.1.c: every unmuted room with a live microphone is heard while they fit under the cap', () => {
    const audible = selectAudible({ candidates: ['chair', 'xa-1', 'xa-2'], chairSite: 'chair', lastSpoke: new Map(), cap: 6 });
    expect([...audible].sort()).toEqual(['chair', 'xa-1', 'xa-2']);
  });

  it('Art. 7.1.c: above the cap the most recent speakers go through, and the chair always does', () => {
    const lastSpoke = new Map([
      ['xa-3', 1_000],
      ['xa-9', 5_000],
      ['xa-5', 3_000],
      ['chair', 0],
    ]);
    const audible = selectAudible({ candidates: ['chair', ...rooms(10)], chairSite: 'chair', lastSpoke, cap: 3 });
    expect([...audible].sort()).toEqual(['chair', 'xa-3', 'xa-5', 'xa-9']);
    expect(audible.size).toBe(3 + 1);
  });

  it('Art. 7.1.c: rooms that never spoke fill the remaining places in the meeting order, deterministically', () => {
    const audible = selectAudible({ candidates: rooms(10), chairSite: 'chair', lastSpoke: new Map([['xa-7', 10]]), cap: 3 });
    expect([...audible]).toEqual(['xa-7', 'xa-1', 'xa-2']);
  });

  it('Art. 7.2.d: a muted chair room or one without a microphone is not heard; nobody is invented', () => {
    expect(selectAudible({ candidates: ['xa-1'], chairSite: 'chair', lastSpoke: new Map(), cap: 6 })).toEqual(new Set(['xa-1']));
    expect(selectAudible({ candidates: [], chairSite: 'chair', lastSpoke: new Map(), cap: 6 }).size).toBe(0);
  });
});
