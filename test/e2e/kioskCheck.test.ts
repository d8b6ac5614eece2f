import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView } from '@diemcau/shared';
import { apiClient, startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium, screenshot } from './browser';
import { openKiosk } from './kioskPage';
import { logIn, openOfficeApp } from './officePage';
import { readinessOf, runCheck } from './technicianPage';

let platform: TestPlatform;
let browser: Browser;
let meeting: MeetingView;

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform({ workers: 1 });
  browser = await launchChromium();
  [meeting] = (await apiClient(platform.url, await platform.login('vanphong'))<MeetingView[]>('GET', '/meetings?status=live')).body as [MeetingView];
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe('a technician checks the room from its kiosk (Art. 6.4)', () => {
  it('the board first shows Bác Ái unchecked', async () => {
    expect(await readinessOf(platform, meeting.id, 'bac-ai')).toBe('missing');
  });

  it('opens technician mode with the keyboard, logs in, runs the check, and the board turns green', async () => {
    const kiosk = await openKiosk(browser, platform, 'bac-ai');
    await expect.poll(() => kiosk.evaluate(() => window.diemcauKiosk!.view.phase), { timeout: 30_000 }).toBe('live');
    await kiosk.keyboard.press('Control+Alt+K');
    const dialog = kiosk.getByRole('dialog', { name: 'Chế độ kỹ thuật — kiểm tra kết nối' });
    await dialog.waitFor();
    // Another site's technician is refused.
    await dialog.locator('input[name=username]').fill('vnpt-khong-co');
    await dialog.locator('input[name=password]').fill('sai-mat-khau');
    await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu.');

    await dialog.locator('input[name=username]').fill('kythuat.bacai');
    await dialog.locator('input[name=password]').fill(platform.passwordOf('kythuat.bacai'));
    await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    const { result } = await runCheck(kiosk, 'kiosk-technician-check');
    expect(result.runBy).toBe('kythuat.bacai');
    expect(result.meetingId).toBe(meeting.id);
    expect(result.items.find((item) => item.item === 'ice-udp')?.verdict).toBe('pass');
    await screenshot(kiosk, 'kiosk-technician-mode');

    const office = await openOfficeApp(browser, platform, 'vnpt');
    await logIn(office, platform, 'vnpt');
    await office.getByRole('link', { name: 'Sẵn sàng họp' }).click();
    const tile = office.locator(`[data-meeting-id="${meeting.id}"] [data-site-code="bac-ai"]`);
    // Green: passed, or passed with warnings when the machine under test is loaded.
    await expect.poll(() => tile.getAttribute('data-readiness'), { timeout: 15_000 }).toMatch(/^ready/);
    await screenshot(office, 'kiosk-technician-readiness');
  });
});
