import { describe, expect, it } from 'vitest';
import { emptyFloor, grantFloor, lowerHand, raiseHand, revokeFloor } from '../../../src/conference/floor';
import { nextSpeaker, noSpeaker } from '../../../src/conference/speakerHold';

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
  it('switches to a new speaker only after the shown one held the main pane long enough', () => {
    let state = nextSpeaker(noSpeaker, 'chair', 0, 2000);
    expect(state).toEqual({ current: 'chair', previous: null, since: 0 });
    expect(nextSpeaker(state, 'bac-ai', 1500, 2000)).toBe(state);
    state = nextSpeaker(state, 'bac-ai', 2500, 2000);
    expect(state).toEqual({ current: 'bac-ai', previous: 'chair', since: 2500 });
  });

  it('does not restart the hold when the same speaker is reported again', () => {
    const state = nextSpeaker(noSpeaker, 'chair', 0, 2000);
    expect(nextSpeaker(state, 'chair', 5000, 2000)).toBe(state);
  });
});
