import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestPlatform } from '../../server/test/integration/harness';
import { SCREENSHOT_DIR } from './browser';

/**
 * A browser far from Vietnam: every time the office screens show or take must still be Vietnam
 * time, whatever the PC's own zone.
 */
export const FOREIGN_TIME_ZONE = 'America/New_York';

/** A fresh browser window with the office application open on the login page. */
export async function openOfficeApp(browser: Browser, platform: TestPlatform, label: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: FOREIGN_TIME_ZONE });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${label}] page error:`, error));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[${label}] console:`, message.text());
  });
  await page.goto(`${platform.url}/`);
  await page.locator('input[name=username]').waitFor();
  return page;
}

/** Logs in through the login form with the demo account's generated password. */
export async function logIn(page: Page, platform: TestPlatform, username: string): Promise<void> {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(platform.passwordOf(username));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('current-user').waitFor();
}

/** The whole page, not only the window: forms and tables run below the fold. */
export async function screenshotFullPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A weekday at least a week ahead, as a Vietnam date: far enough for every booking lead time. */
export function weekdayAhead(days = 8): string {
  const vietnamDate = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(instant);
  let instant = new Date(Date.now() + days * 86_400_000);
  for (;;) {
    const date = vietnamDate(instant);
    const weekday = new Date(`${date}T12:00:00+07:00`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return date;
    instant = new Date(instant.getTime() + 86_400_000);
  }
}
