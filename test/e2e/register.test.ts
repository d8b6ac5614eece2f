import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView, SiteView, UnitView } from '@diemcau/shared';
import { apiClient, startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium, screenshot } from './browser';
import { logIn, openOfficeApp, screenshotFullPage, weekdayAhead } from './officePage';

let platform: TestPlatform;
let browser: Browser;
/** How far the server's clock runs ahead of the real one: moved to let access tokens expire. */
let serverClockAhead = 0;
let sites: SiteView[];
let units: UnitView[];
const siteId = (code: string) => sites.find((site) => site.code === code)!.id;
const unitId = (code: string) => units.find((unit) => unit.code === code)!.id;

const day = weekdayAhead();
const provincialTitle = 'Hội nghị giao ban UBND tỉnh';
const requestTitle = 'Tập huấn chuyển đổi số cấp huyện';

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform({ now: () => new Date(Date.now() + serverClockAhead) });
  browser = await launchChromium();
  const office = apiClient(platform.url, await platform.login('vanphong'));
  sites = (await office<SiteView[]>('GET', '/sites')).body;
  units = (await office<UnitView[]>('GET', '/units')).body;
  // The Office's own meeting, already approved: the organizer's request will collide with it.
  const booked = await office<MeetingView>('POST', '/meetings', {
    title: provincialTitle,
    kind: 'provincial',
    hostUnitId: unitId('ubnd-tinh'),
    chairPerson: 'Chủ tịch UBND tỉnh',
    startsAt: `${day}T09:00:00+07:00`,
    endsAt: `${day}T11:00:00+07:00`,
    siteIds: [siteId('chair'), siteId('bac-ai')],
    approve: true,
  });
  expect(booked.body.status).toBe('approved');
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function requestedMeeting(): Promise<MeetingView | undefined> {
  const office = apiClient(platform.url, await platform.login('vanphong'));
  const { body } = await office<MeetingView[]>('GET', `/meetings?from=${day}T00:00:00%2B07:00&to=${day}T23:59:00%2B07:00`);
  return body.find((meeting) => meeting.title === requestTitle);
}

