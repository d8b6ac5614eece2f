import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConferenceState } from '@diemcau/shared';
import { startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { liveMeetingOfSites, startGeneratorRooms, type LoadGenerator } from '../load';
import { ChairConsole } from '../load/ChairConsole';
import { LAYERS } from '../load/mediaFiles';
import { assertClientBuilt, launchChromium, screenshot } from './browser';
import { expectStage, flowOver, sitesWithVideoFlowing, widthsBySite, type TestLayout } from './conferencePages';
import { openKiosk } from './kioskPage';

/*
 * A province meeting of 40 sites (issue 8): 38 rooms of the load generator
 * (real ICE, DTLS-SRTP, VP8 in three simulcast layers and Opus) and 2 real
 * Chromium kiosks, the chair's room and a district. Everything is asserted
 * from the real kiosks' own getStats(): the panes of the layout decode frames
 * from the right sites, and sound comes only from the rooms the chair left
 * unmuted, within the cap. The cap is 3 here (MAX_AUDIBLE_SITES, default 6),
 * so that going over it costs the 38 synthetic rooms little.
 */

const SITES = 40;
const CAP = 3;
/** The width of the generator's middle simulcast layer. */
const MIDDLE_LAYER_WIDTH = Number(LAYERS[1].size.split('x')[0]);

let platform: TestPlatform;
let browser: Browser;
let generator: LoadGenerator;
let chair: ChairConsole;
let state: ConferenceState | undefined;
/** The meeting's sites: the chair's first, then the district with a real kiosk, then the generator's rooms. */
let codes: string[];
const kiosks = new Map<string, Page>();

/** The generator's rooms, numbered from 0 in the meeting's order. */
const room = (index: number) => codes[2 + index]!;

const asSpec = (layout: TestLayout) => ({
  template: layout.template,
  panes: layout.panes.map((pane) => (pane === null ? null : { kind: 'site' as const, siteCode: pane })),
});

/** Per remote site, the audio consumers this kiosk has (paused ones included) and the packets each got over `ms`. */
async function audioOver(page: Page, ms: number): Promise<{ consumers: string[]; flowing: string[] }> {
  const consumers = (await page.evaluate(() => window.diemcauKiosk!.inboundStats())).filter((stat) => stat.kind === 'audio').map((stat) => stat.siteCode);
  const flow = await flowOver(page, ms);
  const flowing = [...flow].filter(([, counts]) => counts.audioPackets > 0).map(([site]) => site);
  return { consumers: consumers.sort(), flowing: flowing.sort() };
}

const others = (sites: readonly string[], self: string) => sites.filter((site) => site !== self).sort();

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform({ workers: 2, manualScheduler: true, env: { MAX_AUDIBLE_SITES: String(CAP) } });
  ({ siteCodes: codes } = await liveMeetingOfSites(platform.db, SITES));
  chair = await ChairConsole.attach(platform.url, { username: 'chutoa', password: platform.passwordOf('chutoa'), meetingId: await platform.liveMeetingId() });
  chair.onState((next) => (state = next));
  // Before anyone joins: every room muted but the chair's, then the district and two generator rooms heard.
  await chair.request('chair:muteAll', {});
  await chair.request('chair:muteSites', { siteCodes: [codes[1]!, room(0), room(1)], muted: false });
  await chair.request('chair:setLayout', { layout: asSpec(FIRST_LAYOUT()), target: 'all' });
  generator = await startGeneratorRooms({
    url: platform.url,
    rooms: await Promise.all(codes.slice(2).map(async (siteCode) => ({ siteCode, token: await platform.kioskToken(siteCode) }))),
    // Every room receives; reading each packet in JavaScript is what costs, and the browser is what is asserted here.
    measuredRooms: 2,
  });
  browser = await launchChromium();
  for (const siteCode of codes.slice(0, 2)) kiosks.set(siteCode, await openKiosk(browser, platform, siteCode));
}, 180_000);

afterAll(async () => {
  chair?.close();
  generator?.close();
  await browser?.close();
  await platform?.close();
});

/** The chair's room, the district, and seven generator rooms of which the first two are unmuted. */
const FIRST_LAYOUT = (): TestLayout => ({ template: 'grid-3x3', panes: [codes[0]!, codes[1]!, ...Array.from({ length: 7 }, (_, index) => room(index))] });
/** Four other generator rooms, none of them in the first layout. */
const SECOND_LAYOUT = (): TestLayout => ({ template: 'grid-2x2', panes: [room(7), room(8), room(9), room(10)] });

