import type { Knex } from 'knex';

type Seed = { date: string; kind: 'day-off'; occasion: string };
const off = (occasion: string, ...dates: string[]): Seed[] => dates.map((date) => ({ date, kind: 'day-off', occasion }));

/**
 * Vietnam's public holidays for 2026 and 2027 as weekdays off, by Labour Code 2019 Art. 112: New
 * Year 1/1; Tết Nguyên đán 5 days; Hùng Kings' day 10/3 lunar; 30/4; 1/5; National Day 2/9 and one
 * day next to it. A holiday falling on a weekend is made up on the next working day (Art. 112.3).
 * The lunar ones as solar dates (Vietnamese calendar, UTC+7):
 * - Tết Bính Ngọ is Tuesday 17/2/2026; the days off are Monday 16/2 to Friday 20/2 (the last day of
 *   the old year and the first four of the new), as the government announced.
 * - Tết Đinh Mùi is Saturday 6/2/2027; the seed takes the last day of the old year and the first
 *   four of the new (5/2 to 9/2), the weekend days made up on 10/2 and 11/2, until the Prime
 *   Minister announces the year's schedule.
 * - Giỗ Tổ Hùng Vương is Sunday 26/4/2026 (made up on Monday 27/4) and Friday 16/4/2027.
 * The day next to 2/9 is the government's choice each year: 1/9/2026 and 3/9/2027 here.
 * Make-up working Saturdays are decided year by year and added by the admin.
 */
const seed: Seed[] = [
  ...off('new-year', '2026-01-01', '2027-01-01'),
  ...off('lunar-new-year', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'),
  ...off('lunar-new-year', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'),
  ...off('hung-kings', '2026-04-27', '2027-04-16'),
  ...off('reunification', '2026-04-30', '2027-04-30'),
  ...off('labour-day', '2026-05-01', '2027-05-03'),
  ...off('national-day', '2026-09-01', '2026-09-02', '2027-09-02', '2027-09-03'),
];

/** The holiday calendar, and pre-emption reasons stored as a code with parameters. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('calendar_days', (table) => {
    /** Local date 'YYYY-MM-DD' in the booking time zone. */
    table.string('date', 10).primary();
    /** 'day-off' (a holiday or a day off given for one) or 'make-up' (a working day on a weekend). */
    table.string('kind', 10).notNullable();
    table.string('occasion', 30).notNullable();
    table.string('note', 200).notNullable().defaultTo('');
  });
  await db('calendar_days').insert(seed.map((day) => ({ ...day, note: '' })));
  await db.schema.alterTable('meetings', (table) => {
    /** Why the Office's decision went this way, as a code the client translates, e.g. 'preempted-by-priority'. */
    table.string('decision_code', 40);
    /** JSON parameters of that code. */
    table.text('decision_params');
  });
  // Earlier pre-emptions stored an English sentence; they become the code, the sentence is dropped.
  const earlier = await db('meetings').where({ status: 'preempted' }).select('id', 'decision_reason');
  for (const meeting of earlier) {
    const title = /"(.*)"/.exec(meeting.decision_reason ?? '')?.[1] ?? '';
    await db('meetings')
      .where({ id: meeting.id })
      .update({ decision_code: 'preempted-by-priority', decision_params: JSON.stringify({ byTitle: title, article: '4.2' }), decision_reason: null });
  }
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('meetings', (table) => {
    table.dropColumn('decision_code');
    table.dropColumn('decision_params');
  });
  await db.schema.dropTable('calendar_days');
}
