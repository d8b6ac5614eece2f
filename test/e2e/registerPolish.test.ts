import path from 'node:path';
import type { Socket } from 'socket.io-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDay, ConferenceState, MeetingView, Result, SiteView, UnitView, UserView } from '@diemcau/shared';
import { apiClient, startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium, screenshot, SCREENSHOT_DIR } from './browser';
import { openChairConsole } from './conferencePages';
import { logIn, openOfficeApp, screenshotFullPage, weekdayAhead } from './officePage';

/*
 * Issue 13's screens, in Vietnamese and English: the holiday calendar, changing a role, a
 * pre-emption's reason on the meeting page, and the chair's voice-activation settings.
 */

let platform: TestPlatform;
let browser: Browser;
let preemptedId: string;
let roleUserId: number;
const day = weekdayAhead();
const provincialTitle = 'Họp UBND tỉnh về phòng chống bão';

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform();
  browser = await launchChromium();
  const office = apiClient(platform.url, await platform.login('vanphong'));
  const organizer = apiClient(platform.url, await platform.login('sotttt'));
  const admin = apiClient(platform.url, await platform.login('admin'));
  const sites = (await office<SiteView[]>('GET', '/sites')).body;
  const units = (await office<UnitView[]>('GET', '/units')).body;
  const siteIds = [sites.find((site) => site.code === 'bac-ai')!.id];
  const booking = {
    kind: 'departmental',
    chairPerson: 'Giám đốc Sở',
    attestsNotSecret: true,
    startsAt: `${day}T09:00:00+07:00`,
    endsAt: `${day}T10:00:00+07:00`,
    siteIds,
  };
  const requested = await organizer<MeetingView>('POST', '/meetings', {
    ...booking,
    title: 'Tập huấn chuyển đổi số',
    hostUnitId: units.find((u) => u.code === 'stttt')!.id,
  });
  preemptedId = requested.body.id;
  await office('POST', `/meetings/${preemptedId}/approve`);
  const provincial = await office<MeetingView>('POST', '/meetings', {
    ...booking,
    kind: 'provincial',
    title: provincialTitle,
    hostUnitId: units.find((u) => u.code === 'ubnd-tinh')!.id,
    approve: true,
  });
  expect(provincial.status).toBe(201);
  expect((await office<MeetingView>('GET', `/meetings/${preemptedId}`)).body.status).toBe('preempted');
  const created = await admin<UserView>('POST', '/users', {
    username: 'nguyenvanb',
    displayName: 'Nguyễn Văn B',
    role: 'organizer',
    password: 'mat-khau-du-dai-1',
  });
  roleUserId = created.body.id;
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe('the admin keeps the holiday calendar and changes roles', () => {
  let admin: Page;

  it('lists the seeded public holidays by year and adds a make-up working Saturday', async () => {
    admin = await openOfficeApp(browser, platform, 'admin');
    await logIn(admin, platform, 'admin');
    await admin.getByRole('link', { name: 'Ngày nghỉ lễ' }).click();
    const year = Number(await admin.getByTestId('holiday-year').textContent());
    await admin.locator(`tr[data-date="${year}-01-01"]`).waitFor();
    expect(await admin.locator(`tr[data-date="${year}-01-01"]`).textContent()).toContain('Tết Dương lịch');
    await admin.getByRole('button', { name: 'Năm sau' }).click();
    await admin.locator('tr[data-date="2027-02-08"]').waitFor();
    expect(await admin.locator('tr[data-date="2027-02-08"]').textContent()).toContain('Tết Nguyên đán');

    await admin.getByRole('button', { name: 'Thêm ngày' }).click();
    await admin.locator('input[name=date]').fill('2027-02-20');
    await admin.locator('select[name=kind]').selectOption('make-up');
    await admin.locator('select[name=occasion]').selectOption('lunar-new-year');
    await admin.locator('input[name=note]').fill('Làm bù cho ngày nghỉ Tết');
    await screenshot(admin, 'office-admin-holiday-dialog');
    await admin.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
    await admin.locator('tr[data-date="2027-02-20"]').waitFor();
    expect(await admin.locator('tr[data-date="2027-02-20"]').textContent()).toContain('Ngày làm bù');
    await screenshotFullPage(admin, 'office-admin-holidays');
    const stored = (await apiClient(platform.url, await platform.login('admin'))<CalendarDay[]>('GET', '/calendar-days?year=2027')).body;
    expect(stored.find((entry) => entry.date === '2027-02-20')).toEqual({
      date: '2027-02-20',
      kind: 'make-up',
      occasion: 'lunar-new-year',
      note: 'Làm bù cho ngày nghỉ Tết',
    });
  });

  it('changes a role from the users screen; the user is signed out at once', async () => {
    const login = await apiClient(platform.url)<{ accessToken: string }>('POST', '/auth/login', { username: 'nguyenvanb', password: 'mat-khau-du-dai-1' });
    const before = login.body.accessToken;
    expect((await apiClient(platform.url, before)('GET', '/auth/me')).status).toBe(200);

    await admin.getByRole('link', { name: 'Tài khoản' }).click();
    const row = admin.locator('tr[data-username="nguyenvanb"]');
    await row.getByRole('button', { name: 'Đổi vai trò' }).click();
    await admin.locator('select[name=role]').selectOption('site-technician');
    await admin.locator('select[name=siteId]').selectOption({ label: 'Huyện Bác Ái' });
    await screenshot(admin, 'office-admin-user-role');
    await admin.getByRole('dialog').getByRole('button', { name: 'Lưu vai trò mới' }).click();
    await expect.poll(() => row.textContent()).toContain('Kỹ thuật viên điểm cầu');
    expect((await apiClient(platform.url, before)('GET', '/auth/me')).status).toBe(401);
    const users = (await apiClient(platform.url, await platform.login('admin'))<UserView[]>('GET', '/users')).body;
    expect(users.find((user) => user.id === roleUserId)).toMatchObject({ role: 'site-technician' });
  });

  it('shows the same screens in English', async () => {
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('link', { name: 'Holidays' }).click();
    await admin.locator('tr[data-date$="-09-02"]').waitFor();
    expect(await admin.locator('tr[data-date$="-09-02"]').textContent()).toContain('National Day 2/9');
    await screenshotFullPage(admin, 'office-admin-holidays-english');
    await admin.getByRole('link', { name: 'Accounts' }).click();
    await admin.locator('tr[data-username="nguyenvanb"]').getByRole('button', { name: 'Change role' }).click();
    expect(await admin.getByRole('dialog').textContent()).toContain('signed out everywhere');
    await screenshot(admin, 'office-admin-user-role-english');
    await admin.context().close();
  });
});