describe('a 40-site meeting of generator rooms and real kiosks', () => {
  it('every generator room joined and receives the panes of its view', async () => {
    expect(generator.failures).toEqual([]);
    expect(generator.rooms).toHaveLength(SITES - 2);
    await expect
      .poll(
        () =>
          generator
            .reports()
            .filter((report) => report.panesMissing > 0 || report.video.length === 0)
            .map((report) => report.siteCode),
        { timeout: 30_000 },
      )
      .toEqual([]);
  });

  it('the real kiosks draw the layout and decode frames from exactly the sites of its panes', async () => {
    const layout = FIRST_LAYOUT();
    for (const [siteCode, page] of kiosks) {
      await expectStage(page, layout, 60_000);
      await expect.poll(() => sitesWithVideoFlowing(page), { timeout: 60_000, interval: 1_000 }).toEqual(others(layout.panes as string[], siteCode));
    }
    await screenshot(kiosks.get(codes[0]!)!, 'province-meeting-40-sites');
  });

  it('they hear only the unmuted rooms: packets rising from each, no consumer for the muted ones', async () => {
    const unmuted = [codes[0]!, codes[1]!, room(0), room(1)];
    for (const [siteCode, page] of kiosks) {
      await expect.poll(async () => (await audioOver(page, 2_000)).flowing, { timeout: 30_000, interval: 500 }).toEqual(others(unmuted, siteCode));
      const { consumers } = await audioOver(page, 0);
      expect(consumers).toEqual(others(unmuted, siteCode));
      expect(consumers.length).toBeLessThanOrEqual(CAP + 1);
    }
  });

  it('above the cap, the chair keeps what the bridge selects: at most MAX_AUDIBLE_SITES + 1 rooms heard, all unmuted', async () => {
    const unmuted = [codes[0]!, codes[1]!, ...Array.from({ length: 5 }, (_, index) => room(index))];
    await chair.request('chair:muteSites', { siteCodes: [room(2), room(3), room(4)], muted: false });
    await expect.poll(() => state?.sites.filter((site) => !site.muted).length, { timeout: 10_000 }).toBe(unmuted.length);
    const audible = [...(state?.audible ?? [])];
    expect(audible).toContain(codes[0]);
    expect(audible.length).toBe(CAP + 1);
    expect(unmuted).toEqual(expect.arrayContaining(audible));
    for (const [siteCode, page] of kiosks) {
      await expect.poll(async () => (await audioOver(page, 2_000)).flowing, { timeout: 30_000, interval: 500 }).toEqual(others(audible, siteCode));
      const { consumers } = await audioOver(page, 0);
      // Rooms heard before the change may keep a paused consumer for a while; none ever came for a muted room.
      expect(consumers.length).toBeLessThanOrEqual(CAP + 1);
      expect(unmuted).toEqual(expect.arrayContaining(consumers));
    }
  });

  it('when the chair changes the layout, the real kiosks follow and receive the new panes at the layer they need', async () => {
    const layout = SECOND_LAYOUT();
    await chair.request('chair:setLayout', { layout: asSpec(layout), target: 'all' });
    for (const page of kiosks.values()) {
      await expectStage(page, layout, 30_000);
      await expect.poll(() => sitesWithVideoFlowing(page), { timeout: 30_000, interval: 1_000 }).toEqual([...(layout.panes as string[])].sort());
      // A quarter of the screen takes the middle layer: the generator's is 640 pixels wide, its lowest 320.
      await expect
        .poll(
          async () => {
            const widths = await widthsBySite(page);
            return (layout.panes as string[]).map((site) => widths[site]);
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toEqual(layout.panes.map(() => MIDDLE_LAYER_WIDTH));
    }
    await screenshot(kiosks.get(codes[1]!)!, 'province-meeting-40-sites-second-layout');
    const shown = layout.panes as string[];
    await expect
      .poll(
        () =>
          generator
            .reports()
            .filter((report) => report.panesMissing > 0 || report.video.length !== others(shown, report.siteCode).length)
            .map((report) => report.siteCode),
        { timeout: 30_000 },
      )
      .toEqual([]);
  });
});
