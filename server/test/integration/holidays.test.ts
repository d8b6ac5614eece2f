import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingCheck, CalendarDay, MeetingView, ProtocolError, SiteView } from '@diemcau/shared';
import { apiClient, startTestPlatform, TestClock, type TestPlatform } from './harness';

/** Monday 9 February 2026, 09:00 in Vietnam: the week before Tết Bính Ngọ. */
const clock = new TestClock(new Date('2026-02-09T09:00:00+07:00'));
const at = (local: string) => new Date(`${local}+07:00`).toISOString();

let platform: TestPlatform;
let api: Record<string, ReturnType<typeof apiClient>>;
let siteIds: Record<string, number>;
let hostUnitId: number;

/** After the test clock jumps, earlier access tokens have expired, as they would in real life. */
async function login(...users: string[]) {
  for (const user of users) api[user] = apiClient(platform.url, await platform.login(user));
}

beforeAll(async () => {
  platform = await startTestPlatform({ now: clock.now, manualScheduler: true });
  api = {};
  await login('admin', 'vanphong', 'sotttt');
  const sites = await api.admin!<SiteView[]>('GET', '/sites');
  siteIds = Object.fromEntries(sites.body.map((site) => [site.code, site.id]));
  hostUnitId = (await api.admin!<Array<{ id: number; code: string }>>('GET', '/units')).body.find((u) => u.code === 'stttt')!.id;
});
afterAll(async () => {
  await platform?.close();
});

const booking = (startsAt: string, endsAt: string, overrides: Record<string, unknown> = {}) => ({
  title: 'Giao ban sau Tết',
  kind: 'departmental',
  hostUnitId,
  chairPerson: 'Giám đốc Sở TT&TT',
  startsAt: at(startsAt),
  endsAt: at(endsAt),
  siteIds: [siteIds['bac-ai'], siteIds['ninh-son']],
  attestsNotSecret: true,
  ...overrides,
});
const deadlineFor = async (startsAt: string, endsAt: string) =>
  (await api.sotttt!<BookingCheck>('POST', '/meetings/check', booking(startsAt, endsAt))).body.leadTime.deadline;

