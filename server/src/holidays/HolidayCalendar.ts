import type { Knex } from 'knex';
import type { CalendarDay } from '@diemcau/shared';
import type { Principal } from '../auth/permissions';
import type { AuditLog } from '../audit/AuditLog';
import { DomainError } from '../errors';
import { isoWeekday, parseLocalDate } from '../meetings/rules/zonedTime';
import type { BookingPolicy, WorkCalendar } from '../meetings/rules';
import type { Database } from '../store/database';

type Executor = Knex.Transaction | Database;

const dayOf = (row: CalendarDay): CalendarDay => ({ date: row.date, kind: row.kind, occasion: row.occasion, note: row.note });

/**
 * Public holidays and make-up working days in the store: the admin edits them (each change
 * audited), and the register reads them as the work calendar its lead times, reminders and
 * free-slot suggestions run on.
 */
export class HolidayCalendar {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly policy: BookingPolicy,
  ) {}

  async year(year: number): Promise<CalendarDay[]> {
    const rows: CalendarDay[] = await this.db('calendar_days')
      .whereBetween('date', [`${year}-01-01`, `${year}-12-31`])
      .orderBy('date');
    return rows.map(dayOf);
  }

  /** The whole calendar: a few dozen rows a year, read at each booking decision. */
  async workCalendar(executor: Executor = this.db): Promise<WorkCalendar> {
    const rows: CalendarDay[] = await executor('calendar_days').select('date', 'kind');
    return {
      daysOff: new Set(rows.filter((row) => row.kind === 'day-off').map((row) => row.date)),
      makeUpDays: new Set(rows.filter((row) => row.kind === 'make-up').map((row) => row.date)),
    };
  }

  /** Adds the day or replaces what was recorded for it. */
  async set(principal: Principal, day: CalendarDay): Promise<CalendarDay> {
    // A make-up day makes a weekend a working day; on a working weekday it would mean nothing.
    if (day.kind === 'make-up' && this.policy.workingDays.includes(isoWeekday(parseLocalDate(day.date)))) {
      throw new DomainError('invalid-request', 'a make-up working day must fall on a day off of the week', { fields: { date: 'already a working day' } });
    }
    return this.db.transaction(async (trx) => {
      const before = await trx('calendar_days').where({ date: day.date }).first();
      if (before) await trx('calendar_days').where({ date: day.date }).update(day);
      else await trx('calendar_days').insert(day);
      await this.audit.record(trx, principal, {
        action: 'calendar-day.set',
        entityType: 'calendar-day',
        entityId: day.date,
        before: before ? dayOf(before) : null,
        after: day,
      });
      return day;
    });
  }

  async remove(principal: Principal, date: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const before = await trx('calendar_days').where({ date }).first();
      if (!before) throw new DomainError('not-found', 'no such day in the calendar');
      await trx('calendar_days').where({ date }).delete();
      await this.audit.record(trx, principal, { action: 'calendar-day.remove', entityType: 'calendar-day', entityId: date, before: dayOf(before) });
    });
  }
}
