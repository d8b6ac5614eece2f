import os from 'node:os';
import type { Page } from 'playwright-core';
import type { SiteSample } from '@diemcau/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertClientBuilt, screenshot } from '../browser';
import { expectReceivingFrom } from '../kioskPage';
import { recordPeerConnections, startRecording, stopRecording, tileFigures, timeToNewFrame, videoStats, watchFrames } from './mediaStats';
import { NetworkLab, type BridgeServer, type Observation } from './lab';

/**
 * Issue 9, part 5: lossy lines without netem. Loss is nftables' `numgen random mod 100 < 5 drop` on the room's
 * link, the rate cap tbf, the cut a drop of everything. The bridge watches with a 1 s sample, opens an incident
 * after 10 s of critical degradation, and one after 5 s of absence.
 */
let lab: NetworkLab;
let bridge: BridgeServer;
const rooms = { k1: 'bac-ai', k2: 'ninh-son' } as const;
const pages = new Map<keyof typeof rooms, Page>();

beforeAll(async () => {
  assertClientBuilt();
  lab = await NetworkLab.create(Object.keys(rooms));
  bridge = await lab.startBridge({ MONITOR_INTERVAL_SECONDS: '1', DEGRADED_INCIDENT_SECONDS: '10', INCIDENT_GRACE_SECONDS: '5' });
  await lab.setUpRooms(bridge, rooms);
  for (const role of Object.keys(rooms) as Array<keyof typeof rooms>) {
    const page = await (await (await lab.launchChromium(role, lab.home(role))).newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    page.on('pageerror', (error) => console.error(`[${role}] page error:`, error));
    await recordPeerConnections(page);
    await page.goto(lab.link(role));
    pages.set(role, page);
  }
}, 240_000);
afterAll(async () => {
  await lab?.close();
});

const siteOf = (observation: Observation, code: string) =>
  observation.sample?.meetings.flatMap((meeting) => meeting.sites).find((site) => site.siteCode === code);
/** The site receives the top picture size with all its frames. */
const isTopLayer = (site: SiteSample | undefined) => site?.receivedLayer === 2 && !site.receivedFewerFrames;
/** The site receives video, but a smaller picture (spatial layer) or fewer of its frames (temporal layers). */
const isLowerLayer = (site: SiteSample | undefined) => site !== undefined && site.receivedLayer !== null && !isTopLayer(site);
const incidentsOf = (observation: Observation, type?: string) => {
  const bacAi = observation.sites.find((site) => site.code === 'bac-ai')?.id;
  return observation.incidents.filter((incident) => incident.automatic && (type === undefined || incident.type === type) && incident.siteId === bacAi);
};

/** Polls the bridge's monitoring until `accept` holds; bounded by `timeoutMs`. */
async function observeUntil(accept: (observation: Observation) => boolean, timeoutMs: number): Promise<Observation> {
  const deadline = Date.now() + timeoutMs;
  let observation = await bridge.observe(lab);
  while (!accept(observation) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    observation = await bridge.observe(lab);
  }
  return observation;
}

const LOSS = [
  'iifname "$port" numgen random mod 100 < 5 counter drop comment "loss-up"',
  'oifname "$port" numgen random mod 100 < 5 counter drop comment "loss-down"',
];
const CUT = ['iifname "$port" counter drop comment "cut-up"', 'oifname "$port" counter drop comment "cut-down"'];

describe('a room on a lossy line', () => {
  it('first joins on a clean line', async () => {
    await expectReceivingFrom(pages.get('k1')!, [rooms.k2], 90_000);
    await expectReceivingFrom(pages.get('k2')!, [rooms.k1], 90_000);
  });

  it('at 5 % loss both ways keeps showing the meeting, recovering pictures with NACK/RTX and keyframe requests; monitoring shows the loss and raises an alarm', async () => {
    const [k1, k2] = [pages.get('k1')!, pages.get('k2')!];
    const before = await videoStats(k1);
    await lab.setLinkRules('k1', LOSS);
    await Promise.all([startRecording(k1), startRecording(k2)]);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    const [lossy, other] = await Promise.all([stopRecording(k1), stopRecording(k2)]);
    const seenByLossy = tileFigures(lossy.tiles[rooms.k2] ?? []);
    const seenFromLossy = tileFigures(other.tiles[rooms.k1] ?? []);
    const after = await videoStats(k1);
    console.log(`5 % loss, 30 s (load average ${os.loadavg()[0]!.toFixed(1)}):`, JSON.stringify({ seenByLossy, seenFromLossy, before, after }));

    expect(await lab.ruleCount('k1', 'loss-up')).toBeGreaterThan(0);
    expect(await lab.ruleCount('k1', 'loss-down')).toBeGreaterThan(0);
    // Both ways the pictures keep coming: every picture that breaks is mended within seconds. (How often they
    // freeze for over a second is a benchmark figure: npm run bench -- network.)
    expect(seenByLossy.frames).toBeGreaterThan(150);
    expect(seenFromLossy.frames).toBeGreaterThan(150);
    expect(seenByLossy.longestStallMs).toBeLessThan(5_000);
    // A picture stuck on a reference frame that never arrived whole is asked a keyframe for by the receiving kiosk
    // (FreezeWatch), not after Chromium's own 3 s: every freeze of the lossy room's picture ends sooner, on a
    // keyframe the lossy room was asked for. (How often it freezes is a benchmark figure: npm run bench -- network.)
    for (const freeze of seenFromLossy.freezes) expect(freeze.durationMs, JSON.stringify(freeze)).toBeLessThan(3_000);
    const keyFrameRequests = (lossy.sent.at(-1)?.layers.r0?.plis ?? 0) - (lossy.sent.at(0)?.layers.r0?.plis ?? 0);
    expect(keyFrameRequests).toBeGreaterThanOrEqual(Math.min(1, seenFromLossy.freezes.length));
    // …because lost packets are asked for again and resent, and pictures that cannot be mended are asked for anew.
    expect(after.nacksSent).toBeGreaterThan(before.nacksSent);
    expect(after.nacksReceived).toBeGreaterThan(before.nacksReceived);
    expect(after.retransmittedPackets).toBeGreaterThan(before.retransmittedPackets);
    expect(after.plisSent + after.nacksSent).toBeGreaterThan(before.plisSent + before.nacksSent);
    await screenshot(k1, 'network-kiosk-lossy');

    const observation = await observeUntil(
      (seen) => seen.alarms.some((alarm) => alarm.siteCode === 'bac-ai' && alarm.code === 'packet-loss' && alarm.raised),
      20_000,
    );
    expect(siteOf(observation, 'bac-ai')?.packetLossPct).toBeGreaterThan(1);
    expect(observation.alarms.find((alarm) => alarm.siteCode === 'bac-ai' && alarm.code === 'packet-loss' && alarm.raised)).toBeDefined();
    // The loss is the lossy room's: the other room's line stays cleaner.
    expect(siteOf(observation, 'ninh-son')!.packetLossPct).toBeLessThan(siteOf(observation, 'bac-ai')!.packetLossPct);
  });

  it('sustained critical degradation opens an incident, which closes with its duration once the line recovers', async () => {
    // The loss of the previous test is still on: the site has been critical for over 30 s.
    const opened = await observeUntil((seen) => incidentsOf(seen).length > 0, 30_000);
    const [incident] = incidentsOf(opened);
    expect(incident, JSON.stringify(opened.incidents)).toBeDefined();
    expect(incident!.closedAt).toBeNull();

    await lab.setLinkRules('k1', []);
    const closed = await observeUntil((seen) => incidentsOf(seen).find((candidate) => candidate.id === incident!.id)?.closedAt != null, 60_000);
    const done = incidentsOf(closed).find((candidate) => candidate.id === incident!.id)!;
    expect(done.closedAt).not.toBeNull();
    const durationS = (Date.parse(done.closedAt!) - Date.parse(done.openedAt)) / 1000;
    console.log('degradation incident:', JSON.stringify(done), 'duration', durationS);
    expect(durationS).toBeGreaterThan(10);
  });

  it('capped at 600 kbit/s, the room receives lower simulcast layers by itself and keeps its picture', async () => {
    const k1 = pages.get('k1')!;
    // In the grid every tile needs only the low layer: the chair shows Ninh Sơn full screen in Bác Ái.
    await bridge.showFullScreen(lab, rooms.k1, rooms.k2);
    // After the lossy minute the bridge's estimate of the room's downlink climbs back first. (The sending
    // browser also needs the processor time for its top layer: on a machine loaded far past its cores it may
    // not send it, and this precondition fails.)
    const uncapped = await observeUntil((seen) => isTopLayer(siteOf(seen, 'bac-ai')), 90_000);
    expect(isTopLayer(siteOf(uncapped, 'bac-ai'))).toBe(true);
    await lab.setDownlinkRate('k1', 600);
    try {
      /*
       * Lower layers: a smaller picture (spatial), or the top one with some of its frames held back (temporal),
       * as mediasoup chooses. Watched together: the bridge moves down within seconds of the cap, but it also
       * probes the top layer again 9–24 s after each move down and may stay there a while (BENCHMARKS.md, the
       * 600 kbit/s cap).
       */
      const [watch, capped] = await Promise.all([watchFrames(k1, 30_000), observeUntil((seen) => isLowerLayer(siteOf(seen, 'bac-ai')), 40_000)]);
      console.log('600 kbit/s:', JSON.stringify({ watch, site: siteOf(capped, 'bac-ai') }));
      expect(isLowerLayer(siteOf(capped, 'bac-ai'))).toBe(true);
      expect(watch.frames).toBeGreaterThan(100);
      // The switch down costs a freeze while the new layer's keyframe comes; the 2 s target for it is
      // a benchmark figure (npm run bench -- network), the picture coming back is the behaviour.
      expect(watch.longestStallMs).toBeLessThan(5_000);
    } finally {
      await lab.setDownlinkRate('k1', undefined);
    }
  });

  it('cut for 20 s, the room re-joins by itself and the incident holds the real downtime', async () => {
    const [k1, k2] = [pages.get('k1')!, pages.get('k2')!];
    const incidentsBefore = incidentsOf(await bridge.observe(lab), 'transmission').map((incident) => incident.id);
    await lab.setLinkRules('k1', CUT);
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    await lab.setLinkRules('k1', []);
    const [backOnLossy, backOnOther] = await Promise.all([timeToNewFrame(k1, 60_000), timeToNewFrame(k2, 60_000)]);
    console.log('after the 20 s cut, first frame in ms:', JSON.stringify({ backOnLossy, backOnOther }));
    await expectReceivingFrom(k2, [rooms.k1], 30_000);

    const closed = await observeUntil(
      (seen) => incidentsOf(seen, 'transmission').some((incident) => !incidentsBefore.includes(incident.id) && incident.closedAt !== null),
      60_000,
    );
    const incident = incidentsOf(closed, 'transmission').find((candidate) => !incidentsBefore.includes(candidate.id));
    console.log('cut incident:', JSON.stringify(incident));
    expect(incident?.closedAt).not.toBeNull();
    // Dated from when the room was last heard (at most one 5 s ping before the cut), closed on its return.
    expect(incident!.downtimeSeconds).toBeGreaterThanOrEqual(19);
    expect(incident!.downtimeSeconds).toBeLessThanOrEqual(32);
  });
});