describe('booking a departmental meeting, from request to the calendar', () => {
  let organizer: Page;
  let meetingId: string;

  it('the organizer logs in and sees their name and role in Vietnamese', async () => {
    organizer = await openOfficeApp(browser, platform, 'sotttt');
    await screenshot(organizer, 'office-login');
    await logIn(organizer, platform, 'sotttt');
    await expect.poll(() => organizer.getByTestId('current-user').textContent()).toBe('Sở Thông tin và Truyền thôngSở Thông tin và Truyền thông');
    // The Department books like any department, and compiles reports and answers feedback; it neither approves nor administers.
    const nav = await organizer.getByRole('navigation', { name: 'Các mục chính' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Lịch họp', 'Đăng ký họp', 'Báo cáo', 'Phản ánh, kiến nghị', 'Nhật ký']);
  });

  it('the request form names what is missing, in plain Vietnamese, before sending anything', async () => {
    await organizer.getByRole('link', { name: 'Đăng ký họp' }).click();
    await organizer.getByRole('button', { name: 'Gửi đăng ký' }).click();
    const errors = await organizer.locator('.field-error').allTextContents();
    expect(errors).toEqual(
      expect.arrayContaining(['Hãy ghi tên cuộc họp (ít nhất 3 ký tự).', 'Hãy điền ô này.', 'Hãy chọn ngày và giờ bắt đầu.', 'Hãy chọn giờ kết thúc.']),
    );
    expect(await organizer.locator('.notice-error').textContent()).toBe('Hãy sửa các ô có ghi chú màu đỏ.');
    await screenshotFullPage(organizer, 'office-request-errors');
  });

  it('the request form warns of the collision with the approved meeting and offers free slots', async () => {
    await organizer.locator('input[name=title]').fill(requestTitle);
    await organizer.locator('input[name=kind][value=departmental]').check();
    await organizer.locator('input[name=chairPerson]').fill('Giám đốc Sở Thông tin và Truyền thông');
    await organizer.locator('input[name=date]').fill(day);
    // The end follows an hour after the start until it is chosen.
    await organizer.locator('select[name=startTimeHour]').selectOption('09');
    expect(await organizer.locator('select[name=endTimeHour]').inputValue()).toBe('10');
    // The chair site is ticked already; two districts join.
    expect(await organizer.locator(`input[name=siteIds][value="${siteId('chair')}"]`).isChecked()).toBe(true);
    await organizer.locator(`input[name=siteIds][value="${siteId('bac-ai')}"]`).check();
    await organizer.locator(`input[name=siteIds][value="${siteId('ninh-son')}"]`).check();
    await organizer.locator('input[name=attestsNotSecret]').check();

    const feedback = organizer.getByTestId('booking-feedback');
    await expect.poll(() => feedback.getByTestId('conflicts').textContent(), { timeout: 10_000 }).toContain(provincialTitle);
    const conflicts = await feedback.getByTestId('conflicts').textContent();
    expect(conflicts).toContain('Văn phòng UBND tỉnh, Huyện Bác Ái');
    expect(await feedback.textContent()).toContain('Trùng lịch với 1 cuộc họp đã duyệt');
    expect(await feedback.textContent()).toContain('Còn kịp hạn đăng ký');
    await screenshotFullPage(organizer, 'office-request-conflict');

    // The nearest free slot is the hour before the provincial meeting.
    const suggestion = feedback.getByTestId('suggestions').getByRole('button').first();
    expect(await suggestion.textContent()).toContain('08:00–09:00');
    await suggestion.click();
    const shownTime = (name: string) =>
      Promise.all([organizer.locator(`select[name=${name}Hour]`).inputValue(), organizer.locator(`select[name=${name}Minute]`).inputValue()]).then((parts) =>
        parts.join(':'),
      );
    expect(await shownTime('startTime')).toBe('08:00');
    expect(await shownTime('endTime')).toBe('09:00');
    await expect.poll(() => feedback.textContent(), { timeout: 10_000 }).toContain('Khung giờ còn trống ở tất cả các điểm cầu đã chọn.');
  });

  it('the organizer sends the request, stored at the Vietnam time entered', async () => {
    await organizer.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await organizer.getByTestId('request-sent').waitFor();
    expect(await organizer.getByTestId('request-sent').textContent()).toContain('Chờ duyệt');
    await screenshot(organizer, 'office-request-sent');

    const meeting = await requestedMeeting();
    expect(meeting).toMatchObject({ status: 'requested', kind: 'departmental', attestsNotSecret: true });
    // 08:00 in Vietnam (UTC+7), typed in a browser set to New York time.
    expect(new Date(meeting!.startsAt).toISOString()).toBe(new Date(`${day}T01:00:00Z`).toISOString());
    expect([...meeting!.siteIds].sort()).toEqual([siteId('chair'), siteId('bac-ai'), siteId('ninh-son')].sort());
    meetingId = meeting!.id;
  });

  it('the Office is notified, approves it in the queue, and the calendar shows it approved', async () => {
    const office = await openOfficeApp(browser, platform, 'vanphong');
    await logIn(office, platform, 'vanphong');
    // Its own provincial booking is announced to the Office too, so the count is not one.
    await expect.poll(async () => Number(await office.getByTestId('unread-count').textContent()), { timeout: 10_000 }).toBeGreaterThan(0);
    await office.getByRole('button', { name: /^Thông báo/ }).click();
    expect(await office.locator('.bell-panel').textContent()).toContain(`Có đăng ký họp mới chờ duyệt: “${requestTitle}”`);
    await screenshot(office, 'office-notifications');
    await office.keyboard.press('Escape');

    await office.getByRole('link', { name: 'Duyệt lịch' }).click();
    const item = office.locator(`.approval-item[data-meeting-id="${meetingId}"]`);
    await item.waitFor();
    await screenshotFullPage(office, 'office-approvals');
    await item.getByRole('button', { name: 'Duyệt' }).click();
    await expect.poll(() => office.locator('.notice-ok').textContent()).toContain(`Đã duyệt “${requestTitle}”`);
    expect((await requestedMeeting())?.status).toBe('approved');

    await office.goto(`${platform.url}/calendar?date=${day}`);
    const chips = office.locator(`.meeting-chip[data-meeting-id="${meetingId}"]`);
    await expect.poll(() => chips.count()).toBe(3);
    expect(await chips.first().getAttribute('data-status')).toBe('approved');
    expect(await chips.first().textContent()).toContain('08:00–09:00');
    await screenshotFullPage(office, 'office-calendar-week');

    await chips.first().click();
    const details = office.getByRole('dialog');
    await expect.poll(() => details.getByTestId('meeting-status').textContent()).toBe('Đã duyệt');
    expect(await details.getByTestId('meeting-facts').textContent()).toContain('Sở Thông tin và Truyền thông');
    await screenshot(office, 'office-meeting-details');
    await office.keyboard.press('Escape');

    await office.getByRole('button', { name: 'Ngày', exact: true }).click();
    await screenshotFullPage(office, 'office-calendar-day');
    await office.context().close();
  });

  it('the organizer hears of the approval in their own notifications', async () => {
    await organizer.reload();
    await expect.poll(() => organizer.getByTestId('unread-count').textContent(), { timeout: 10_000 }).toBe('1');
    await organizer.getByRole('button', { name: /^Thông báo/ }).click();
    expect(await organizer.locator('.bell-panel').textContent()).toContain(`Lịch họp “${requestTitle}”`);
    await organizer.keyboard.press('Escape');
  });

  it('a provincial meeting booked over it pre-empts it; the organizer is told why and rebooks from the notice', async () => {
    const office = await openOfficeApp(browser, platform, 'vanphong');
    await logIn(office, platform, 'vanphong');
    await office.getByRole('link', { name: 'Đăng ký họp' }).click();
    await office.locator('input[name=title]').fill('Họp khẩn phòng chống bão');
    expect(await office.locator('input[name=kind][value=provincial]').isChecked()).toBe(true);
    await office.locator('select[name=hostUnitId]').selectOption({ label: 'UBND tỉnh Ninh Thuận' });
    await office.locator('input[name=chairPerson]').fill('Chủ tịch UBND tỉnh');
    await office.locator('input[name=date]').fill(day);
    await office.locator('select[name=startTimeHour]').selectOption('07');
    await office.locator('select[name=startTimeMinute]').selectOption('30');
    await office.locator('select[name=endTimeHour]').selectOption('09');
    await office.locator('select[name=endTimeMinute]').selectOption('00');
    await office.locator(`input[name=siteIds][value="${siteId('ninh-hai')}"]`).check();
    const feedback = office.getByTestId('booking-feedback');
    await expect.poll(() => feedback.textContent(), { timeout: 10_000 }).toContain('phải nhường lịch');
    expect(await feedback.textContent()).toContain(requestTitle);
    await office.locator('input[name=approve]').check();
    await screenshotFullPage(office, 'office-request-preempts');
    await office.getByRole('button', { name: 'Đặt lịch và duyệt ngay' }).click();
    await expect.poll(() => office.getByTestId('request-sent').textContent()).toContain('Đã đặt lịch và duyệt');
    await office.context().close();

    await organizer.reload();
    await organizer.getByRole('button', { name: /^Thông báo/ }).click();
    const notice = organizer.locator('.bell-item[data-kind="meeting-preempted"]');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('phải nhường lịch cho cuộc họp của UBND tỉnh “Họp khẩn phòng chống bão”');
    await screenshot(organizer, 'office-notification-preempted');
    const slot = notice.locator('.bell-suggestions button').first();
    const slotText = (await slot.textContent())!;
    await slot.click();
    // The request form opens on the same meeting at the chosen free time.
    await expect.poll(() => organizer.locator('input[name=title]').inputValue()).toBe(requestTitle);
    expect(await organizer.getByTestId('time-readback').textContent()).toBe(`Họp vào: ${slotText}`);
    // The content must be attested afresh before the booking can go.
    await expect.poll(() => organizer.getByTestId('booking-feedback').textContent(), { timeout: 10_000 }).toContain('hãy đánh dấu ô xác nhận (Điều 4.2)');
    await screenshotFullPage(organizer, 'office-request-rebook');
    await organizer.context().close();
  });
});

describe('what each role sees', () => {
  it('a site technician keeps the on-duty list of their own site only', async () => {
    const technician = await openOfficeApp(browser, platform, 'kythuat.bacai');
    await logIn(technician, platform, 'kythuat.bacai');
    const nav = await technician.getByRole('navigation', { name: 'Các mục chính' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Lịch họp', 'Sẵn sàng họp', 'Kiểm tra kết nối', 'Sổ sự cố', 'Báo cáo', 'Phản ánh, kiến nghị', 'Điểm cầu']);
    await technician.getByRole('link', { name: 'Điểm cầu' }).click();
    await technician.locator('tr[data-site-code="bac-ai"]').waitFor();
    expect(await technician.locator('tr[data-site-code="bac-ai"] button').textContent()).toBe('Sửa');
    expect(await technician.locator('tr[data-site-code="ninh-son"] button').textContent()).toBe('Xem');
    await screenshot(technician, 'office-technician-sites');
    await technician.context().close();
  });
});

describe('administration screens', () => {
  it('the admin sees units, sites with contacts, accounts, kiosk links and the audit log', async () => {
    const admin = await openOfficeApp(browser, platform, 'admin');
    await logIn(admin, platform, 'admin');
    const nav = await admin.getByRole('navigation', { name: 'Các mục chính' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Lịch họp', 'Sổ sự cố', 'Phản ánh, kiến nghị', 'Đơn vị', 'Điểm cầu', 'Tài khoản', 'Đường dẫn kiosk', 'Ngày nghỉ lễ', 'Nhật ký']);

    await admin.getByRole('link', { name: 'Đơn vị' }).click();
    await admin.locator('tr[data-unit-code="stttt"]').waitFor();
    await screenshotFullPage(admin, 'office-admin-units');

    await admin.getByRole('link', { name: 'Điểm cầu' }).click();
    await admin.locator('tr[data-site-code="bac-ai"]').getByRole('button', { name: 'Sửa' }).click();
    await admin.locator('input[name=contactName]').fill('Nguyễn Văn Trực');
    await admin.locator('input[name=contactPhone]').fill('0259 3822 123');
    await admin.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await expect.poll(() => admin.locator('.contact-list').textContent()).toContain('Nguyễn Văn Trực');
    await screenshot(admin, 'office-admin-site');
    await admin.keyboard.press('Escape');

    await admin.getByRole('link', { name: 'Tài khoản' }).click();
    await admin.locator('tr[data-username="kythuat.bacai"]').waitFor();
    await screenshotFullPage(admin, 'office-admin-users');

    await admin.getByRole('link', { name: 'Đường dẫn kiosk' }).click();
    await admin.locator('tr[data-site-code="bac-ai"]').getByRole('button', { name: 'Hiện đường dẫn' }).click();
    await expect.poll(() => admin.getByTestId('kiosk-url').inputValue()).toContain('/kiosk?token=');
    await admin.locator('tr[data-site-code="bac-ai"]').getByRole('button', { name: 'Cấp đường dẫn mới' }).click();
    expect(await admin.getByRole('dialog').textContent()).toContain('Đường dẫn cũ ngừng hoạt động ngay lập tức');
    await screenshot(admin, 'office-admin-kiosk-rotate');
    await admin.getByRole('dialog').getByRole('button', { name: 'Thôi' }).click();

    await admin.getByRole('link', { name: 'Nhật ký' }).click();
    const approval = admin.locator('tr[data-action="meeting.approve"]').first();
    await approval.waitFor();
    expect(await approval.textContent()).toContain('vanphong');
    await approval.getByText('Xem trước và sau').click();
    await screenshot(admin, 'office-admin-audit');

    // Access tokens live 15 minutes; the next call after that refreshes the session unnoticed.
    const accessToken = () => admin.evaluate(() => (JSON.parse(localStorage.getItem('diemcau.session')!) as { accessToken: string }).accessToken);
    const expiring = await accessToken();
    serverClockAhead = 16 * 60_000;
    await admin.getByRole('link', { name: 'Tài khoản' }).click();
    await admin.locator('tr[data-username="vnpt"]').waitFor();
    expect(await accessToken()).not.toBe(expiring);
    expect(await admin.locator('.notice-error').count()).toBe(0);

    // The same screens in English, from the language switch.
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('link', { name: 'Calendar' }).click();
    await admin.getByRole('heading', { name: 'Online meeting calendar' }).waitFor();
    await screenshot(admin, 'office-calendar-english');

    await admin.getByRole('button', { name: 'Log out' }).click();
    await admin.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await admin.evaluate(() => localStorage.getItem('diemcau.session'))).toBeNull();
    await admin.context().close();
  });
});
