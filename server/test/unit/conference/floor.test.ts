import { describe, expect, it } from 'vitest';
import { emptyFloor, grantFloor, lowerHand, raiseHand, revokeFloor } from '../../../src/conference/floor';
import { dominantSpeakerChanged, levelsHeard, noSpeaker } from '../../../src/conference/speakerHold';

describe('floor queue (Art. 7.1.d)', () => {
  it('keeps raised hands in the order they were raised, once each', () => {
    let floor = raiseHand(emptyFloor, 'bac-ai');
    floor = raiseHand(floor, 'ninh-son');
    floor = raiseHand(floor, 'bac-ai');
    expect(floor.queue).toEqual(['bac-ai', 'ninh-son']);
  });

  it('takes a granted site out of the queue and reports who lost the floor', () => {
    let floor = raiseHand(raiseHand(emptyFloor, 'bac-ai'), 'ninh-son');
    const first = grantFloor(floor, 'bac-ai');
    expect(first).toEqual({ floor: { queue: ['ninh-son'], holder: 'bac-ai' }, previous: null });
    const second = grantFloor(first.floor, 'ninh-son');
    expect(second).toEqual({ floor: { queue: [], holder: 'ninh-son' }, previous: 'bac-ai' });
    floor = second.floor;
    expect(revokeFloor(floor)).toEqual({ floor: { queue: [], holder: null }, previous: 'ninh-son' });
  });

  it('ignores a hand raised by the site already holding the floor, and lowers hands on request', () => {
    const { floor } = grantFloor(emptyFloor, 'bac-ai');
    expect(raiseHand(floor, 'bac-ai')).toBe(floor);
    expect(lowerHand(raiseHand(floor, 'ninh-hai'), 'ninh-hai').queue).toEqual([]);
  });
});

describe('voice activation hold time (Art. 7.1.c)', () => {
  const hold = { holdMs: 2000, minLevel: 0.3 };
  const loud = (site: string) => new Map([[site, 0.6]]);
  const quiet = (site: string) => new Map([[site, 0.1]]);

  it('Art. 7.1.c: a room takes the main pane only after speaking for the whole hold', () => {
    let state = dominantSpeakerChanged(noSpeaker, 'bac-ai', 0);
    expect(state).toEqual({ current: null, previous: null, candidate: 'bac-ai', speakingSince: 0 });
    state = levelsHeard(state, loud('bac-ai'), 1750, hold);
    expect(state.current).toBeNull();
    state = levelsHeard(state, loud('bac-ai'), 2000, hold);
    expect(state).toEqual({ current: 'bac-ai', previous: null, candidate: null, speakingSince: null });
  });

  it('Art. 7.1.c: a room that falls quiet before the hold starts again, and one that stays quiet never takes over', () => {
    let state = dominantSpeakerChanged({ ...noSpeaker, current: 'chair' }, 'bac-ai', 0);
    state = levelsHeard(state, loud('bac-ai'), 1500, hold);
    state = levelsHeard(state, quiet('bac-ai'), 1750, hold);
    expect(state.speakingSince).toBeNull();
    state = levelsHeard(state, loud('bac-ai'), 2000, hold);
    state = levelsHeard(state, loud('bac-ai'), 3750, hold);
    expect(state.current).toBe('chair');
    state = levelsHeard(state, loud('bac-ai'), 4000, hold);
    expect(state).toMatchObject({ current: 'bac-ai', previous: 'chair' });
  });

  it('Art. 7.1.c: the minimum speech level decides what counts as speaking', () => {
    const state = dominantSpeakerChanged(noSpeaker, 'bac-ai', 0);
    expect(levelsHeard(state, quiet('bac-ai'), 5000, hold).current).toBeNull();
    expect(levelsHeard(state, quiet('bac-ai'), 5000, { ...hold, minLevel: 0.05 }).current).toBe('bac-ai');
  });

  it('Art. 7.1.c: the shown speaker reported again cancels a waiting candidate, and repeats do not restart the hold', () => {
    const shown = { ...noSpeaker, current: 'chair' };
    const waiting = dominantSpeakerChanged(shown, 'bac-ai', 0);
    expect(dominantSpeakerChanged(waiting, 'bac-ai', 1500)).toBe(waiting);
    expect(dominantSpeakerChanged(waiting, 'chair', 1500)).toEqual(shown);
  });
});
