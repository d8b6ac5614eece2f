import net from 'node:net';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { startTestPlatform } from '../../server/test/integration/harness';
import { launchChromium } from '../e2e/browser';
import { startBareBridge } from './bare/bareBridge';

/*
 * The join benchmark (issue 14), `npm run bench -- join`: a room's kiosk opened in Chromium against a bridge
 * with three rooms live, 20 times; each time, after its first remote frame, its signaling is cut for 2 s
 * and the time back to a remote frame is taken. Then the floor: a bare mediasoup-client page against a bare
 * router on the same worker binary, 20 joins. Every step is a performance mark in the page (the kiosk's are
 * in KioskController.ts and MediaSession.ts; first packet and first decoded frame come from getStats,
 * polled every 10 ms by an init script in both pages).
 */

const JOINS = Number(process.env.BENCH_JOINS ?? 20);
const LIVE_ROOMS = ['chair', 'bac-ai', 'ninh-son'] as const;
const JOINER = 'ninh-hai';
const DROP_MS = 2_000;
const FRAME_TIMEOUT_MS = 30_000;

/**
 * Marks the first video packet and the first decoded frame of every receiving peer connection. Plain
 * JavaScript in a string: the page runs it as it is, untouched by this file's compiler.
 */
const WATCH_RECEPTION = `(() => {
  const Native = window.RTCPeerConnection;
  const watched = new Map();
  let busy = false;
  async function poll() {
    if (busy) return;
    busy = true;
    try {
      for (const [connection, seen] of watched) {
        if (connection.signalingState === 'closed' || seen.frame) {
          watched.delete(connection);
          continue;
        }
        const report = await connection.getStats();
        report.forEach((stat) => {
          if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') return;
          if (!seen.packet && stat.packetsReceived > 0) {
            seen.packet = true;
            performance.mark('join:first-video-packet');
          }
          if (!seen.frame && stat.framesDecoded > 0) {
            seen.frame = true;
            performance.mark('join:first-frame-decoded');
          }
        });
      }
    } finally {
      busy = false;
    }
  }
  setInterval(poll, 10);
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      watched.set(this, { packet: false, frame: false });
    }
  };
})();`;

/** A step: when it happened, in ms from navigation start (or from the reference of a re-join). */
type Sample = Record<string, number>;

const STEPS: ReadonlyArray<[string, string]> = [
  ['scripts', 'scripts downloaded'],
  ['dcl', 'DOMContentLoaded'],
  ['join:getUserMedia-called', 'getUserMedia called'],
  ['join:getUserMedia-returned', 'getUserMedia returned'],
  ['join:socket-created', 'WebSocket created'],
  ['join:socket-open', 'WebSocket open'],
  ['join:capabilities', 'capabilities received'],
  ['join:answered', 'join answered'],
  ['join:recv-connected', 'receive transport connected'],
  ['join:first-video-packet', 'first remote video packet'],
  ['join:first-frame-decoded', 'first frame decoded'],
];

const REJOIN_STEPS: ReadonlyArray<[string, string]> = [
  ['line', 'line back (bench unblocks the bridge)'],
  ['join:socket-open', 'WebSocket open again (the reference)'],
  ['join:capabilities', 'capabilities received'],
  ['join:answered', 'join answered'],
  ['join:recv-connected', 'receive transport connected'],
  ['join:first-video-packet', 'first remote video packet'],
  ['join:first-frame-decoded', 'first frame decoded'],
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function waitForMark(page: Page, name: string, after: number): Promise<void> {
  await page.waitForFunction(
    ({ name, after }) => performance.getEntriesByName(name).some((mark) => mark.startTime > after),
    { name, after },
    { timeout: FRAME_TIMEOUT_MS, polling: 20 },
  );
}

/** The steps of a page load, from navigation start; JavaScript bytes, and script time from Chromium's own metrics. */
async function loadSample(page: Page, cdp: CDPSession): Promise<Sample> {
  const sample = await page.evaluate(() => {
    const result: Record<string, number> = {};
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.name.endsWith('.js'));
    result.scripts = Math.max(...scripts.map((entry) => entry.responseEnd));
    result.jsBytes = scripts.reduce((sum, entry) => sum + entry.decodedBodySize, 0);
    result.dcl = navigation.domContentLoadedEventEnd;
    for (const mark of performance.getEntriesByType('mark')) result[mark.name] ??= mark.startTime;
    return result;
  });
  const { metrics } = await cdp.send('Performance.getMetrics');
  sample.scriptMs = (metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0) * 1000;
  return sample;
}

/** The first of each mark after the reference, in ms from it. */
async function marksAfter(page: Page, reference: number): Promise<Sample> {
  return page.evaluate((reference) => {
    const result: Record<string, number> = {};
    for (const mark of performance.getEntriesByType('mark')) {
      if (mark.startTime >= reference) result[mark.name] ??= mark.startTime - reference;
    }
    return result;
  }, reference);
}

/**
 * A TCP relay between the kiosk and the bridge, for its page and signaling (its media goes straight to the
 * bridge): cutting it drops the kiosk's socket as a broken line would, and new connections are refused
 * until it is restored.
 */
