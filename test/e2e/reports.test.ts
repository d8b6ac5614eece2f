import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinMedia, nextEvent, startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium, screenshot } from './browser';
import { openChairConsole } from './conferencePages';
import { openKiosk } from './kioskPage';
import { logIn, openOfficeApp, screenshotFullPage } from './officePage';

/*
 * Records and reports in the browser: the chair console's live roll call as
 * kiosks join the demo meeting, then the Department's report screen with its
 * charts, in Vietnamese and English.
 */

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

const rollCallRow = (page: Page, site: string) => page.locator(`[data-testid="roll-call"] li[data-site="${site}"]`);

describe('the live roll call in the chair console', () => {
  it('shows every site absent, then present as its kiosk joins', async () => {
    const chair = await openChairConsole(browser, platform);
    await rollCallRow(chair, 'bac-ai').waitFor();
    expect(await rollCallRow(chair, 'bac-ai').getAttribute('data-status')).toBe('absent');
    expect(await chair.getByTestId('roll-call-summary').textContent()).toBe('Có mặt 0 · Muộn 0 · Vắng 8');

    // One real kiosk page, and one room that joins without media (as a kiosk with a broken camera would).
    await openKiosk(browser, platform, 'bac-ai');
    const ninhSon = platform.connectKiosk({ token: await platform.kioskToken('ninh-son') });
    await nextEvent(ninhSon, 'session:state');
    await joinMedia(ninhSon);

    for (const site of ['bac-ai', 'ninh-son']) {
      await chair.locator(`[data-testid="roll-call"] li[data-site="${site}"][data-online="true"]`).waitFor({ timeout: 30_000 });
      expect(await rollCallRow(chair, site).getAttribute('data-status')).not.toBe('absent');
    }
    expect(await chair.getByTestId('roll-call-summary').textContent()).toMatch(/Vắng 6$/);
    await screenshot(chair, 'roll-call-chair-console');

    ninhSon.disconnect();
    await chair.locator('[data-testid="roll-call"] li[data-site="ninh-son"][data-online="false"]').waitFor({ timeout: 30_000 });
    expect(await rollCallRow(chair, 'ninh-son').textContent()).toContain('mất kết nối');
  });
});

describe('the report screen for the Department (Art. 9, 15)', () => {
  it('draws the yearly report’s charts and figures, in Vietnamese and in English', async () => {
    const page = await openOfficeApp(browser, platform, 'sotttt');
    await logIn(page, platform, 'sotttt');
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByTestId('report').waitFor({ timeout: 30_000 });
    for (const chart of ['chart-meetings', 'chart-hours', 'chart-participation', 'chart-downtime', 'chart-checks', 'chart-feedback']) {
      await page.locator(`[data-testid="${chart}"] svg.recharts-surface`).first().waitFor();
    }
    // The demo meeting, live since the start: one meeting held, drawn as a bar of this month.
    expect(await page.locator('[data-figure="held"] .figure-value').textContent()).toBe('1');
    expect(await page.locator('[data-testid="chart-meetings"] .recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="chart-participation"] .recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    await screenshotFullPage(page, 'reports-vi');

    // The register shows the live meeting's attendance, with the kiosk that joined in the roll call test.
    const [live] = (await (
      await fetch(`${platform.url}/api/meetings?status=live`, { headers: { authorization: `Bearer ${await platform.login('sotttt')}` } })
    ).json()) as Array<{ id: string }>;
    await page.goto(`${platform.url}/calendar?meeting=${live!.id}`);
    await page.locator('[data-testid="attendance-table"] tr[data-site="bac-ai"][data-status="present"]').waitFor();
    expect(await page.locator('[data-testid="attendance-table"] tr[data-site="ninh-hai"]').getAttribute('data-status')).toBe('absent');
    await screenshot(page, 'attendance-register');
    await page.goto(`${platform.url}/reports`);
    await page.getByTestId('report').waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Report on the operation of the system' }).waitFor();
    await page.locator('[data-testid="chart-participation"] h3', { hasText: 'Participation by site (%)' }).waitFor();
    await screenshotFullPage(page, 'reports-en');
  });
});

describe('feedback to the Department (Art. 12.3, 15.3)', () => {
  it('is sent by a site technician, answered by the Department, and the answer is seen by the sender', async () => {
    const technician = await openOfficeApp(browser, platform, 'kythuat.bacai');
    await logIn(technician, platform, 'kythuat.bacai');
    await technician.getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await technician.locator('select[name=category]').selectOption('sound');
    await technician.locator('select[name=siteId]').selectOption({ label: 'Huyện Bác Ái' });
    await technician.locator('textarea[name=text]').fill('Loa phòng họp bị rè khi chủ tọa phát biểu');
    await technician.getByRole('button', { name: 'Gửi', exact: true }).click();
    await technician.locator('[data-testid="feedback-table"] tr[data-status="open"]').waitFor();

    const department = await openOfficeApp(browser, platform, 'sotttt');
    await logIn(department, platform, 'sotttt');
    await department.getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    const row = department.locator('[data-testid="feedback-table"] tr[data-status="open"]');
    await row.getByRole('textbox', { name: 'Trả lời' }).fill('Viễn thông sẽ thay loa trong tuần này');
    await screenshotFullPage(department, 'feedback-department');
    await row.getByRole('button', { name: 'Trả lời', exact: true }).click();
    await department.locator('[data-testid="feedback-table"] tr[data-status="answered"]').waitFor();

    await technician.reload();
    const answered = technician.locator('[data-testid="feedback-table"] tr[data-status="answered"]');
    await answered.waitFor();
    expect(await answered.textContent()).toContain('Viễn thông sẽ thay loa trong tuần này');
    await screenshotFullPage(technician, 'feedback-technician');
  });
});
