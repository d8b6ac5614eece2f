import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestPlatform } from '../../server/test/integration/harness';
import type {} from '../../client/src/kiosk/KioskController';

export interface Received {
  frames: number;
  audioPackets: number;
  width: number;
}

export async function openKiosk(browser: Browser, platform: TestPlatform, siteCode: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${siteCode}] page error:`, error));
  await page.goto(`${platform.url}/kiosk?token=${await platform.kioskToken(siteCode)}`);
  return page;
}

/** Per remote site, from the browser's own WebRTC stats: video frames decoded and audio packets received. */
export async function receivedBySite(page: Page): Promise<Map<string, Received>> {
  const stats = await page.evaluate(() => window.diemcauKiosk!.inboundStats());
  const bySite = new Map<string, Received>();
  for (const stat of stats) {
    const entry = bySite.get(stat.siteCode) ?? { frames: 0, audioPackets: 0, width: 0 };
    if (stat.kind === 'video') {
      entry.frames += stat.framesDecoded;
      entry.width = Math.max(entry.width, stat.frameWidth);
    } else entry.audioPackets += stat.packetsReceived;
    bySite.set(stat.siteCode, entry);
  }
  return bySite;
}

/** Waits until the page decodes video and receives audio from every listed site. */
export async function expectReceivingFrom(page: Page, sites: readonly string[], timeout = 60_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const stats = await receivedBySite(page);
        return sites.filter((code) => !((stats.get(code)?.frames ?? 0) > 0 && (stats.get(code)?.audioPackets ?? 0) > 0));
      },
      { timeout, interval: 500 },
    )
    .toEqual([]);
}
