import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium } from './browser';
import { openKiosk } from './kioskPage';
import { logIn, openOfficeApp, screenshotFullPage } from './officePage';

let platform: TestPlatform;
let browser: Browser;
const SITES = 150;

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform();
  browser = await launchChromium();
  // The demo meeting grows to a whole province's communes: 150 sites, most of them not (yet) connected.
  const meeting = await platform.db('meetings').where({ status: 'live' }).first<{ id: string }>();
  const unit = await platform.db('units').first<{ id: number }>();
  const already = (await platform.db('meeting_sites').where({ meeting_id: meeting.id }).count<Array<{ count: number }>>({ count: '*' }))[0]!.count;
  const extra = Array.from({ length: SITES - Number(already) }, (_, index) => ({
    code: `xa-${String(index + 1).padStart(3, '0')}`,
    name: `Xã Đông Hải ${index + 1}`,
    kind: 'endpoint',
    unit_id: unit.id,
  }));
  for (const site of extra) {
    const [row] = await platform.db('sites').insert(site).returning<Array<{ id: number }>>('id');
    await platform.db('meeting_sites').insert({ meeting_id: meeting.id, site_id: row!.id });
  }
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe('the monitoring screen at 150 sites (Art. 7.1.a, 13)', () => {
  let bridge: Page;
  const rows = () => bridge.locator('.monitor-table tbody tr');
  const siteCodes = () => rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-site-code')));

  it('shows the workers and the bridge totals above the sites, worst first', async () => {
    const kiosk = await openKiosk(browser, platform, 'bac-ai');
    bridge = await openOfficeApp(browser, platform, 'vnpt');
    await logIn(bridge, platform, 'vnpt');
    await bridge.getByRole('link', { name: 'Giám sát' }).click();
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(SITES);
    const online = bridge.locator('.monitor-table tr[data-site-code="bac-ai"]');
    await expect.poll(() => online.getAttribute('data-online'), { timeout: 30_000 }).toBe('true');

    // Above the table: the one worker of this bridge with its CPU, and what the bridge carries.
    const pid = platform.pool.workers()[0]!.pid;
    const worker = bridge.locator(`.monitor-workers tr[data-worker-pid="${pid}"]`);
    expect(await worker.locator('th').textContent()).toBe(`Tiến trình ${pid}`);
    await expect.poll(async () => (await worker.locator('td').first().textContent())!.trim()).toMatch(/^\d+(,\d)? %$/);
    expect(await worker.locator('td').nth(1).textContent()).toMatch(/^\d+ MB$/);
    const total = (what: string) => bridge.locator(`[data-total="${what}"] dd`).textContent();
    await expect.poll(() => total('peers')).toBe('1');
    expect(await total('rooms')).toBe('1');
    await expect.poll(async () => Number(await total('producers'))).toBeGreaterThanOrEqual(2);
    const boxes = await Promise.all(
      ['.monitor-bridge', '.monitor-filter', '.monitor-meeting'].map(async (selector) => (await bridge.locator(selector).boundingBox())!.y),
    );
    expect(boxes).toEqual([...boxes].sort((a, b) => a - b));

    // Worst first: the 149 offline sites, then the connected one.
    expect((await siteCodes()).at(-1)).toBe('bac-ai');
    expect(await bridge.getByTestId('shown-sites').textContent()).toBe(`Đang hiện ${SITES}/${SITES} điểm cầu`);
    await screenshotFullPage(bridge, 'technician-monitoring-150-sites');
    await kiosk.context().close();
    await expect.poll(() => online.getAttribute('data-online'), { timeout: 30_000 }).toBe('false');
  });

  it('filters by name without accents, or to the sites with alarms, and sorts by a column both ways', async () => {
    const search = bridge.getByRole('searchbox', { name: 'Tìm điểm cầu' });
    await search.fill('dong hai 12');
    await expect.poll(siteCodes).toEqual(['xa-012', 'xa-120', 'xa-121', 'xa-122', 'xa-123', 'xa-124', 'xa-125', 'xa-126', 'xa-127', 'xa-128', 'xa-129']);
    await search.fill('bác ái');
    await expect.poll(siteCodes).toEqual(['bac-ai']);
    await search.fill('');
    await bridge.getByRole('checkbox', { name: 'Chỉ điểm cầu có cảnh báo' }).check();
    // Every site is offline now: all have an alarm.
    await expect.poll(() => rows().count()).toBe(SITES);

    const siteHeader = bridge.getByRole('columnheader', { name: /^Điểm cầu/ });
    await siteHeader.getByRole('button').click();
    expect(await siteHeader.getAttribute('aria-sort')).toBe('ascending');
    const names = await rows().locator('th').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true })));
    await siteHeader.getByRole('button').click();
    expect(await siteHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await rows().locator('th').allTextContents()).toEqual([...names].reverse());
    await bridge.getByRole('button', { name: 'Xếp điểm cầu kém nhất lên đầu' }).click();
    expect(await siteHeader.getAttribute('aria-sort')).toBeNull();

    // The header stays in sight while the long table scrolls.
    await rows().nth(120).scrollIntoViewIfNeeded();
    const header = await bridge.locator('.monitor-table thead th').first().boundingBox();
    const scroller = await bridge.locator('.monitor-scroll').boundingBox();
    expect(Math.abs(header!.y - scroller!.y), `header at ${header!.y}, table top at ${scroller!.y} (height ${scroller!.height})`).toBeLessThan(3);
    await screenshotFullPage(bridge, 'technician-monitoring-150-sites-scrolled');
  });

  it('reads the same in English', async () => {
    await bridge.getByRole('button', { name: 'English' }).click();
    await bridge.getByRole('heading', { name: 'Bridge server' }).waitFor();
    expect(await bridge.getByTestId('shown-sites').textContent()).toBe(`Showing ${SITES} of ${SITES} sites`);
    await bridge.getByRole('searchbox', { name: 'Find a site' }).waitFor();
    await screenshotFullPage(bridge, 'technician-monitoring-150-sites-en');
    await bridge.context().close();
  });
});
