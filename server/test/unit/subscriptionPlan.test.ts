import { describe, expect, it } from 'vitest';
import { planSubscriptions, type Layers, type Subscription } from '../../src/media/subscriptionPlan';

const low: Layers = { spatialLayer: 0, temporalLayer: 2 };
const high: Layers = { spatialLayer: 2, temporalLayer: 2 };
const active = (layers: Layers | null): Subscription => ({ paused: false, layers, pausedAt: null });
const lingering = (pausedAt: number, layers: Layers | null = low): Subscription => ({ paused: true, layers, pausedAt });
const plan = (input: Partial<Parameters<typeof planSubscriptions>[0]>) =>
  planSubscriptions({ wants: new Map(), available: new Set(), actual: new Map(), now: 100_000, lingerMs: 10_000, ...input });

describe('the subscription plan: what a peer should receive against what it has', () => {
  it('creates what is wanted and sent, and nothing for a stream nobody sends', () => {
    const { steps } = plan({
      wants: new Map([
        ['a/camera', low],
        ['b/microphone', null],
        ['c/camera', high],
      ]),
      available: new Set(['a/camera', 'b/microphone']),
    });
    expect(steps).toEqual([
      { action: 'create', key: 'a/camera', layers: low },
      { action: 'create', key: 'b/microphone', layers: null },
    ]);
  });

  it('touches nothing when what is wanted is what the peer has (a caption change)', () => {
    const { steps, recheckAt } = plan({
      wants: new Map([
        ['a/camera', low],
        ['b/microphone', null],
      ]),
      available: new Set(['a/camera', 'b/microphone']),
      actual: new Map([
        ['a/camera', active(low)],
        ['b/microphone', active(null)],
      ]),
    });
    expect(steps).toEqual([]);
    expect(recheckAt).toBeNull();
  });

  it('re-layers only the consumer whose pane changed size', () => {
    const { steps } = plan({
      wants: new Map([
        ['a/camera', high],
        ['b/camera', low],
      ]),
      available: new Set(['a/camera', 'b/camera']),
      actual: new Map([
        ['a/camera', active(low)],
        ['b/camera', active(low)],
      ]),
    });
    expect(steps).toEqual([{ action: 'relayer', key: 'a/camera', layers: high }]);
  });

  it('pauses what is no longer wanted before creating anything, and rechecks when the linger ends', () => {
    const { steps, recheckAt } = plan({
      wants: new Map([['b/camera', low]]),
      available: new Set(['a/camera', 'b/camera']),
      actual: new Map([['a/camera', active(low)]]),
    });
    expect(steps).toEqual([
      { action: 'pause', key: 'a/camera' },
      { action: 'create', key: 'b/camera', layers: low },
    ]);
    expect(recheckAt).toBe(110_000);
  });

  it('resumes a lingering consumer that is wanted again instead of creating a second one', () => {
    const { steps } = plan({
      wants: new Map([['a/camera', high]]),
      available: new Set(['a/camera']),
      actual: new Map([['a/camera', lingering(95_000)]]),
    });
    expect(steps).toEqual([{ action: 'resume', key: 'a/camera', layers: high }]);
  });

  it('closes a consumer only once it has stayed unwanted for the linger time', () => {
    const actual = new Map([
      ['a/camera', lingering(95_000)],
      ['b/microphone', lingering(85_000, null)],
    ]);
    const { steps, recheckAt } = plan({ actual, available: new Set(['a/camera', 'b/microphone']) });
    expect(steps).toEqual([{ action: 'close', key: 'b/microphone' }]);
    expect(recheckAt).toBe(105_000);
  });
});