describe('a pre-empted meeting tells its organizer why, in their language', () => {
  it('the meeting page names the provincial meeting that took the slot (Art. 4.2)', async () => {
    const organizer = await openOfficeApp(browser, platform, 'sotttt');
    await logIn(organizer, platform, 'sotttt');
    await organizer.goto(`${platform.url}/calendar?meeting=${preemptedId}`);
    const reason = organizer.getByRole('dialog').getByTestId('decision-reason');
    await expect.poll(() => reason.textContent(), { timeout: 10_000 }).toBe(`Phải nhường lịch cho cuộc họp của UBND tỉnh “${provincialTitle}” (Điều 4.2).`);
    await screenshot(organizer, 'office-meeting-preempted');
    await organizer.keyboard.press('Escape');
    await organizer.getByRole('button', { name: 'English' }).click();
    await organizer.goto(`${platform.url}/calendar?meeting=${preemptedId}`);
    await expect
      .poll(() => organizer.getByRole('dialog').getByTestId('decision-reason').textContent(), { timeout: 10_000 })
      .toBe(`Gave way to the Provincial Committee's meeting “${provincialTitle}” (Art. 4.2).`);
    await screenshot(organizer, 'office-meeting-preempted-english');
    await organizer.keyboard.press('Escape');
    await organizer.getByRole('button', { name: /^Notifications/ }).click();
    expect(await organizer.locator('.bell-item[data-kind="meeting-preempted"]').textContent()).toContain(
      `had to give way to the Provincial Committee's meeting “${provincialTitle}” (Art. 4.2)`,
    );
    await screenshot(organizer, 'office-notification-preempted-english');
    await organizer.context().close();
  });
});

describe('the chair sets the voice-activation hold and minimum speech level', () => {
  it('the console sends them to the bridge, which keeps them with the conference', async () => {
    const chair = await openChairConsole(browser, platform);
    const panel = chair.locator('section[aria-labelledby="voice-heading"]');
    await panel.scrollIntoViewIfNeeded();
    const [hold, level] = [panel.locator('output').first(), panel.locator('output').last()];
    expect([await hold.textContent(), await level.textContent()]).toEqual(['2 giây', '-50 dB']);
    /** One arrow key at a time, each sent on release; the next waits until the bridge's answer shows. */
    const stepUp = async (slider: string, output: typeof hold, readings: string[]) => {
      await panel.locator(`input[name="${slider}"]`).focus();
      for (const reading of readings) {
        await chair.keyboard.press('ArrowRight');
        await expect.poll(() => output.textContent()).toBe(reading);
      }
    };
    await stepUp('voice-hold', hold, ['2,5 giây', '3 giây', '3,5 giây', '4 giây']);
    await stepUp('voice-min-level', level, ['-49 dB', '-48 dB', '-47 dB', '-46 dB', '-45 dB']);
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'chair-voice-panel.png') });

    // What the bridge kept, as a second console attaching to the meeting finds it.
    const socket = platform.connect('/chair', { token: await platform.login('chutoa') }) as unknown as Socket;
    const live = (await apiClient(platform.url, await platform.login('vanphong'))<MeetingView[]>('GET', '/meetings?status=live')).body[0]!;
    const keptVoice = async () => {
      const attached = (await socket.emitWithAck('chair:attach', { meetingId: live.id })) as Result<ConferenceState>;
      return attached.ok ? attached.data.voice : undefined;
    };
    await expect.poll(keptVoice, { timeout: 10_000 }).toMatchObject({ holdSeconds: 4, minSpeechDb: -45 });

    await chair.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => panel.locator('output').first().textContent()).toBe('4 s');
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'chair-voice-panel-english.png') });
    await chair.context().close();
  });
});