async function startLine(target: number): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  const open = new Set<net.Socket>();
  let up = true;
  const relay = net.createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target, '127.0.0.1');
    open.add(client).add(upstream);
    const done = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', done).on('close', done);
    upstream.on('error', done).on('close', done);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as net.AddressInfo).port,
    cut() {
      up = false;
      for (const socket of open) socket.destroy();
    },
    restore() {
      up = true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript({ content: WATCH_RECEPTION });
  const page = await context.newPage();
  // Chromium counts script time from here on: parsing, compiling and running the page's JavaScript.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  return { context, page, cdp };
}

async function kioskRuns(browser: Browser): Promise<{ joins: Sample[]; rejoins: Sample[] }> {
  // BENCH_CLIENT_DIR: another build of the client to serve, e.g. an earlier commit's, for before/after figures.
  const platform = await startTestPlatform({ clientDir: process.env.BENCH_CLIENT_DIR });
  const port = Number(new URL(platform.url).port);
  const line = await startLine(port);
  const live: BrowserContext[] = [];
  try {
    for (const [room, code] of LIVE_ROOMS.entries()) {
      const { context, page } = await newPage(browser);
      await page.goto(`${platform.url}/kiosk?token=${await platform.kioskToken(code)}`);
      // The first room has no one to receive yet; each next one receives the rooms before it.
      await waitForMark(page, room === 0 ? 'join:answered' : 'join:first-frame-decoded', 0);
      live.push(context);
    }
    const token = await platform.kioskToken(JOINER);
    const joins: Sample[] = [];
    const rejoins: Sample[] = [];
    for (let run = 0; run < JOINS; run++) {
      const { context, page, cdp } = await newPage(browser);
      await page.goto(`http://127.0.0.1:${line.port}/kiosk?token=${token}`);
      await waitForMark(page, 'join:first-frame-decoded', 0);
      joins.push(await loadSample(page, cdp));

      line.cut();
      await new Promise((resolve) => setTimeout(resolve, DROP_MS));
      const lineBack = await page.evaluate(() => performance.now());
      line.restore();
      await waitForMark(page, 'join:socket-open', lineBack);
      const socketBack = await page.evaluate(
        (after) => performance.getEntriesByName('join:socket-open').find((mark) => mark.startTime > after)!.startTime,
        lineBack,
      );
      await waitForMark(page, 'join:first-frame-decoded', socketBack);
      rejoins.push({ ...(await marksAfter(page, socketBack)), line: lineBack - socketBack });
      await context.close();
      process.stderr.write('.');
    }
    return { joins, rejoins };
  } finally {
    await Promise.all(live.map((context) => context.close()));
    await line.close();
    await platform.close();
  }
}

async function bareRuns(browser: Browser): Promise<Sample[]> {
  const bare = await startBareBridge();
  const live: BrowserContext[] = [];
  try {
    for (let room = 0; room < LIVE_ROOMS.length; room++) {
      const { context, page } = await newPage(browser);
      await page.goto(bare.url);
      await waitForMark(page, room === 0 ? 'join:answered' : 'join:first-frame-decoded', 0);
      live.push(context);
    }
    const joins: Sample[] = [];
    for (let run = 0; run < JOINS; run++) {
      const { context, page, cdp } = await newPage(browser);
      await page.goto(bare.url);
      await waitForMark(page, 'join:first-frame-decoded', 0);
      joins.push(await loadSample(page, cdp));
      await context.close();
      process.stderr.write('.');
    }
    return joins;
  } finally {
    await Promise.all(live.map((context) => context.close()));
    await bare.close();
  }
}

const cell = (values: number[]) => (values.length === 0 ? '–' : `${Math.round(percentile(values, 50))} / ${Math.round(percentile(values, 95))}`);
const column = (samples: Sample[], key: string) => samples.map((sample) => sample[key]).filter((value): value is number => value !== undefined);

export async function joinBenchmark(): Promise<void> {
  const browser = await launchChromium();
  try {
    const kiosk = await kioskRuns(browser);
    const bare = await bareRuns(browser);
    process.stderr.write('\n');
    const out: string[] = [];
    out.push(`join: ${JOINS} joins of a kiosk with ${LIVE_ROOMS.length} rooms live, and of the bare page; ms from navigation start, p50 / p95`);
    out.push('', '| step | kiosk | bare page |', '|---|---|---|');
    for (const [key, label] of STEPS) out.push(`| ${label} | ${cell(column(kiosk.joins, key))} | ${cell(column(bare, key))} |`);
    out.push(`| JavaScript loaded (bytes) | ${cell(column(kiosk.joins, 'jsBytes'))} | ${cell(column(bare, 'jsBytes'))} |`);
    out.push(`| script time to first frame (Chromium ScriptDuration, ms) | ${cell(column(kiosk.joins, 'scriptMs'))} | ${cell(column(bare, 'scriptMs'))} |`);
    const first = (samples: Sample[]) => column(samples, 'join:first-frame-decoded');
    const ratio = (p: number) => (percentile(first(kiosk.joins), p) / percentile(first(bare), p)).toFixed(2);
    out.push('', `join → first remote frame: kiosk / bare page = ${ratio(50)} at p50, ${ratio(95)} at p95`);
    out.push('', `re-join after a ${DROP_MS / 1000} s cut of the kiosk's signaling, ms from the socket's return, p50 / p95`);
    out.push('', '| step | kiosk |', '|---|---|');
    for (const [key, label] of REJOIN_STEPS) out.push(`| ${label} | ${cell(column(kiosk.rejoins, key))} |`);
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await browser.close();
  }
}
