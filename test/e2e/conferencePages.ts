import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LayoutTemplate } from '@diemcau/shared';
import type { TestPlatform } from '../../server/test/integration/harness';
import { screenshot } from './browser';
import type {} from '../../client/src/chair/ChairController';
import type {} from '../../client/src/kiosk/KioskController';

/** What a pane shows, as the tests name it: a site code (its camera, or the room's own), or 'content'. */
export type PaneName = string;

/** A layout as the tests write it: the template and, pane by pane, a site code, 'content' or null. */
export interface TestLayout {
  template: LayoutTemplate;
  panes: ReadonlyArray<PaneName | null>;
}

type ConsoleWindow = Window & { appliedAt?: number };

/**
 * Logs the chair operator in on the console page and waits until it drives the only live meeting.
 * `prepare` runs on the new page before it loads anything.
 */
export async function openChairConsole(browser: Browser, platform: TestPlatform, prepare?: (page: Page) => Promise<unknown>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await prepare?.(page);
  page.on('pageerror', (error) => console.error('[console] page error:', error));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.error(`[console] ${message.text()}`);
  });
  await page.goto(`${platform.url}/chair`);
  await page.fill('input[name="username"]', 'chutoa');
  await page.fill('input[name="password"]', platform.passwordOf('chutoa'));
  await page.click('button[type="submit"]');
  try {
    await page.waitForSelector('.chair[data-connection="live"] .site-row', { state: 'attached', timeout: 30_000 });
  } catch (error) {
    await screenshot(page, 'chair-console-not-live');
    throw error;
  }
  return page;
}

/**
 * Composes a layout in the console's editor the way a keyboard user does
 * (template button, then one list choice per pane) and presses "Apply".
 * Resolves to the wall-clock time of the click, taken in the console page.
 */
export async function applyLayout(console: Page, layout: TestLayout, target: string = 'all'): Promise<number> {
  await console.selectOption('select[name="layout-target"]', target);
  await console.click(`.template-choice[data-template="${layout.template}"]`);
  const paneCount = await console.locator('select[name^="pane-"]').count();
  for (let index = 0; index < paneCount; index++) {
    const pane = layout.panes[index] ?? null;
    await console.selectOption(`select[name="pane-${index}"]`, pane === null ? 'empty' : pane === 'content' ? 'content' : `site:${pane}`);
  }
  const apply = console.locator('[data-action="apply-layout"]');
  if (await apply.isDisabled()) return Date.now(); // already the layout in force
  await console.evaluate(() => {
    const button = document.querySelector('[data-action="apply-layout"]')!;
    button.addEventListener('click', () => ((window as ConsoleWindow).appliedAt = Date.now()), { once: true, capture: true });
  });
  await apply.click();
  return console.evaluate(() => (window as ConsoleWindow).appliedAt!);
}

interface Stage {
  template: string | null;
  panes: PaneName[];
}

type StageWindow = Window & { readStage?: () => Stage; layoutSeenAt?: number };

/**
 * Runs in the kiosk page: the stage as drawn, its template and, in pane order
 * (not DOM order), what each non-empty pane shows. Installed again before each
 * use, since a reload loses it.
 */
function installStageReader(): void {
  (window as StageWindow).readStage = () => ({
    template: document.querySelector<HTMLElement>('.kiosk-stage')?.dataset.template ?? null,
    panes: [...document.querySelectorAll<HTMLElement>('.kiosk-stage [data-pane-index]')]
      .sort((a, b) => Number(a.dataset.paneIndex) - Number(b.dataset.paneIndex))
      .map((pane) => pane.dataset.siteCode ?? pane.dataset.paneKind ?? ''),
  });
}

export async function stageOf(page: Page): Promise<Stage> {
  await page.evaluate(installStageReader);
  return page.evaluate(() => (window as StageWindow).readStage!());
}

export const drawn = (layout: TestLayout) => ({ template: layout.template, panes: layout.panes.filter((pane) => pane !== null) });

