import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteView, UnitView } from '@diemcau/shared';
import { apiClient, startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium } from './browser';
import { logIn, openOfficeApp, screenshotFullPage } from './officePage';

/*
 * The office screens' one table (issue 12, point 8): a heading sorts its column, a long list comes
 * in pages, and an empty list says so; each screen shown in Vietnamese and English.
 */

let platform: TestPlatform;
let browser: Browser;
let admin: Page;
/** Enough rooms for a second page of fifty. */
const ADDED_SITES = 55;

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform();
  browser = await launchChromium();
  const office = apiClient(platform.url, await platform.login('admin'));
  const unitId = (await office<UnitView[]>('GET', '/units')).body[0]!.id;
  for (let index = 0; index < ADDED_SITES; index++) {
    const added = await office<SiteView>('POST', '/sites', { code: `xa-${index}`, name: `Xã thử ${String(index).padStart(2, '0')}`, kind: 'endpoint', unitId });
    expect(added.status).toBe(201);
  }
  admin = await openOfficeApp(browser, platform, 'admin');
  await logIn(admin, platform, 'admin');
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

const rowNames = (page: Page) => page.locator('.table tbody tr[data-site-code] td:first-child strong').allTextContents();

describe('the office tables', () => {
  it('sorts the sites by name both ways from the heading, and pages through them fifty at a time', async () => {
    await admin.getByRole('link', { name: 'Điểm cầu' }).click();
    await admin.locator('tr[data-site-code]').first().waitFor();
    const total = (await apiClient(platform.url, await platform.login('admin'))<SiteView[]>('GET', '/sites')).body.length;
    expect(await admin.locator('tr[data-site-code]').count()).toBe(50);
    await expect.poll(() => admin.locator('.table-pager').textContent()).toContain(`Trang 1/${Math.ceil(total / 50)}`);

    const heading = admin.getByRole('columnheader', { name: 'Tên điểm cầu' });
    await heading.getByRole('button').click();
    expect(await heading.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await rowNames(admin);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, 'vi', { sensitivity: 'base', numeric: true })));
    await heading.getByRole('button').click();
    expect(await heading.getAttribute('aria-sort')).toBe('descending');
    const descending = await rowNames(admin);
    expect(descending[0]).not.toBe(ascending[0]);
    await screenshotFullPage(admin, 'office-table-sites-vi');

    await admin.getByRole('button', { name: 'Trang sau ›' }).click();
    await expect.poll(() => admin.locator('.table-pager').textContent()).toContain('Trang 2/');
    const secondPage = await rowNames(admin);
    expect(secondPage.some((name) => descending.includes(name))).toBe(false);
  });

  it('says so when a list is empty', async () => {
    await admin.getByRole('link', { name: 'Ngày nghỉ lễ' }).click();
    for (let year = 0; year < 3; year++) await admin.getByRole('button', { name: 'Năm sau' }).click();
    await expect.poll(() => admin.locator('.table-empty').textContent()).toBe('Năm này chưa có ngày nghỉ lễ nào trong lịch.');
    await screenshotFullPage(admin, 'office-table-empty-vi');
  });

  it('shows each office table in both languages', async () => {
    const screens = [
      ['Tài khoản', 'Accounts', 'users'],
      ['Đơn vị', 'Units', 'units'],
      ['Đường dẫn kiosk', 'Kiosk links', 'kiosks'],
      ['Nhật ký', 'Audit log', 'audit'],
    ] as const;
    for (const [vietnamese, , name] of screens) {
      await admin.getByRole('link', { name: vietnamese }).click();
      await admin.locator('.table tbody tr').first().waitFor();
      await screenshotFullPage(admin, `office-table-${name}-vi`);
    }
    await admin.getByRole('button', { name: 'English' }).click();
    for (const [, english, name] of screens) {
      await admin.getByRole('link', { name: english }).click();
      await admin.locator('.table tbody tr').first().waitFor();
      await screenshotFullPage(admin, `office-table-${name}-en`);
    }
    await admin.getByRole('link', { name: 'Sites' }).click();
    await admin.getByRole('columnheader', { name: 'Site name' }).waitFor();
    expect(await admin.locator('.table-pager').textContent()).toContain('Page 1 of');
    await screenshotFullPage(admin, 'office-table-sites-en');
  });
});
