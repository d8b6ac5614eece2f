import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayoutSpec } from '@diemcau/shared';
import { startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium } from './browser';
import { expectReceivingFrom, openKiosk, receivedBySite } from './kioskPage';

let platform: TestPlatform;
let browser: Browser;
let chair: Page;
let district: Page;

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform({ workers: 1 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

const phase = (page: Page) => page.evaluate(() => window.diemcauKiosk!.view.phase);

const shownTemplate = (page: Page) => page.locator('.kiosk-stage').getAttribute('data-template');

/** The chair's layout for every room, set through the chair console's socket. */
async function setLayoutForAll(layout: LayoutSpec): Promise<void> {
  const meetingId = await platform.liveMeetingId();
  const console = platform.connect('/chair', { token: await platform.login('chutoa') });
  try {
    const attached = await console.emitWithAck('chair:attach', { meetingId });
    if (!attached.ok) throw new Error(`chair:attach: ${attached.error.message}`);
    const set = await console.emitWithAck('chair:setLayout', { layout, target: 'all' });
    if (!set.ok) throw new Error(`chair:setLayout: ${set.error.message}`);
  } finally {
    console.disconnect();
  }
}

/** Frames decoded from `site` now, to compare with later: a rebuilt session starts its counters again. */
const framesFrom = async (page: Page, site: string) => (await receivedBySite(page)).get(site)?.frames ?? 0;

describe('kiosks recover on their own', () => {
  it('start live with each other', async () => {
    chair = await openKiosk(browser, platform, 'chair');
    district = await openKiosk(browser, platform, 'phan-rang');
    await expectReceivingFrom(chair, ['phan-rang']);
    await expectReceivingFrom(district, ['chair']);
  });

  it('re-join when the SFU worker hosting their meeting dies', async () => {
    const [pid] = platform.pool.workers().map((worker) => worker.pid);
    process.kill(pid!, 'SIGKILL');
    // The pool replaces the worker; the kiosks rebuild their media without anyone touching them.
    await expect.poll(() => platform.pool.workers().map((worker) => worker.pid), { timeout: 15_000 }).not.toContain(pid);
    await expectReceivingFrom(chair, ['phan-rang']);
    await expectReceivingFrom(district, ['chair']);
    const before = await framesFrom(chair, 'phan-rang');
    await expect.poll(() => framesFrom(chair, 'phan-rang'), { timeout: 10_000 }).toBeGreaterThan(before);
  });

  it('show "reconnecting" while the server is away, and come back live with the chair\'s layout within 10 s of its restart', async () => {
    await setLayoutForAll({ template: 'grid-2x2', panes: [{ kind: 'site', siteCode: 'phan-rang' }, { kind: 'site', siteCode: 'chair' }, null, null] });
    await expect.poll(() => shownTemplate(district)).toBe('grid-2x2');
    await platform.restart(async () => {
      await expect.poll(() => phase(chair), { timeout: 15_000 }).toBe('reconnecting');
      await expect.poll(() => chair.locator('[role="status"] h1').textContent()).toContain('đang khởi động lại');
    });
    // Issue 11: every kiosk is back, with the layout the chair had set, within 10 s of the bridge's return.
    for (const page of [chair, district]) {
      await expect.poll(() => phase(page), { timeout: 10_000 }).toBe('live');
      await expect.poll(() => shownTemplate(page), { timeout: 1_000 }).toBe('grid-2x2');
    }
    await expectReceivingFrom(chair, ['phan-rang']);
    await expectReceivingFrom(district, ['chair']);
    const before = await framesFrom(district, 'chair');
    await expect.poll(() => framesFrom(district, 'chair'), { timeout: 10_000 }).toBeGreaterThan(before);
  });
});
