import { describe, expect, it } from 'vitest';
import {
  findConflicts,
  leadTimeCheck,
  suggestFreeSlots,
  type BookedMeeting,
  type MeetingCandidate,
  type TimeSlot,
  noExceptions,
  withinOfficeHours,
  type WorkCalendar,
} from '../../../src/meetings/rules';
import { at, candidate, CHAIR, meeting, policy } from './fixtures';

const starts = (slots: TimeSlot[]) => slots.map((s) => s.startsAt);

describe('free-slot suggestions', () => {
  const longAgo = at('2025-06-02 08:00');

  it('Art. 4.2: offers the three nearest free starts of the same duration inside office hours, earlier first on a tie', () => {
    const busy = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 11:00' });
    const wanted = candidate({ from: '2025-06-10 09:00', to: '2025-06-10 10:00' });
    const slots = suggestFreeSlots(wanted, [busy], policy, longAgo, noExceptions);
    // 11:00–12:00 would run into the lunch break, 06:30 is before the office opens.
    expect(slots).toEqual([
      { startsAt: at('2025-06-10 07:00'), endsAt: at('2025-06-10 08:00') },
      { startsAt: at('2025-06-10 13:00'), endsAt: at('2025-06-10 14:00') },
      { startsAt: at('2025-06-10 13:30'), endsAt: at('2025-06-10 14:30') },
    ]);
  });

  it('Art. 4.2: a provincial candidate is offered only truly free slots, not ones it could pre-empt', () => {
    const dept = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 11:00', kind: 'departmental' });
    const wanted = candidate({ from: '2025-06-10 09:00', to: '2025-06-10 10:00', kind: 'provincial' });
    expect(starts(suggestFreeSlots(wanted, [dept], policy, longAgo, noExceptions))).toEqual([
      at('2025-06-10 07:00'),
      at('2025-06-10 13:00'),
      at('2025-06-10 13:30'),
    ]);
  });

  it('Art. 10: slots that would exceed the bridge limit are not offered', () => {
    const other = meeting({ from: '2025-06-10 09:00', to: '2025-06-10 10:00', siteIds: [2] });
    const wanted = candidate({ from: '2025-06-10 09:00', to: '2025-06-10 10:00', siteIds: [3] });
    expect(starts(suggestFreeSlots(wanted, [other], { ...policy, maxConcurrentMeetings: 1 }, longAgo, noExceptions))).toEqual([
      at('2025-06-10 08:00'),
      at('2025-06-10 10:00'),
      at('2025-06-10 07:30'),
    ]);
  });

  it('Art. 4.2: requests do not make a slot busy', () => {
    const pending = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 11:00', status: 'requested', approvedAt: null });
    const wanted = candidate({ from: '2025-06-10 09:00', to: '2025-06-10 10:00' });
    expect(starts(suggestFreeSlots(wanted, [pending], policy, longAgo, noExceptions))).toEqual([
      at('2025-06-10 08:30'),
      at('2025-06-10 09:30'),
      at('2025-06-10 08:00'),
    ]);
  });

  it('Art. 6.4: earlier slots whose preparation session has already begun are not offered', () => {
    const busy = meeting({ from: '2025-06-10 13:00', to: '2025-06-10 16:00' });
    const wanted = candidate({ from: '2025-06-10 14:00', to: '2025-06-10 15:00' });
    // Before Monday 13:00 the Tuesday-morning slots can still be prepared …
    expect(starts(suggestFreeSlots(wanted, [busy], policy, at('2025-06-09 12:00'), noExceptions))).toEqual([
      at('2025-06-10 16:00'),
      at('2025-06-10 10:30'),
      at('2025-06-10 10:00'),
    ]);
    // … after it, only the afternoon is still reachable, then the next morning.
    expect(starts(suggestFreeSlots(wanted, [busy], policy, at('2025-06-09 13:30'), noExceptions))).toEqual([
      at('2025-06-10 16:00'),
      at('2025-06-11 07:00'),
      at('2025-06-11 07:30'),
    ]);
  });

  it('Art. 6.5: nothing is offered in the past, even for an urgent meeting with no lead time', () => {
    const wanted = candidate({ from: '2025-06-10 10:30', to: '2025-06-10 11:30', kind: 'emergency' });
    const noLead = { ...policy, emergencyLeadMinutes: 0 };
    expect(starts(suggestFreeSlots(wanted, [], noLead, at('2025-06-10 10:00'), noExceptions))).toEqual([
      at('2025-06-10 10:00'),
      at('2025-06-10 11:00'),
      at('2025-06-10 11:30'),
    ]);
  });

  it('Art. 10: the search stops at slotSearchDays and may come back empty', () => {
    const blocked = meeting({ from: '2025-06-06 00:00', to: '2025-06-13 00:00' });
    const wanted = candidate({ from: '2025-06-10 09:00', to: '2025-06-10 10:00' });
    expect(suggestFreeSlots(wanted, [blocked], { ...policy, slotSearchDays: 1 }, longAgo, noExceptions)).toEqual([]);
    expect(starts(suggestFreeSlots(wanted, [blocked], { ...policy, slotSearchDays: 3 }, longAgo, noExceptions))[0]).toEqual(at('2025-06-13 07:00'));
  });

  it('Art. 10: steps follow slotStepMinutes', () => {
    const busy = meeting({ from: '2025-06-10 08:00', to: '2025-06-10 11:00' });
    const wanted = candidate({ from: '2025-06-10 09:00', to: '2025-06-10 10:00' });
    expect(starts(suggestFreeSlots(wanted, [busy], { ...policy, slotStepMinutes: 15 }, longAgo, noExceptions))).toEqual([
      at('2025-06-10 07:00'),
      at('2025-06-10 13:00'),
      at('2025-06-10 13:15'),
    ]);
  });

  it('Art. 10: a booked meeting being moved does not block its own new slot', () => {
    const own = meeting({ from: '2025-06-10 09:00', to: '2025-06-10 10:00' });
    const wanted: MeetingCandidate = { ...candidate({ from: '2025-06-10 09:00', to: '2025-06-10 10:00' }), id: own.id };
    expect(starts(suggestFreeSlots(wanted, [own], policy, longAgo, noExceptions))[0]).toEqual(at('2025-06-10 08:30'));
  });

  it('office hours: nothing before opening, across the lunch break or after closing, except for an urgent meeting', () => {
    const busy = meeting({ from: '2025-06-10 07:00', to: '2025-06-10 17:00' });
    const wanted = candidate({ from: '2025-06-10 08:00', to: '2025-06-10 09:00' });
    const slots = suggestFreeSlots(wanted, [busy], policy, longAgo, noExceptions);
    expect(starts(slots)).toEqual([at('2025-06-09 16:00'), at('2025-06-09 15:30'), at('2025-06-09 15:00')]);
    // Art. 6.5: an urgent meeting may be placed whenever the bridge is free, early morning included.
    const urgent = candidate({ from: '2025-06-10 08:00', to: '2025-06-10 09:00', kind: 'emergency' });
    expect(starts(suggestFreeSlots(urgent, [busy], policy, longAgo, noExceptions))).toEqual([
      at('2025-06-10 06:00'),
      at('2025-06-10 05:30'),
      at('2025-06-10 05:00'),
    ]);
  });

  it('office hours come from the policy', () => {
    const wanted = candidate({ from: '2025-06-10 06:00', to: '2025-06-10 07:00' });
    const early = { ...policy, officeHours: [{ start: '05:30', end: '07:30' }] };
    expect(starts(suggestFreeSlots(wanted, [], early, longAgo, noExceptions))).toEqual([
      at('2025-06-10 05:30'),
      at('2025-06-10 06:30'),
      at('2025-06-09 06:30'),
    ]);
  });

  it('Art. 6.4: no slot is offered on a public holiday, but one is on a make-up working Saturday', () => {
    // Tết 2026: Monday 16 to Friday 20 February are days off.
    const tet = ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'];
    const wanted = candidate({ from: '2026-02-18 08:00', to: '2026-02-18 09:00' });
    const now = at('2026-02-02 08:00');
    const suggest = (days: WorkCalendar) => starts(suggestFreeSlots(wanted, [], policy, now, days));
    expect(suggest(noExceptions)).toEqual([at('2026-02-18 07:30'), at('2026-02-18 08:30'), at('2026-02-18 07:00')]);
    // The nearest working afternoon before Tết …
    expect(suggest({ daysOff: new Set(tet), makeUpDays: new Set() })).toEqual([at('2026-02-13 16:00'), at('2026-02-13 15:30'), at('2026-02-13 15:00')]);
    // … unless Saturday 21 February is worked in exchange.
    expect(suggest({ daysOff: new Set(tet), makeUpDays: new Set(['2026-02-21']) })).toEqual([
      at('2026-02-21 07:00'),
      at('2026-02-21 07:30'),
      at('2026-02-21 08:00'),
    ]);
  });

  it('Art. 10: with 100 sites and 300 meetings it is fast and matches a brute-force search', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const calendar: BookedMeeting[] = [];
    for (let i = 0; i < 300; i++) {
      const day = 9 + Math.floor(random() * 12);
      const hour = 7 + Math.floor(random() * 10);
      const startsAt = new Date(Date.UTC(2025, 5, day, hour - 7, random() < 0.5 ? 0 : 30));
      const siteIds = [CHAIR, ...Array.from({ length: 1 + Math.floor(random() * 30) }, () => 2 + Math.floor(random() * 99))];
      calendar.push({
        id: `b${i}`,
        title: `Busy ${i}`,
        kind: random() < 0.5 ? 'provincial' : 'departmental',
        status: random() < 0.8 ? 'approved' : 'requested',
        startsAt,
        endsAt: new Date(startsAt.getTime() + (1 + Math.floor(random() * 4)) * 30 * 60_000),
        siteIds: random() < 0.3 ? siteIds : siteIds.slice(1),
        approvedAt: null,
      });
    }
    const wanted = candidate({ from: '2025-06-12 09:00', to: '2025-06-12 11:00', siteIds: Array.from({ length: 100 }, (_, i) => i + 1) });
    const now = at('2025-06-09 08:00');

    const started = performance.now();
    const slots = suggestFreeSlots(wanted, calendar, policy, now, noExceptions);
    const elapsed = performance.now() - started;

    const step = policy.slotStepMinutes * 60_000;
    const expected: Date[] = [];
    for (let k = 1; k <= (policy.slotSearchDays * 86_400_000) / step && expected.length < 3; k++) {
      for (const sign of [-1, 1]) {
        const startsAt = new Date(wanted.startsAt.getTime() + sign * k * step);
        const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
        const free = findConflicts({ ...wanted, startsAt, endsAt }, calendar, policy).length === 0;
        const bookable = startsAt >= now && leadTimeCheck(wanted.kind, startsAt, now, policy, noExceptions).ok;
        const officeTime = withinOfficeHours({ startsAt, endsAt }, policy, noExceptions);
        if (free && bookable && officeTime && expected.length < 3) expected.push(startsAt);
      }
    }
    expect(expected).toHaveLength(3);
    expect(starts(slots)).toEqual(expected);
    expect(elapsed).toBeLessThan(1000);
  });
});
