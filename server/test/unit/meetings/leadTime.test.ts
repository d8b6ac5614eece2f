import { describe, expect, it } from 'vitest';
import { leadTimeCheck, requestDeadline } from '../../../src/meetings/rules';
import { at, policy } from './fixtures';

// 2025-06-06 is a Friday, 2025-06-09 a Monday, 2025-06-10 a Tuesday.
const deadlineOf = (start: string, p = policy) => requestDeadline('departmental', at(start), p).deadline;

describe('Art. 6.4: one half-day session of preparation', () => {
  it('Art. 6.4: a meeting Tuesday 08:00 must be requested by Monday 13:00', () => {
    expect(requestDeadline('departmental', at('2025-06-10 08:00'), policy)).toEqual({ deadline: at('2025-06-09 13:00'), article: '6.4' });
  });

  it('Art. 6.4: a meeting Tuesday 14:00 must be requested by Tuesday 07:00', () => {
    expect(deadlineOf('2025-06-10 14:00')).toEqual(at('2025-06-10 07:00'));
  });

  it('Art. 6.4: a meeting Monday 08:00 must be requested by Friday 13:00 (the weekend has no sessions)', () => {
    expect(deadlineOf('2025-06-09 08:00')).toEqual(at('2025-06-06 13:00'));
  });

  it('Art. 6.4: provincial meetings need the same preparation session', () => {
    expect(requestDeadline('provincial', at('2025-06-10 08:00'), policy)).toEqual({ deadline: at('2025-06-09 13:00'), article: '6.4' });
  });

  it('Art. 6.4: a meeting starting exactly at a session start belongs to that session', () => {
    expect(deadlineOf('2025-06-10 07:00')).toEqual(at('2025-06-09 13:00'));
    expect(deadlineOf('2025-06-10 13:00')).toEqual(at('2025-06-10 07:00'));
    expect(deadlineOf('2025-06-10 12:59')).toEqual(at('2025-06-09 13:00'));
  });

  it('Art. 6.4: a meeting before the morning session belongs to the previous afternoon', () => {
    expect(deadlineOf('2025-06-10 06:00')).toEqual(at('2025-06-09 07:00'));
    expect(deadlineOf('2025-06-09 06:30')).toEqual(at('2025-06-06 07:00'));
  });

  it('Art. 6.4: a weekend meeting belongs to Friday afternoon, so it is prepared Friday morning', () => {
    expect(deadlineOf('2025-06-07 09:00')).toEqual(at('2025-06-06 07:00'));
    expect(deadlineOf('2025-06-08 20:00')).toEqual(at('2025-06-06 07:00'));
  });

  it('Art. 6.4: session times and working days come from the policy', () => {
    const sixDays = { ...policy, workingDays: [1, 2, 3, 4, 5, 6], sessionStarts: { morning: '07:30', afternoon: '13:30' } };
    expect(deadlineOf('2025-06-09 08:00', sixDays)).toEqual(at('2025-06-07 13:30'));
    expect(deadlineOf('2025-06-09 07:00', sixDays)).toEqual(at('2025-06-07 07:30'));
  });

  it('Art. 6.4: a request made exactly at the deadline is in time, one minute later is not', () => {
    expect(leadTimeCheck('departmental', at('2025-06-10 08:00'), at('2025-06-09 13:00'), policy)).toEqual({ ok: true });
    expect(leadTimeCheck('departmental', at('2025-06-10 08:00'), at('2025-06-09 13:01'), policy)).toEqual({
      ok: false,
      deadline: at('2025-06-09 13:00'),
      article: '6.4',
    });
  });
});

describe('Art. 6.4 in other time zones', () => {
  it('Art. 6.4: in Europe/Paris the deadline follows the local clock across the spring DST change', () => {
    const paris = { ...policy, timeZone: 'Europe/Paris' };
    // Monday 31 March 2025 08:00 CEST (UTC+2); Friday 28 March 13:00 was still CET (UTC+1).
    expect(requestDeadline('departmental', new Date('2025-03-31T06:00:00Z'), paris).deadline).toEqual(new Date('2025-03-28T12:00:00Z'));
  });

  it('Art. 6.4: in Europe/Paris the deadline follows the local clock across the autumn DST change', () => {
    const paris = { ...policy, timeZone: 'Europe/Paris' };
    // Monday 27 October 2025 08:00 CET (UTC+1); Friday 24 October 13:00 was CEST (UTC+2).
    expect(requestDeadline('departmental', new Date('2025-10-27T07:00:00Z'), paris).deadline).toEqual(new Date('2025-10-24T11:00:00Z'));
  });

  it('Art. 6.4: the local day decides the session, not the UTC day', () => {
    // Tuesday 10 June 06:00 in Vietnam is still Monday 23:00 UTC; its session is Monday afternoon in Vietnam.
    expect(requestDeadline('departmental', new Date('2025-06-09T23:00:00Z'), policy).deadline).toEqual(at('2025-06-09 07:00'));
    const kolkata = { ...policy, timeZone: 'Asia/Kolkata' };
    expect(requestDeadline('departmental', new Date('2025-06-10T02:30:00Z'), kolkata).deadline).toEqual(new Date('2025-06-09T07:30:00Z'));
  });

  it('Art. 6.4: refuses a policy it cannot read', () => {
    const start = at('2025-06-10 08:00');
    expect(() => requestDeadline('departmental', start, { ...policy, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => requestDeadline('departmental', start, { ...policy, sessionStarts: { morning: '7:00', afternoon: '13:00' } })).toThrow(RangeError);
    expect(() => requestDeadline('departmental', start, { ...policy, workingDays: [] })).toThrow(RangeError);
    expect(() => requestDeadline('departmental', new Date(NaN), policy)).toThrow(RangeError);
  });
});

describe('Art. 6.5: urgent meetings', () => {
  it('Art. 6.5: an emergency meeting must reach the bridge at least 3 hours before it starts', () => {
    const start = at('2025-06-10 14:00');
    expect(leadTimeCheck('emergency', start, at('2025-06-10 11:00'), policy)).toEqual({ ok: true });
    expect(leadTimeCheck('emergency', start, at('2025-06-10 11:01'), policy)).toEqual({
      ok: false,
      deadline: at('2025-06-10 11:00'),
      article: '6.5',
    });
  });

  it('Art. 6.5: an emergency meeting ignores sessions and weekends', () => {
    expect(requestDeadline('emergency', at('2025-06-08 09:00'), policy)).toEqual({ deadline: at('2025-06-08 06:00'), article: '6.5' });
  });

  it('Art. 6.5: the emergency lead time comes from the policy', () => {
    expect(requestDeadline('emergency', at('2025-06-10 14:00'), { ...policy, emergencyLeadMinutes: 90 }).deadline).toEqual(at('2025-06-10 12:30'));
  });
});
