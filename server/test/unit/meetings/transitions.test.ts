import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, meetingTransitions, type MeetingStatus } from '../../../src/meetings/rules';

const statuses: MeetingStatus[] = ['requested', 'approved', 'prepared', 'live', 'ended', 'rejected', 'cancelled', 'preempted'];

describe('meeting status transitions', () => {
  it('Art. 10: exactly these transitions are allowed', () => {
    const allowed = statuses.flatMap((from) => statuses.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(
      [
        'requested->approved',
        'requested->rejected',
        'requested->cancelled',
        'approved->prepared',
        'approved->live',
        'approved->cancelled',
        'approved->preempted',
        'prepared->live',
        'prepared->cancelled',
        'prepared->preempted',
        'live->ended',
      ].sort(),
    );
  });

  it('Art. 10: the published data is what canTransition enforces', () => {
    for (const from of statuses) {
      for (const to of statuses) expect(canTransition(from, to)).toBe(meetingTransitions[from].includes(to));
    }
  });

  it('Art. 6.4, 7.1: a meeting goes requested → approved → prepared → live → ended', () => {
    const path: MeetingStatus[] = ['requested', 'approved', 'prepared', 'live', 'ended'];
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1]!, path[i]!)).not.toThrow();
  });

  it('Art. 7.1: the chair operator may open an approved meeting that was never marked prepared', () => {
    expect(canTransition('approved', 'live')).toBe(true);
  });

  it('Art. 10: a request cannot go live before the Office approves it', () => {
    expect(() => assertTransition('requested', 'live')).toThrow(/'requested' to 'live'.*'approved', 'rejected', 'cancelled'/);
  });

  it('Art. 7.2: a live meeting can only end; it is neither cancelled nor pre-empted', () => {
    expect(canTransition('live', 'cancelled')).toBe(false);
    expect(canTransition('live', 'preempted')).toBe(false);
  });

  it('Art. 10: final statuses lead nowhere', () => {
    for (const final of ['ended', 'rejected', 'cancelled', 'preempted'] as const) {
      expect(() => assertTransition(final, 'approved')).toThrow(/it is final/);
    }
  });

  it('Art. 10: the transition table cannot be changed at run time', () => {
    expect(Object.isFrozen(meetingTransitions)).toBe(true);
    expect(Object.isFrozen(meetingTransitions.approved)).toBe(true);
  });
});
