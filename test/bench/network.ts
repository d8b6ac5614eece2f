/**
 * `npm run bench -- network` (as root): the issue 9 targets, in the network namespaces of test/e2e/network.
 *
 * 1. Join → first frame: a kiosk opens its link; time until it decodes the first frame of the other room.
 *    Over HTTPS from a namespace (by name, CA trusted as the set-up script does), against the same on loopback.
 * 2. Recovery: the room's link cut for 20 s; time from the link returning to its first new frame.
 * 3. Freezes at 5 % loss both ways: stalls over 1 s per minute, per tile, on both sides.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestPlatform } from '../../server/test/integration/harness';
import { launchChromium } from '../e2e/browser';
import { NetworkLab } from '../e2e/network/lab';
import { recordPeerConnections, timeToNewFrame, watchFrames } from '../e2e/network/mediaStats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CUTS = Number(process.env.BENCH_CUTS ?? 3);
const LOSS_MINUTES = Number(process.env.BENCH_LOSS_MINUTES ?? 2);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const describe = (values: number[]) => `median ${median(values)} ms, min ${Math.min(...values)} ms, max ${Math.max(...values)} ms (${values.length} runs)`;

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await recordPeerConnections(page);
  await page.goto(url);
  return page;
}

/** Time from opening the link to the first decoded frame, `ROUNDS` times, the other room already in. */
async function joinTimes(receiver: Browser, receiverUrl: string): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = Date.now();
    const page = await open(receiver, receiverUrl);
    await timeToNewFrame(page, 60_000);
    times.push(Date.now() - started);
    await page.context().close();
    // The bridge sees the room leave before it comes again.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return times;
}

async function onLoopback(): Promise<number[]> {
  const platform = await startTestPlatform();
  const browser = await launchChromium();
  try {
    await open(browser, `${platform.url}/kiosk?token=${await platform.kioskToken('ninh-son')}`);
    return await joinTimes(browser, `${platform.url}/kiosk?token=${await platform.kioskToken('bac-ai')}`);
  } finally {
    await browser.close();
    await platform.close();
  }
}

async function inNamespaces(): Promise<void> {
  const lab = await NetworkLab.create(['k1', 'k2']);
  try {
    const bridge = await lab.startBridge();
    await lab.setUpRooms(bridge, { k1: 'bac-ai', k2: 'ninh-son' });
    const browsers = { k1: await lab.launchChromium('k1', lab.home('k1')), k2: await lab.launchChromium('k2', lab.home('k2')) };
    const other = await open(browsers.k2, lab.link('k2'));
    const joins = await joinTimes(browsers.k1, lab.link('k1'));
    process.stdout.write(`join → first frame, HTTPS from a namespace: ${describe(joins)}\n`);

    const room = await open(browsers.k1, lab.link('k1'));
    await timeToNewFrame(room, 60_000);
    const recoveries: number[] = [];
    for (let cut = 0; cut < CUTS; cut++) {
      await lab.setLinkRules('k1', ['iifname "$port" drop', 'oifname "$port" drop']);
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      await lab.setLinkRules('k1', []);
      recoveries.push(await timeToNewFrame(room, 60_000));
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
    process.stdout.write(`first frame after a 20 s cut, from the link returning: ${describe(recoveries)}\n`);

    await lab.setLinkRules('k1', ['iifname "$port" numgen random mod 100 < 5 drop', 'oifname "$port" numgen random mod 100 < 5 drop']);
    const durationMs = LOSS_MINUTES * 60_000;
    const [lossySide, otherSide] = await Promise.all([watchFrames(room, durationMs), watchFrames(other, durationMs)]);
    const perMinute = (stalls: number) => (stalls / LOSS_MINUTES).toFixed(1);
    process.stdout.write(
      `5 % loss both ways, ${LOSS_MINUTES} min: freezes > 1 s per minute — tile seen by the lossy room ${perMinute(lossySide.stallsOverOneSecond)} ` +
        `(longest ${lossySide.longestStallMs} ms), the lossy room's tile elsewhere ${perMinute(otherSide.stallsOverOneSecond)} (longest ${otherSide.longestStallMs} ms)\n`,
    );
  } finally {
    await lab.close();
  }
}

export async function networkBenchmarks(): Promise<void> {
  const loopback = await onLoopback();
  process.stdout.write(`join → first frame, loopback: ${describe(loopback)}\n`);
  await inNamespaces();
}
