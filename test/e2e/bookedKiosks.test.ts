import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView, SiteView } from '@diemcau/shared';
import { apiClient, startTestPlatform, TestClock, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium, screenshot } from './browser';
import { expectReceivingFrom, openKiosk } from './kioskPage';

/** Monday 7 December 2026, 09:00 in Vietnam; the meeting is booked for Wednesday morning. */
const clock = new TestClock(new Date('2026-12-07T09:00:00+07:00'));
const at = (local: string) => new Date(`${local}+07:00`).toISOString();

let platform: TestPlatform;
let browser: Browser;
let meeting: MeetingView;
const kiosks: Record<string, Page> = {};

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform({ now: clock.now, manualScheduler: true, workers: 1 });
  browser = await launchChromium();
  // The seeded demo meeting is live: close it, so every kiosk starts with no meeting.
  const chair = apiClient(platform.url, await platform.login('chutoa'));
  const [demo] = (await chair<MeetingView[]>('GET', '/meetings?status=live')).body;
  await chair('POST', `/meetings/${demo!.id}/close`);
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

const phase = (page: Page) => page.evaluate(() => window.diemcauKiosk!.view.phase);

describe('a booked meeting brings its kiosks in at its start time (Art. 10, 11)', () => {
  it('is requested by a department and approved by the Office', async () => {
    const organizer = apiClient(platform.url, await platform.login('sotttt'));
    const sites = (await organizer<SiteView[]>('GET', '/sites')).body;
    const ids = Object.fromEntries(sites.map((site) => [site.code, site.id]));
    const requested = await organizer<MeetingView>('POST', '/meetings', {
      title: 'Giao ban chuyển đổi số tháng 12',
      kind: 'departmental',
      hostUnitId: sites[0]!.unitId,
      chairPerson: 'Giám đốc Sở Thông tin và Truyền thông',
      startsAt: at('2026-12-09T08:00:00'),
      endsAt: at('2026-12-09T10:00:00'),
      siteIds: [ids['bac-ai'], ids['ninh-son']],
      attestsNotSecret: true,
    });
    expect(requested.status).toBe(201);
    meeting = (await apiClient(platform.url, await platform.login('vanphong'))<MeetingView>('POST', `/meetings/${requested.body.id}/approve`)).body;
    expect(meeting.status).toBe('approved');
  });

  it('before it starts, the booked kiosks name it and every kiosk waits', async () => {
    for (const site of ['bac-ai', 'ninh-son', 'thuan-nam']) kiosks[site] = await openKiosk(browser, platform, site);
    for (const site of ['bac-ai', 'ninh-son']) {
      await expect
        .poll(() => kiosks[site]!.locator('[role="status"]').textContent(), { timeout: 30_000 })
        .toContain('Cuộc họp tiếp theo: Giao ban chuyển đổi số tháng 12');
      // Shown in Vietnam's time zone: 08:00 on Wednesday 9 December.
      expect(await kiosks[site]!.locator('[role="status"]').textContent()).toMatch(/08:00.*9 tháng 12, 2026|9 tháng 12, 2026.*08:00/);
    }
    await expect.poll(() => kiosks['thuan-nam']!.locator('[role="status"]').textContent(), { timeout: 30_000 }).toContain('Chưa có lịch họp nào sắp tới');
    await screenshot(kiosks['bac-ai']!, 'kiosk-waiting-next-meeting');
  });

  it('at its start time the booked kiosks join by themselves and see each other; the other stays waiting', async () => {
    clock.set(new Date(meeting.startsAt));
    expect(await platform.meetings.startDue()).toBe(1);
    await expect.poll(() => phase(kiosks['bac-ai']!), { timeout: 30_000 }).toBe('live');
    await expect.poll(() => phase(kiosks['ninh-son']!), { timeout: 30_000 }).toBe('live');
    await expectReceivingFrom(kiosks['bac-ai']!, ['ninh-son']);
    await expectReceivingFrom(kiosks['ninh-son']!, ['bac-ai']);
    expect(await phase(kiosks['thuan-nam']!)).toBe('waiting');
    await screenshot(kiosks['bac-ai']!, 'kiosk-booked-meeting-live');
  });
});
