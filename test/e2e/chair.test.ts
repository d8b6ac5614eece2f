import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type KioskClient, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium, screenshot } from './browser';
import {
  applyLayout,
  downlinkKbps,
  expectStage,
  flowOver,
  layoutSeenAt,
  openChairConsole,
  sitesWithVideoFlowing,
  watchForLayout,
  widthsBySite,
  type TestLayout,
} from './conferencePages';
import { expectReceivingFrom, openKiosk } from './kioskPage';

/*
 * The chair operator's console driving three real kiosks, all in headless
 * Chromium with fake cameras (1280×720) and microphones: layouts pushed to
 * every room, media following the layout, mutes enforced at the SFU.
 */

const SITES = ['chair', 'bac-ai', 'ninh-son'] as const;
type Site = (typeof SITES)[number];

let platform: TestPlatform;
let browser: Browser;
let chairConsole: Page;
const kiosks = {} as Record<Site, Page>;
/**
 * The socket of a room with no media (offline): in the test process, on the
 * bridge's own event loop, so the moment it hears a push is the bridge's.
 */
let bridgeClock: KioskClient;

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform({ workers: 2 });
  browser = await launchChromium();
  for (const site of SITES) kiosks[site] = await openKiosk(browser, platform, site);
  chairConsole = await openChairConsole(browser, platform);
  bridgeClock = platform.connectKiosk({ token: await platform.kioskToken('ninh-hai') });
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

/** A layout as drawn while nobody shares: the content pane stays empty. */
const drawnWithoutContent = (layout: TestLayout): TestLayout => ({ ...layout, panes: layout.panes.map((pane) => (pane === 'content' ? null : pane)) });
const others = (site: Site) => SITES.filter((other) => other !== site);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface ApplyTiming {
  /** From the operator's click to the bridge pushing the new views. */
  toBridge: number;
  /** From the bridge's push to each kiosk's DOM showing the layout. */
  toKiosks: number[];
}

/** Applies a layout from the console and times it, from the click to each kiosk's DOM (wall clock, one machine). */
async function applyAndTime(layout: TestLayout): Promise<ApplyTiming> {
  for (const site of SITES) await watchForLayout(kiosks[site], layout);
  const pushed = new Promise<number>((resolve) => bridgeClock.once('conference:view', () => resolve(Date.now())));
  const clickedAt = await applyLayout(chairConsole, layout);
  const pushedAt = await pushed;
  const seenAt = await Promise.all(SITES.map((site) => layoutSeenAt(kiosks[site])));
  return { toBridge: pushedAt - clickedAt, toKiosks: seenAt.map((at) => at - pushedAt) };
}

/** The sites whose audio packets reach this kiosk, over two seconds. */
async function audioArrivingFrom(page: Page): Promise<string[]> {
  const flow = await flowOver(page, 2_000);
  return [...flow]
    .filter(([, counts]) => counts.audioPackets > 0)
    .map(([site]) => site)
    .sort();
}

/** The room's own state as the chair set it, from the kiosk's diagnostics. */
const selfOf = (page: Page) =>
  page.evaluate(() => {
    const view = window.diemcauKiosk!.view;
    return view.phase === 'live' ? view.conference?.self : undefined;
  });

/**
 * Headless Chromium has no screen to capture: getDisplayMedia is replaced in
 * the page by a canvas that draws a numbered "slide", which is what the share
 * button then sends.
 */
async function fakeScreenCapture(page: Page): Promise<void> {
  await page.evaluate(() => {
    navigator.mediaDevices.getDisplayMedia = async () => {
      const canvas = Object.assign(document.createElement('canvas'), { width: 1280, height: 720 });
      const context = canvas.getContext('2d')!;
      let frame = 0;
      setInterval(() => {
        context.fillStyle = '#f4f1e8';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.fillStyle = '#0b2a4a';
        context.font = 'bold 72px sans-serif';
        context.fillText(`Báo cáo tình hình — trang ${1 + (Math.floor(frame++ / 30) % 9)}`, 80, 360);
      }, 66);
      return canvas.captureStream(15);
    };
  });
}

/** The width of the picture the kiosk plays in its content pane (0 while none arrives). */
const contentWidth = (page: Page) =>
  page.locator('[data-pane-kind="content"] video').evaluateAll((videos) => Math.max(0, ...videos.map((video) => (video as HTMLVideoElement).videoWidth)));