describe('the holiday calendar (Labour Code 2019 Art. 112)', () => {
  it('is seeded with the public holidays of 2026 and 2027, the lunar ones as dates, readable by anyone who reads meetings', async () => {
    const year2026 = await api.sotttt!<CalendarDay[]>('GET', '/calendar-days?year=2026');
    expect(year2026.status).toBe(200);
    const byDate = new Map(year2026.body.map((day) => [day.date, day]));
    expect(byDate.get('2026-01-01')).toMatchObject({ kind: 'day-off', occasion: 'new-year' });
    expect(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((date) => byDate.get(date)?.occasion)).toEqual(
      Array(5).fill('lunar-new-year'),
    );
    // Giỗ Tổ 10/3 lunar is Sunday 26 April 2026, made up on Monday 27 April.
    expect(byDate.get('2026-04-27')).toMatchObject({ occasion: 'hung-kings' });
    expect(byDate.get('2026-09-02')).toMatchObject({ occasion: 'national-day' });
    const year2027 = await api.sotttt!<CalendarDay[]>('GET', '/calendar-days?year=2027');
    expect(year2027.body.filter((day) => day.occasion === 'lunar-new-year').map((day) => day.date)).toEqual([
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
    expect((await api.sotttt!('GET', '/calendar-days?year=twenty')).status).toBe(400);
  });

  it('Art. 6.4: a request for the morning after Tết must reach the Office before Tết', async () => {
    expect(await deadlineFor('2026-02-23T08:00:00', '2026-02-23T10:00:00')).toBe(at('2026-02-13T13:00:00'));
    clock.set(new Date(at('2026-02-13T14:00:00')));
    await login('sotttt');
    const late = await api.sotttt!<{ error: ProtocolError }>('POST', '/meetings', booking('2026-02-23T08:00:00', '2026-02-23T10:00:00'));
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'lead-time', details: { article: '6.4', deadline: at('2026-02-13T13:00:00') } });
  });

  it('the admin adds a make-up working Saturday, which holds a preparation session, and removes it; both are audited', async () => {
    await login('admin', 'vanphong', 'sotttt');
    const saturday = { kind: 'make-up', occasion: 'lunar-new-year', note: 'Làm bù theo thông báo của Bộ Nội vụ' };
    const added = await api.admin!<CalendarDay>('PUT', '/calendar-days/2026-02-21', saturday);
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ date: '2026-02-21', ...saturday });
    expect(await deadlineFor('2026-02-23T08:00:00', '2026-02-23T10:00:00')).toBe(at('2026-02-21T13:00:00'));

    expect((await api.admin!('DELETE', '/calendar-days/2026-02-21')).status).toBe(204);
    expect(await deadlineFor('2026-02-23T08:00:00', '2026-02-23T10:00:00')).toBe(at('2026-02-13T13:00:00'));

    const entries = (
      await api.admin!<Array<{ actor: string; action: string; before: unknown; after: unknown }>>('GET', '/audit?entityType=calendar-day&entityId=2026-02-21')
    ).body;
    expect(entries.map((entry) => entry.action)).toEqual(['calendar-day.remove', 'calendar-day.set']);
    expect(entries[1]).toMatchObject({ actor: 'user:admin', before: null, after: { date: '2026-02-21', kind: 'make-up' } });
    expect(entries[0]).toMatchObject({ before: { date: '2026-02-21', kind: 'make-up' } });
  });

  it('refuses edits by anyone but the admin, and input that makes no sense, writing nothing', async () => {
    const auditBefore = (await api.admin!<unknown[]>('GET', '/audit?entityType=calendar-day&limit=500')).body.length;
    expect((await api.vanphong!('PUT', '/calendar-days/2026-03-02', { kind: 'day-off', occasion: 'other' })).status).toBe(403);
    const weekday = await api.admin!<{ error: ProtocolError & { fields: Record<string, string> } }>('PUT', '/calendar-days/2026-03-02', {
      kind: 'make-up',
      occasion: 'other',
    });
    expect(weekday.status).toBe(400);
    expect(weekday.body.error.fields).toHaveProperty('date');
    expect((await api.admin!('PUT', '/calendar-days/2026-02-30', { kind: 'day-off', occasion: 'other' })).status).toBe(400);
    expect((await api.admin!('PUT', '/calendar-days/2026-03-02', { kind: 'holiday', occasion: 'other' })).status).toBe(400);
    expect((await api.admin!('DELETE', '/calendar-days/2026-03-03')).status).toBe(404);
    expect((await api.admin!<unknown[]>('GET', '/audit?entityType=calendar-day&limit=500')).body.length).toBe(auditBefore);
    expect((await api.admin!<CalendarDay[]>('GET', '/calendar-days?year=2026')).body.some((day) => day.date === '2026-03-02')).toBe(false);
  });

  it('Art. 6.4: the preparation reminder for the morning after Tết goes out before Tết', async () => {
    clock.set(new Date(at('2026-02-09T09:00:00')));
    await login('vanphong');
    const meeting = await api.vanphong!<MeetingView>('POST', '/meetings', {
      ...booking('2026-02-23T08:00:00', '2026-02-23T10:00:00', { kind: 'provincial', title: 'Họp UBND tỉnh đầu năm' }),
      approve: true,
    });
    expect(meeting.status).toBe(201);
    clock.set(new Date(at('2026-02-13T12:59:00')));
    expect(await platform.meetings.remindDue()).toBe(0);
    clock.set(new Date(at('2026-02-13T13:00:00')));
    expect(await platform.meetings.remindDue()).toBe(1);
  });

  it('free-slot suggestions skip Tết and stay inside office hours', async () => {
    clock.set(new Date(at('2026-02-09T09:00:00')));
    await login('sotttt');
    // The provincial meeting above holds Bác Ái on Monday 23 February 08:00–10:00.
    const check = await api.sotttt!<BookingCheck>('POST', '/meetings/check', booking('2026-02-23T08:00:00', '2026-02-23T10:00:00'));
    expect(check.body.conflicts).toHaveLength(1);
    const starts = check.body.suggestions.map((slot) => slot.startsAt);
    // 10:00–12:00 would cross the lunch break; the Friday before is a Tết day off.
    expect(starts).toEqual([at('2026-02-23T13:00:00'), at('2026-02-23T13:30:00'), at('2026-02-23T14:00:00')]);
  });
});