export async function expectStage(page: Page, layout: TestLayout, timeout = 10_000): Promise<void> {
  await expect.poll(() => stageOf(page), { timeout }).toEqual(drawn(layout));
}

/**
 * Records, in the kiosk page, the wall-clock time at which its DOM first
 * shows the layout; read it with `layoutSeenAt`. Pages of one browser share
 * the system clock, unlike performance.now().
 */
export async function watchForLayout(page: Page, layout: TestLayout): Promise<void> {
  await page.evaluate(installStageReader);
  await page.evaluate((expected) => {
    const page = window as StageWindow;
    page.layoutSeenAt = undefined;
    const observer = new MutationObserver(() => {
      if (JSON.stringify(page.readStage!()) !== JSON.stringify(expected)) return;
      page.layoutSeenAt = Date.now();
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  }, drawn(layout));
}

export async function layoutSeenAt(page: Page): Promise<number> {
  await expect.poll(() => page.evaluate(() => (window as StageWindow).layoutSeenAt), { timeout: 10_000 }).toBeDefined();
  return (await page.evaluate(() => (window as StageWindow).layoutSeenAt))!;
}

interface Counters {
  videoFrames: number;
  audioPackets: number;
  width: number;
  bytes: number;
}

/** Per remote site, the counters that must rise while its streams flow. */
async function counters(page: Page): Promise<Map<string, Counters>> {
  const stats = await page.evaluate(() => window.diemcauKiosk!.inboundStats());
  const bySite = new Map<string, Counters>();
  for (const stat of stats) {
    const entry = bySite.get(stat.siteCode) ?? { videoFrames: 0, audioPackets: 0, width: 0, bytes: 0 };
    entry.bytes += stat.bytesReceived;
    if (stat.kind === 'video') {
      entry.videoFrames += stat.framesDecoded;
      entry.width = Math.max(entry.width, stat.frameWidth);
    } else entry.audioPackets += stat.packetsReceived;
    bySite.set(stat.siteCode, entry);
  }
  return bySite;
}

/** How much each remote site's video frames and audio packets rose on this page over `ms`. */
export async function flowOver(page: Page, ms: number): Promise<Map<string, Pick<Counters, 'videoFrames' | 'audioPackets'>>> {
  const before = await counters(page);
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await counters(page);
  const flow = new Map<string, Pick<Counters, 'videoFrames' | 'audioPackets'>>();
  for (const [site, now] of after) {
    const then = before.get(site) ?? { videoFrames: 0, audioPackets: 0 };
    flow.set(site, { videoFrames: now.videoFrames - then.videoFrames, audioPackets: now.audioPackets - then.audioPackets });
  }
  return flow;
}

/** The sites whose video this page decodes new frames of, over `ms`. */
export async function sitesWithVideoFlowing(page: Page, ms = 2_000): Promise<string[]> {
  const flow = await flowOver(page, ms);
  return [...flow]
    .filter(([, counts]) => counts.videoFrames > 0)
    .map(([site]) => site)
    .sort();
}

/** The widest picture this page decodes from each remote site. */
export async function widthsBySite(page: Page): Promise<Record<string, number>> {
  return Object.fromEntries([...(await counters(page))].map(([site, entry]) => [site, entry.width]));
}

/** Everything this page receives, in kilobits per second over `ms`. */
export async function downlinkKbps(page: Page, ms: number): Promise<number> {
  // By consumer: one closed meanwhile (no longer shown) must not count as negative traffic.
  const bytes = async () => new Map((await page.evaluate(() => window.diemcauKiosk!.inboundStats())).map((stat) => [stat.consumerId, stat.bytesReceived]));
  const before = await bytes();
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await bytes();
  const received = [...after].reduce((sum, [consumerId, total]) => sum + total - (before.get(consumerId) ?? 0), 0);
  return (received * 8) / (Date.now() - started);
}