describe('the chair console drives every room', () => {
  const timings: ApplyTiming[] = [];

  it('starts with every kiosk receiving the others, and the console watching every site', async () => {
    for (const site of SITES) await expectReceivingFrom(kiosks[site], others(site));
    await expect
      .poll(
        () => chairConsole.locator('.site-thumb video').evaluateAll((videos) => videos.filter((video) => (video as HTMLVideoElement).videoWidth > 0).length),
        {
          timeout: 20_000,
        },
      )
      .toBe(SITES.length);
    await screenshot(chairConsole, 'chair-console');
  });

  it('pushes a layout to every kiosk, and each receives video only for the sites it shows', async () => {
    const single: TestLayout = { template: 'single', panes: ['bac-ai'] };
    timings.push(await applyAndTime(single));
    for (const site of SITES) await expectStage(kiosks[site], single);
    // The rooms that show Bác Ái decode it, and nothing else; Bác Ái sees itself and receives no video.
    await expect.poll(() => sitesWithVideoFlowing(kiosks.chair), { timeout: 10_000 }).toEqual(['bac-ai']);
    await expect.poll(() => sitesWithVideoFlowing(kiosks['ninh-son']), { timeout: 10_000 }).toEqual(['bac-ai']);
    await expect.poll(() => sitesWithVideoFlowing(kiosks['bac-ai']), { timeout: 10_000 }).toEqual([]);
    await screenshot(kiosks['ninh-son'], 'chair-kiosk-single');

    const grid: TestLayout = { template: 'grid-2x2', panes: ['chair', null, 'ninh-son', 'bac-ai'] };
    timings.push(await applyAndTime(grid));
    for (const site of SITES) await expectStage(kiosks[site], grid);
    for (const site of SITES) await expect.poll(() => sitesWithVideoFlowing(kiosks[site]), { timeout: 10_000 }).toEqual([...others(site)].sort());
    await screenshot(kiosks['bac-ai'], 'chair-kiosk-grid');

    for (const template of ['one-plus-five', 'speaker-strip', 'grid-3x3'] as const) {
      timings.push(await applyAndTime({ template, panes: ['ninh-son', 'bac-ai', 'chair'] }));
    }
    const toBridge = timings.map((timing) => timing.toBridge);
    const toKiosks = timings.flatMap((timing) => timing.toKiosks);
    const total = timings.flatMap((timing) => timing.toKiosks.map((toKiosk) => timing.toBridge + toKiosk));
    const summary = (values: number[]) => `median ${median(values)} ms, max ${Math.max(...values)} ms`;
    console.log(
      `layout apply time over ${timings.length} layouts × ${SITES.length} kiosks: click → kiosk DOM ${summary(total)} ` +
        `(click → bridge push ${summary(toBridge)}; bridge push → kiosk DOM ${summary(toKiosks)})`,
    );
    // The 300 ms target is for rooms on PCs of their own. Here the bridge and four Chromium pages, each
    // encoding or decoding several 720p streams, share two cores (load average 10–25 while this runs), and
    // a page's main thread waits its turn: the bound only catches a push that stopped being immediate.
    // The bridge's own share is measured with 30 kiosks by `npm run bench`.
    expect(median(total)).toBeLessThan(1_000);
  });

  it('lets the operator drag sites from the list into panes, a pane onto another swapping them', async () => {
    const pane = (index: number) => chairConsole.inputValue(`select[name="pane-${index}"]`);
    expect([await pane(0), await pane(1), await pane(2)]).toEqual(['site:ninh-son', 'site:bac-ai', 'site:chair']);
    await chairConsole.locator('.site-row[data-site-code="chair"]').dragTo(chairConsole.locator('.canvas-pane[data-pane-index="0"]'));
    expect([await pane(0), await pane(2)]).toEqual(['site:chair', 'site:ninh-son']);
    await chairConsole.locator('.canvas-pane[data-pane-index="1"]').dragTo(chairConsole.locator('.canvas-pane[data-pane-index="0"]'));
    expect([await pane(0), await pane(1)]).toEqual(['site:bac-ai', 'site:chair']);
    await screenshot(chairConsole, 'chair-console-draft');
    // Nothing reaches the rooms until "Apply".
    await expectStage(kiosks['ninh-son'], { template: 'grid-3x3', panes: ['ninh-son', 'bac-ai', 'chair'] });
    await chairConsole.click('[data-action="discard-layout"]');
    expect(await pane(0)).toBe('site:ninh-son');
  });

  it('gives one room its own layout: the chair room sees the districts while the districts see the chair', async () => {
    const everyone: TestLayout = { template: 'single', panes: ['chair'] };
    await applyLayout(chairConsole, everyone);
    const chairRoom: TestLayout = { template: 'grid-2x2', panes: ['bac-ai', 'ninh-son'] };
    await applyLayout(chairConsole, chairRoom, 'chair');
    await expectStage(kiosks.chair, chairRoom);
    await expectStage(kiosks['bac-ai'], everyone);
    await expectStage(kiosks['ninh-son'], everyone);
    await expect.poll(() => sitesWithVideoFlowing(kiosks['bac-ai']), { timeout: 10_000 }).toEqual(['chair']);
    await expect.poll(() => sitesWithVideoFlowing(kiosks.chair), { timeout: 10_000 }).toEqual(['bac-ai', 'ninh-son']);
    await screenshot(chairConsole, 'chair-console-override');

    await chairConsole.click('[data-action="clear-override"]');
    await expectStage(kiosks.chair, everyone);
  });

  it('gives a kiosk that reloads the current layout at once', async () => {
    const layout: TestLayout = { template: 'one-plus-five', panes: ['ninh-son', 'chair', 'bac-ai'] };
    await applyLayout(chairConsole, layout);
    await expectStage(kiosks['bac-ai'], layout);
    await kiosks['bac-ai'].reload();
    await expectStage(kiosks['bac-ai'], layout, 20_000);
    await expectReceivingFrom(kiosks['bac-ai'], ['chair', 'ninh-son']);
  });

  it('mutes a site at the SFU: its sound stops reaching the others, and a tampered kiosk cannot undo it', async () => {
    for (const site of others('bac-ai')) await expect.poll(() => audioArrivingFrom(kiosks[site]), { timeout: 10_000 }).toContain('bac-ai');

    await chairConsole.click('.site-row[data-site-code="bac-ai"] [data-action="mute"]');
    await kiosks['bac-ai'].waitForSelector('[data-state="muted"]');
    for (const site of others('bac-ai')) await expect.poll(() => audioArrivingFrom(kiosks[site]), { timeout: 10_000 }).not.toContain('bac-ai');
    await screenshot(kiosks['bac-ai'], 'chair-kiosk-muted');

    // A tampered kiosk: it sends its microphone again and asks the bridge to resume it.
    const refusal = await kiosks['bac-ai'].evaluate(async () => {
      const kiosk = window.diemcauKiosk as unknown as {
        media: { setSending(source: string, sending: boolean): void };
        socket: { emitWithAck(event: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string } }> };
      };
      kiosk.media.setSending('microphone', true);
      const microphone = window.diemcauKiosk!.localProducers.find((producer) => producer.source === 'microphone')!;
      return kiosk.socket.emitWithAck('media:setProducerPaused', { producerId: microphone.producerId, paused: false });
    });
    expect(refusal).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect.poll(() => kiosks['bac-ai'].evaluate(() => window.diemcauKiosk!.localProducers.find((p) => p.source === 'microphone')!.paused)).toBe(false);
    for (const site of others('bac-ai')) expect(await audioArrivingFrom(kiosks[site])).not.toContain('bac-ai');

    await chairConsole.click('.site-row[data-site-code="bac-ai"] [data-action="mute"]');
    for (const site of others('bac-ai')) await expect.poll(() => audioArrivingFrom(kiosks[site]), { timeout: 10_000 }).toContain('bac-ai');
  });

  it('sends each kiosk the low simulcast layer in a 3×3 layout, and the full one in a single pane', async () => {
    await applyLayout(chairConsole, { template: 'single', panes: ['bac-ai'] });
    await expect.poll(async () => (await widthsBySite(kiosks['ninh-son']))['bac-ai'], { timeout: 30_000, interval: 1_000 }).toBeGreaterThan(320);

    await applyLayout(chairConsole, { template: 'grid-3x3', panes: ['chair', 'bac-ai', 'ninh-son'] });
    for (const site of SITES) {
      await expect
        .poll(
          async () => {
            const widths = await widthsBySite(kiosks[site]);
            return others(site).every((other) => (widths[other] ?? 0) > 0 && widths[other]! <= 320);
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(true);
    }
    await screenshot(kiosks.chair, 'chair-kiosk-3x3');
  });

  it('measures one kiosk’s downlink in a 4×4 layout and in a single pane', async () => {
    await applyLayout(chairConsole, { template: 'grid-4x4', panes: ['chair', 'bac-ai', 'ninh-son'] });
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const grid = await downlinkKbps(kiosks['ninh-son'], 5_000);
    const gridWidths = await widthsBySite(kiosks['ninh-son']);
    await applyLayout(chairConsole, { template: 'single', panes: ['bac-ai'] });
    await expect.poll(async () => (await widthsBySite(kiosks['ninh-son']))['bac-ai'], { timeout: 30_000, interval: 1_000 }).toBeGreaterThan(320);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const single = await downlinkKbps(kiosks['ninh-son'], 5_000);
    const singleWidth = (await widthsBySite(kiosks['ninh-son']))['bac-ai'];
    console.log(
      `downlink of the ninh-son kiosk, audio of both other sites included: 4×4 with 3 live sites (2 remote tiles, ` +
        `${gridWidths['chair']}/${gridWidths['bac-ai']} px wide) ${Math.round(grid)} kbit/s; single pane of bac-ai (${singleWidth} px wide) ${Math.round(single)} kbit/s`,
    );
    // The figures are for BENCHMARKS.md; what they compare is checked here. Chromium's fake camera draws
    // a flat synthetic picture that costs few bits at any size, so the rates alone prove nothing.
    expect(Object.values(gridWidths).every((width) => width > 0 && width <= 320)).toBe(true);
    expect(singleWidth).toBeGreaterThan(320);
    expect(Math.min(grid, single)).toBeGreaterThan(0);
  });

  it('queues a raised hand, and granting the floor unmutes the room and puts it in the main pane', async () => {
    await applyLayout(chairConsole, { template: 'one-plus-five', panes: ['chair', 'ninh-son', 'bac-ai'] });
    await chairConsole.click('.site-row[data-site-code="bac-ai"] [data-action="mute"]');
    await kiosks['bac-ai'].waitForSelector('[data-state="muted"]');

    // A room remote's key, pressed in the room.
    await kiosks['bac-ai'].keyboard.press('PageDown');
    await chairConsole.waitForSelector('.floor-queue [data-site-code="bac-ai"]');
    await expect.poll(() => kiosks['bac-ai'].getAttribute('[data-action="raise-hand"]', 'aria-pressed')).toBe('true');
    await chairConsole.locator('.site-row[data-site-code="bac-ai"] [data-badge="hand"]').waitFor();
    await screenshot(chairConsole, 'chair-console-floor');
    await screenshot(kiosks['bac-ai'], 'chair-kiosk-hand-raised');

    await chairConsole.click('.floor-queue [data-site-code="bac-ai"] [data-action="grant-floor"]');
    await expect.poll(() => selfOf(kiosks['bac-ai'])).toMatchObject({ floor: true, muted: false, handRaised: false });
    await expectStage(kiosks['ninh-son'], { template: 'one-plus-five', panes: ['bac-ai', 'chair', 'ninh-son'] });
    await expect.poll(() => audioArrivingFrom(kiosks['ninh-son']), { timeout: 10_000 }).toContain('bac-ai');

    await chairConsole.click('.floor-holder [data-action="revoke-floor"]');
    await expect.poll(() => selfOf(kiosks['bac-ai'])).toMatchObject({ floor: false, muted: true });
    await chairConsole.click('.site-row[data-site-code="bac-ai"] [data-action="mute"]');
  });

  it('mutes every room but the chair at once', async () => {
    await chairConsole.click('[data-action="mute-all"]');
    await expect.poll(() => selfOf(kiosks['bac-ai'])).toMatchObject({ muted: true });
    await expect.poll(() => selfOf(kiosks['ninh-son'])).toMatchObject({ muted: true });
    expect(await selfOf(kiosks.chair)).toMatchObject({ muted: false });
    await expect.poll(() => audioArrivingFrom(kiosks.chair), { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => audioArrivingFrom(kiosks['bac-ai']), { timeout: 10_000 }).toEqual(['chair']);
    for (const site of ['bac-ai', 'ninh-son']) await chairConsole.click(`.site-row[data-site-code="${site}"] [data-action="mute"]`);
    await expect.poll(() => audioArrivingFrom(kiosks.chair), { timeout: 10_000 }).toEqual(['bac-ai', 'ninh-son']);
  });

  it('sets a room’s microphone gain through a Web Audio stage the room cannot see', async () => {
    const slider = chairConsole.locator('.site-row[data-site-code="ninh-son"] input[name="mic-gain"]');
    await chairConsole.click('.site-row[data-site-code="ninh-son"] .site-levels summary');
    await slider.focus();
    await slider.press('End');
    await expect.poll(() => selfOf(kiosks['ninh-son'])).toMatchObject({ micGain: 2 });
    // The producer now sends the gain stage's output, not the microphone's own track…
    await expect
      .poll(() =>
        kiosks['ninh-son'].evaluate(() => {
          const sent = window.diemcauKiosk!.localProducers.find((producer) => producer.source === 'microphone')?.trackId;
          return sent !== undefined && sent !== window.diemcauKiosk!.local!.getAudioTracks()[0]!.id;
        }),
      )
      .toBe(true);
    // …and the other rooms keep hearing it.
    await expect.poll(() => audioArrivingFrom(kiosks.chair), { timeout: 10_000 }).toContain('ninh-son');
  });

  it('sets captions and backdrop once for every room (Art. 5.3)', async () => {
    await chairConsole.fill('input[name="backdrop"]', '#3a0b0b');
    await chairConsole.click('input[name="show-captions"]');
    await chairConsole.click('[data-action="apply-look"]');
    for (const site of SITES) {
      await expect.poll(() => kiosks[site].locator('.kiosk-live').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(58, 11, 11)');
      await expect.poll(() => kiosks[site].locator('.kiosk-stage figcaption').count()).toBe(0);
    }
    await screenshot(kiosks['ninh-son'], 'chair-kiosk-look');
    await chairConsole.fill('input[name="backdrop"]', '#0b2a4a');
    await chairConsole.click('input[name="show-captions"]');
    await chairConsole.click('[data-action="apply-look"]');
    await expect.poll(() => kiosks['ninh-son'].locator('.kiosk-stage figcaption').count()).toBeGreaterThan(0);
  });

  it('shares content from the console, then from a room it designates, and takes the token back', async () => {
    const presentation: TestLayout = { template: 'presentation', panes: ['content', 'chair', 'bac-ai', 'ninh-son'] };
    await fakeScreenCapture(chairConsole);
    await chairConsole.selectOption('select[name="presenter"]', 'console');
    await chairConsole.click('[data-action="give-presenter"]');
    await chairConsole.click('[data-action="share-screen"]');
    await applyLayout(chairConsole, presentation);
    for (const site of SITES) {
      await expectStage(kiosks[site], presentation);
      await expect.poll(() => contentWidth(kiosks[site]), { timeout: 15_000 }).toBeGreaterThan(0);
    }
    await screenshot(kiosks['bac-ai'], 'chair-kiosk-presentation');
    await screenshot(chairConsole, 'chair-console-presenting');

    // The token goes to Bác Ái: the console's content stops, the room may share its own.
    await chairConsole.selectOption('select[name="presenter"]', 'bac-ai');
    await chairConsole.click('[data-action="give-presenter"]');
    await expectStage(kiosks.chair, drawnWithoutContent(presentation));
    await fakeScreenCapture(kiosks['bac-ai']);
    await kiosks['bac-ai'].click('[data-action="share-screen"]');
    for (const site of others('bac-ai')) await expect.poll(() => contentWidth(kiosks[site]), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await kiosks.chair.locator('[data-pane-kind="content"] figcaption').textContent()).toBe('Trình chiếu: Huyện Bác Ái');

    await chairConsole.click('[data-action="take-presenter"]');
    await expect.poll(() => kiosks['bac-ai'].locator('[data-action="share-screen"]').count()).toBe(0);
    for (const site of SITES) await expectStage(kiosks[site], drawnWithoutContent(presentation));
    await expect
      .poll(() => kiosks['bac-ai'].evaluate(() => window.diemcauKiosk!.localProducers.map((producer) => producer.source).sort()))
      .toEqual(['camera', 'microphone']);
  });
});
