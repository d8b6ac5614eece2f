import { describe, expect, it } from 'vitest';
import { leadTimeCheck, noExceptions, requestDeadline, type WorkCalendar } from '../../../src/meetings/rules';
import { at, policy } from './fixtures';

// 2025-06-06 is a Friday, 2025-06-09 a Monday, 2025-06-10 a Tuesday.
const deadlineOf = (start: string, p = policy) => requestDeadline('departmental', at(start), p, noExceptions).deadline;

describe('Art. 6.4: one half-day session of preparation', () => {
  it('Art. 6.4: a meeting Tuesday 08:00 must be requested by Monday 13:00', () => {
    expect(requestDeadline('departmental', at('2025-06-10 08:00'), policy, noExceptions)).toEqual({ deadline: at('2025-06-09 13:00'), article: '6.4' });
  });

  it('Art. 6.4: a meeting Tuesday 14:00 must be requested by Tuesday 07:00', () => {
    expect(deadlineOf('2025-06-10 14:00')).toEqual(at('2025-06-10 07:00'));
  });

  it('Art. 6.4: a meeting Monday 08:00 must be requested by Friday 13:00 (the weekend has no sessions)', () => {
    expect(deadlineOf('2025-06-09 08:00')).toEqual(at('2025-06-06 13:00'));
  });

  it('Art. 6.4: provincial meetings need the same preparation session', () => {
    expect(requestDeadline('provincial', at('2025-06-10 08:00'), policy, noExceptions)).toEqual({ deadline: at('2025-06-09 13:00'), article: '6.4' });
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
    expect(leadTimeCheck('departmental', at('2025-06-10 08:00'), at('2025-06-09 13:00'), policy, noExceptions)).toEqual({ ok: true });
    expect(leadTimeCheck('departmental', at('2025-06-10 08:00'), at('2025-06-09 13:01'), policy, noExceptions)).toEqual({
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
    expect(requestDeadline('departmental', new Date('2025-03-31T06:00:00Z'), paris, noExceptions).deadline).toEqual(new Date('2025-03-28T12:00:00Z'));
  });

  it('Art. 6.4: in Europe/Paris the deadline follows the local clock across the autumn DST change', () => {
    const paris = { ...policy, timeZone: 'Europe/Paris' };
    // Monday 27 October 2025 08:00 CET (UTC+1); Friday 24 October 13:00 was CEST (UTC+2).
    expect(requestDeadline('departmental', new Date('2025-10-27T07:00:00Z'), paris, noExceptions).deadline).toEqual(new Date('2025-10-24T11:00:00Z'));
  });

  it('Art. 6.4: the local day decides the session, not the UTC day', () => {
    // Tuesday 10 June 06:00 in Vietnam is still Monday 23:00 UTC; its session is Monday afternoon in Vietnam.
    expect(requestDeadline('departmental', new Date('2025-06-09T23:00:00Z'), policy, noExceptions).deadline).toEqual(at('2025-06-09 07:00'));
    const kolkata = { ...policy, timeZone: 'Asia/Kolkata' };
    expect(requestDeadline('departmental', new Date('2025-06-10T02:30:00Z'), kolkata, noExceptions).deadline).toEqual(new Date('2025-06-09T07:30:00Z'));
  });

  it('Art. 6.4: refuses a policy it cannot read', () => {
    const start = at('2025-06-10 08:00');
    expect(() => requestDeadline('departmental', start, { ...policy, timeZone: 'Mars/Olympus' }, noExceptions)).toThrow(RangeError);
    expect(() => requestDeadline('departmental', start, { ...policy, sessionStarts: { morning: '7:00', afternoon: '13:00' } }, noExceptions)).toThrow(
      RangeError,
    );
    expect(() => requestDeadline('departmental', start, { ...policy, workingDays: [] }, noExceptions)).toThrow(RangeError);
    expect(() => requestDeadline('departmental', new Date(NaN), policy, noExceptions)).toThrow(RangeError);
  });
});

describe('Art. 6.5: urgent meetings', () => {
  it('Art. 6.5: an emergency meeting must reach the bridge at least 3 hours before it starts', () => {
    const start = at('2025-06-10 14:00');
    expect(leadTimeCheck('emergency', start, at('2025-06-10 11:00'), policy, noExceptions)).toEqual({ ok: true });
    expect(leadTimeCheck('emergency', start, at('2025-06-10 11:01'), policy, noExceptions)).toEqual({
      ok: false,
      deadline: at('2025-06-10 11:00'),
      article: '6.5',
    });
  });

  it('Art. 6.5: an emergency meeting ignores sessions and weekends', () => {
    expect(requestDeadline('emergency', at('2025-06-08 09:00'), policy, noExceptions)).toEqual({ deadline: at('2025-06-08 06:00'), article: '6.5' });
  });

  it('Art. 6.5: the emergency lead time comes from the policy', () => {
    expect(requestDeadline('emergency', at('2025-06-10 14:00'), { ...policy, emergencyLeadMinutes: 90 }, noExceptions).deadline).toEqual(
      at('2025-06-10 12:30'),
    );
  });
});

describe('Art. 6.4: public holidays hold no preparation session (Labour Code 2019 Art. 112)', () => {
  // Tết Bính Ngọ: Monday 16 to Friday 20 February 2026 off; National Day 2026: Tuesday 1 and Wednesday 2 September.
  const holidays: WorkCalendar = {
    daysOff: new Set(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-09-01', '2026-09-02']),
    makeUpDays: new Set(),
  };
  const deadline = (start: string, days: WorkCalendar = holidays) => requestDeadline('departmental', at(start), policy, days).deadline;

  it('Art. 6.4: a meeting the morning after Tết must be requested before Tết, by Friday 13 February 13:00', () => {
    expect(deadline('2026-02-23 08:00', noExceptions)).toEqual(at('2026-02-20 13:00'));
    expect(deadline('2026-02-23 08:00')).toEqual(at('2026-02-13 13:00'));
  });

  it('Art. 6.4: a request for the morning after Tết made during Tết is refused, naming the deadline before Tết', () => {
    expect(leadTimeCheck('provincial', at('2026-02-23 08:00'), at('2026-02-19 10:00'), policy, holidays)).toEqual({
      ok: false,
      deadline: at('2026-02-13 13:00'),
      article: '6.4',
    });
    expect(leadTimeCheck('provincial', at('2026-02-23 08:00'), at('2026-02-13 12:00'), policy, holidays)).toEqual({ ok: true });
  });

  it('Art. 6.4: the afternoon after Tết is prepared the same morning, and a meeting during Tết the last working morning before it', () => {
    expect(deadline('2026-02-23 14:00')).toEqual(at('2026-02-23 07:00'));
    expect(deadline('2026-02-18 09:00')).toEqual(at('2026-02-13 07:00'));
  });

  it('Art. 6.4: a meeting on Thursday 3 September 2026, after the 2/9 holidays, is prepared Monday 31 August afternoon', () => {
    expect(deadline('2026-09-03 08:00', noExceptions)).toEqual(at('2026-09-02 13:00'));
    expect(deadline('2026-09-03 08:00')).toEqual(at('2026-08-31 13:00'));
  });

  it('Art. 6.4: a make-up working Saturday holds sessions like any working day', () => {
    const swapped: WorkCalendar = { daysOff: new Set(['2026-01-02']), makeUpDays: new Set(['2026-01-10']) };
    // Monday 12 January 2026 08:00 is prepared on the worked Saturday afternoon, not on Friday.
    expect(deadline('2026-01-12 08:00', swapped)).toEqual(at('2026-01-10 13:00'));
    // Monday 5 January 08:00: Friday 2 January is off (1 January is not in this calendar), so Thursday afternoon.
    expect(deadline('2026-01-05 08:00', swapped)).toEqual(at('2026-01-01 13:00'));
  });

  it('Art. 6.4: a calendar with no working day in a year is refused rather than searched forever', () => {
    const everyDay = new Set(Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10)));
    expect(() => deadline('2026-01-12 08:00', { daysOff: everyDay, makeUpDays: new Set() })).toThrow(RangeError);
  });

  it('Art. 6.5: an urgent meeting ignores holidays too', () => {
    expect(requestDeadline('emergency', at('2026-02-18 10:00'), policy, holidays)).toEqual({ deadline: at('2026-02-18 07:00'), article: '6.5' });
  });
});
