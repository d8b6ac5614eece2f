import { describe, expect, it } from 'vitest';
import { pickLeastLoaded } from '../../src/media/pickLeastLoaded';

describe('pickLeastLoaded', () => {
  it('places a new room on the worker hosting the fewest rooms', () => {
    expect(
      pickLeastLoaded([
        { id: 'a', load: 3 },
        { id: 'b', load: 1 },
        { id: 'c', load: 2 },
      ])?.id,
    ).toBe('b');
  });
  it('breaks ties by order so placement is predictable', () => {
    expect(
      pickLeastLoaded([
        { id: 'a', load: 1 },
        { id: 'b', load: 1 },
      ])?.id,
    ).toBe('a');
  });
  it('has nothing to pick when no worker is alive', () => {
    expect(pickLeastLoaded([])).toBeUndefined();
  });
});
