import { describe, expect, it } from 'vitest';
import { blockingStatuses, findConflicts, isBlocking, type MeetingStatus } from '../../../src/meetings/rules';
import { candidate, CHAIR, ids, meeting, policy } from './fixtures';

describe('which meetings hold the calendar', () => {
  it('Art. 4.2: only approved, prepared and live meetings block; requests do not block each other', () => {
    const all: MeetingStatus[] = ['requested', 'approved', 'prepared', 'live', 'ended', 'rejected', 'cancelled', 'preempted'];
    expect(all.filter(isBlocking)).toEqual(['approved', 'prepared', 'live']);
    expect([...blockingStatuses].sort()).toEqual(['approved', 'live', 'prepared']);
  });

  it('Art. 4.2: a pending request for the same room and time is no conflict (first approved wins)', () => {
    const pending = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', status: 'requested', approvedAt: null });
    const ended = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', status: 'ended' });
    const cancelled = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', status: 'cancelled' });
    expect(findConflicts(candidate({ from: '2025-06-10 08:00', to: '2025-06-10 10:00' }), [pending, ended, cancelled], policy)).toEqual([]);
  });

  it.each(['approved', 'prepared', 'live'] as const)('Art. 10: a %s meeting in the same room blocks', (status) => {
    const booked = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', status });
    expect(ids(findConflicts(candidate({ from: '2025-06-10 09:00', to: '2025-06-10 11:00' }), [booked], policy).map((c) => c.meeting))).toEqual([booked.id]);
  });
});

describe('site conflicts', () => {
  it('Art. 10: the chair room cannot host two overlapping meetings', () => {
    const booked = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [CHAIR, 10, 11] });
    const conflicts = findConflicts(candidate({ from: '2025-06-10 09:30', to: '2025-06-10 11:00', siteIds: [CHAIR, 20] }), [booked], policy);
    expect(conflicts).toEqual([{ meeting: booked, sharedSiteIds: [CHAIR], overBridgeLimit: false }]);
  });

  it('Art. 10: every shared endpoint site is reported, once and in order', () => {
    const booked = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [30, 12, 2, 12] });
    const [conflict] = findConflicts(candidate({ from: '2025-06-10 08:00', to: '2025-06-10 09:00', siteIds: [12, 30, 40, 30] }), [booked], policy);
    expect(conflict?.sharedSiteIds).toEqual([12, 30]);
  });

  it('Art. 10: back-to-back meetings in the same room do not collide (half-open intervals)', () => {
    const before = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00' });
    const after = meeting({ from: '2025-06-10 12:00', to: '2025-06-10 13:00' });
    expect(findConflicts(candidate({ from: '2025-06-10 10:00', to: '2025-06-10 12:00' }), [before, after], policy)).toEqual([]);
  });

  it('Art. 10: one minute of overlap is a conflict', () => {
    const before = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:01' });
    expect(findConflicts(candidate({ from: '2025-06-10 10:00', to: '2025-06-10 12:00' }), [before], policy)).toHaveLength(1);
  });

  it('Art. 10: meetings in other rooms at the same time are no conflict while the bridge has capacity', () => {
    const other = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [2, 3] });
    expect(findConflicts(candidate({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [CHAIR, 4] }), [other], policy)).toEqual([]);
  });

  it('Art. 10: a booked meeting being re-checked does not collide with itself', () => {
    const booked = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00' });
    const moved = { ...candidate({ from: '2025-06-10 09:00', to: '2025-06-10 11:00' }), id: booked.id };
    expect(findConflicts(moved, [booked], policy)).toEqual([]);
  });
});

describe('bridge limit', () => {
  const limit2 = { ...policy, maxConcurrentMeetings: 2 };

  it('Art. 10: the bridge refuses a meeting when the limit is already reached at some instant', () => {
    const a = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [2] });
    const b = meeting({ from: '2025-06-10 09:00', to: '2025-06-10 11:00', siteIds: [3] });
    const conflicts = findConflicts(candidate({ from: '2025-06-10 09:30', to: '2025-06-10 10:30', siteIds: [4] }), [a, b], limit2);
    expect(conflicts).toEqual([
      { meeting: a, sharedSiteIds: [], overBridgeLimit: true },
      { meeting: b, sharedSiteIds: [], overBridgeLimit: true },
    ]);
  });

  it('Art. 10: meetings that overlap the candidate but not each other count once at a time (sweep, not a count)', () => {
    // Four meetings inside the candidate, never two at once: at most 1 + 1 = 2 on the bridge.
    const inRow = ['08', '09', '10', '11'].map((h) => meeting({ from: `2025-06-10 ${h}:00`, to: `2025-06-10 ${h}:45`, siteIds: [Number(h)] }));
    expect(findConflicts(candidate({ from: '2025-06-10 08:00', to: '2025-06-10 12:00', siteIds: [50] }), inRow, limit2)).toEqual([]);
  });

  it('Art. 10: only the meetings running during the over-limit stretch are blamed', () => {
    const a = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 09:00', siteIds: [2] });
    const b = meeting({ from: '2025-06-10 08:30', to: '2025-06-10 09:30', siteIds: [3] });
    const c = meeting({ from: '2025-06-10 10:00', to: '2025-06-10 11:00', siteIds: [4] });
    const conflicts = findConflicts(candidate({ from: '2025-06-10 08:00', to: '2025-06-10 12:00', siteIds: [5] }), [a, b, c], limit2);
    expect(ids(conflicts.map((x) => x.meeting))).toEqual([a.id, b.id]);
  });

  it('Art. 10: a meeting ending exactly when another starts does not add to concurrency', () => {
    const a = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 09:00', siteIds: [2] });
    const b = meeting({ from: '2025-06-10 09:00', to: '2025-06-10 10:00', siteIds: [3] });
    expect(findConflicts(candidate({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [4] }), [a, b], limit2)).toEqual([]);
  });

  it('Art. 10: meetings outside the candidate interval do not count even if they overlap each other', () => {
    const a = meeting({ from: '2025-06-10 07:00', to: '2025-06-10 09:00', siteIds: [2] });
    const b = meeting({ from: '2025-06-10 07:00', to: '2025-06-10 08:00', siteIds: [3] });
    expect(findConflicts(candidate({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [4] }), [a, b], limit2)).toEqual([]);
  });

  it('Art. 10: the default bridge carries four meetings at once, not five', () => {
    const running = [2, 3, 4].map((site) => meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [site] }));
    const fits = candidate({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [9] });
    expect(findConflicts(fits, running, policy)).toEqual([]);
    const fourth = meeting({ from: '2025-06-10 09:00', to: '2025-06-10 09:10', siteIds: [5] });
    expect(findConflicts(fits, [...running, fourth], policy)).toHaveLength(4);
  });

  it('Art. 10: a meeting can conflict both by room and by bridge limit', () => {
    const a = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [CHAIR] });
    const b = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 10:00', siteIds: [3] });
    const conflicts = findConflicts(candidate({ from: '2025-06-10 09:00', to: '2025-06-10 11:00' }), [a, b], limit2);
    expect(conflicts).toEqual([
      { meeting: a, sharedSiteIds: [CHAIR], overBridgeLimit: true },
      { meeting: b, sharedSiteIds: [], overBridgeLimit: true },
    ]);
  });

  it('refuses a policy whose bridge carries no meeting at all', () => {
    expect(() => findConflicts(candidate({ from: '2025-06-10 08:00', to: '2025-06-10 10:00' }), [], { ...policy, maxConcurrentMeetings: 0 })).toThrow(
      RangeError,
    );
  });
});
