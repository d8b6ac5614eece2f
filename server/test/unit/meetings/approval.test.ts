import { describe, expect, it } from 'vitest';
import { decideApproval } from '../../../src/meetings/rules';
import { at, candidate, CHAIR, ids, meeting, policy } from './fixtures';

const slot = { from: '2025-06-10 08:00', to: '2025-06-10 10:00' };

describe('approval and priority', () => {
  it('Art. 10: a meeting with no conflict is approved without pre-empting anything', () => {
    expect(decideApproval(candidate({ ...slot, kind: 'departmental' }), [], policy)).toEqual({ ok: true, preempts: [] });
  });

  it('Art. 4.2: a provincial meeting pre-empts a conflicting departmental one', () => {
    const dept = meeting({ ...slot, kind: 'departmental', siteIds: [CHAIR, 7] });
    expect(decideApproval(candidate({ ...slot, kind: 'provincial' }), [dept], policy)).toEqual({ ok: true, preempts: [dept] });
  });

  it('Art. 4.2, 6.5: an emergency meeting pre-empts a conflicting departmental one, also when prepared', () => {
    const dept = meeting({ ...slot, kind: 'departmental', status: 'prepared' });
    expect(decideApproval(candidate({ ...slot, kind: 'emergency' }), [dept], policy)).toEqual({ ok: true, preempts: [dept] });
  });

  it('Art. 4.2: a departmental meeting is refused after an overlapping provincial one took its room', () => {
    const prov = meeting({ ...slot, kind: 'provincial' });
    const decision = decideApproval(candidate({ from: '2025-06-10 09:00', to: '2025-06-10 11:00', kind: 'departmental' }), [prov], policy);
    expect(decision).toEqual({ ok: false, conflicts: [{ meeting: prov, sharedSiteIds: [CHAIR], overBridgeLimit: false }] });
  });

  it('Art. 4.2: between two departmental meetings the first approved wins; the second is refused', () => {
    const first = meeting({ ...slot, kind: 'departmental' });
    const decision = decideApproval(candidate({ ...slot, kind: 'departmental' }), [first], policy);
    expect(decision.ok).toBe(false);
  });

  it.each(['provincial', 'emergency'] as const)('Art. 4.2: a provincial meeting never pre-empts a %s one', (kind) => {
    const held = meeting({ ...slot, kind });
    const decision = decideApproval(candidate({ ...slot, kind: 'provincial' }), [held], policy);
    expect(decision.ok).toBe(false);
  });

  it('Art. 4.2: an emergency meeting never pre-empts a provincial one', () => {
    const held = meeting({ ...slot, kind: 'provincial' });
    expect(decideApproval(candidate({ ...slot, kind: 'emergency' }), [held], policy).ok).toBe(false);
  });

  it('Art. 7.2: a live departmental meeting is never pre-empted', () => {
    const live = meeting({ ...slot, kind: 'departmental', status: 'live' });
    expect(decideApproval(candidate({ ...slot, kind: 'provincial' }), [live], policy).ok).toBe(false);
  });

  it('Art. 4.2: pre-emption that cannot clear the room is refused and pre-empts nothing', () => {
    const dept = meeting({ ...slot, kind: 'departmental', siteIds: [CHAIR] });
    const prov = meeting({ ...slot, kind: 'provincial', siteIds: [7] });
    const decision = decideApproval(candidate({ ...slot, kind: 'provincial', siteIds: [CHAIR, 7] }), [dept, prov], policy);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(ids(decision.conflicts.map((c) => c.meeting)).sort()).toEqual([dept.id, prov.id].sort());
  });

  it('Art. 4.2, 10: pre-emption that cannot bring the bridge under its limit is refused', () => {
    const limit2 = { ...policy, maxConcurrentMeetings: 2 };
    const dept = meeting({ ...slot, kind: 'departmental', siteIds: [2] });
    const prov = meeting({ ...slot, kind: 'provincial', siteIds: [3] });
    const emergency = meeting({ ...slot, kind: 'emergency', siteIds: [4] });
    // Removing the departmental one still leaves 2 + the candidate = 3 > 2.
    expect(decideApproval(candidate({ ...slot, kind: 'provincial', siteIds: [5] }), [dept, prov, emergency], limit2).ok).toBe(false);
  });

  it('Art. 4.2, 10: for the bridge limit only as many departmental meetings as needed give way, the last approved first', () => {
    const limit2 = { ...policy, maxConcurrentMeetings: 2 };
    const early = meeting({ ...slot, kind: 'departmental', siteIds: [2], approvedAt: at('2025-06-01 09:00') });
    const late = meeting({ ...slot, kind: 'departmental', siteIds: [3], approvedAt: at('2025-06-03 09:00') });
    expect(decideApproval(candidate({ ...slot, kind: 'provincial', siteIds: [5] }), [late, early], limit2)).toEqual({ ok: true, preempts: [late] });
  });

  it('Art. 4.2, 10: departmental meetings sharing a room give way even if that alone also frees the bridge', () => {
    const limit2 = { ...policy, maxConcurrentMeetings: 2 };
    const sameRoom = meeting({ ...slot, kind: 'departmental', siteIds: [CHAIR], approvedAt: at('2025-06-01 09:00') });
    const otherRoom = meeting({ ...slot, kind: 'departmental', siteIds: [3], approvedAt: at('2025-06-05 09:00') });
    expect(decideApproval(candidate({ ...slot, kind: 'provincial' }), [sameRoom, otherRoom], limit2)).toEqual({ ok: true, preempts: [sameRoom] });
  });

  it('Art. 4.2: a provincial meeting pre-empts room and bridge blockers together when both are needed', () => {
    const limit1 = { ...policy, maxConcurrentMeetings: 1 };
    const sameRoom = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 09:00', kind: 'departmental', siteIds: [CHAIR] });
    const otherRoom = meeting({ from: '2025-06-10 09:00', to: '2025-06-10 10:00', kind: 'departmental', siteIds: [3] });
    const decision = decideApproval(candidate({ ...slot, kind: 'provincial' }), [otherRoom, sameRoom], limit1);
    expect(decision).toEqual({ ok: true, preempts: [sameRoom, otherRoom] });
  });
});
