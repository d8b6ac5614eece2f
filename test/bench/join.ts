import net from 'node:net';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { startTestPlatform } from '../../server/test/integration/harness';
import { launchChromium } from '../e2e/browser';
import { startBareBridge } from './bare/bareBridge';

/*
 * The join benchmark (issue 14), `npm run bench -- join`: a room's kiosk opened in Chromium against a bridge
 * with three rooms live, 20 times, each in turn with the floor: a bare mediasoup-client page against a bare
 * router on the same worker binary, also with three rooms live. Then 20 re-joins: the kiosk's signaling goes
 * through a relay that is cut for 2 s, and the time from the socket's return to a remote frame is taken. Every step is a performance mark in the page (the kiosk's are
 * in KioskController.ts and MediaSession.ts; first packet and first decoded frame come from getStats,
 * polled every 10 ms by an init script in both pages).
 */

const JOINS = Number(process.env.BENCH_JOINS ?? 20);
/** BENCH_REJOINS=0 for a client without the join marks (an earlier build given in BENCH_CLIENT_DIR). */
const REJOINS = Number(process.env.BENCH_REJOINS ?? JOINS);
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
  ['page', 'page received'],
  ['scripts', 'scripts downloaded'],
  ['dcl', 'DOMContentLoaded'],
  ['join:getUserMedia-called', 'getUserMedia called'],
  ['join:getUserMedia-returned', 'getUserMedia returned'],
  ['join:socket-created', 'WebSocket created'],
  ['join:engine-open', 'WebSocket open, before the namespace connects (kiosk only: socket.io)'],
  ['join:socket-open', 'WebSocket open'],
  ['join:capabilities', 'capabilities received'],
  ['join:session-state', 'session state received (kiosk only: its join waits for it)'],
  ['join:device-loaded', 'device loaded with the capabilities'],
  ['join:requested', 'join requested'],
  ['join:answered', 'join answered'],
  ['join:recv-connected', 'receive transport connected'],
  ['join:first-video-packet', 'first remote video packet'],
  ['join:first-frame-decoded', 'first frame decoded'],
];

const REJOIN_STEPS: ReadonlyArray<[string, string]> = [
  ['line', 'line back (bench unblocks the bridge)'],
  ['join:socket-open', 'WebSocket open again (the reference)'],
  ['join:capabilities', 'capabilities received'],
  ['join:session-state', 'session state received (kiosk only: its join waits for it)'],
  ['join:requested', 'join requested'],
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
    result.page = navigation.responseEnd;
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

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript({ content: WATCH_RECEPTION });
  return context;
}

async function pageIn(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  // Chromium counts script time from here on: parsing, compiling and running the page's JavaScript.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  return { page, cdp };
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await newContext(browser);
  return { context, ...(await pageIn(context)) };
}

/** Rooms that are live before the measured page joins: each waits for the ones before it to reach it. */
async function openLiveRooms(browser: Browser, addresses: readonly string[]): Promise<BrowserContext[]> {
  const contexts: BrowserContext[] = [];
  for (const [room, address] of addresses.entries()) {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    await page.goto(address);
    // The first room has no one to receive yet; a frame in the second shows the first is live.
    if (room > 0) await waitForMark(page, 'join:first-frame-decoded', 0);
  }
  return contexts;
}

/**
 * Opens the page and takes its join once a remote frame is decoded: in a fresh browser context (nothing cached),
 * or, given one, in that context, as a restarted PC opens its kiosk with the browser profile it had.
 */
async function measureJoin(browser: Browser, address: string, profile?: BrowserContext): Promise<Sample> {
  const context = profile ?? (await newContext(browser));
  const { page, cdp } = await pageIn(context);
  try {
    await page.goto(address);
    await waitForMark(page, 'join:first-frame-decoded', 0);
    return await loadSample(page, cdp);
  } finally {
    await (profile ? page.close() : context.close());
  }
}

/** Joins through the relay, cuts it for DROP_MS, and takes the re-join from the socket's return. */
async function measureRejoin(browser: Browser, address: string, line: Awaited<ReturnType<typeof startLine>>): Promise<Sample> {
  const { context, page } = await newPage(browser);
  try {
    await page.goto(address);
    await waitForMark(page, 'join:first-frame-decoded', 0);
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
    return { ...(await marksAfter(page, socketBack)), line: lineBack - socketBack };
  } finally {
    await context.close();
  }
}

interface Runs {
  joins: Sample[];
  bare: Sample[];
  rejoins: Sample[];
}

/**
 * By default the bridge and the bare router run side by side, each with its three live rooms, and the
 * kiosk's and the bare page's joins alternate: both meet the same load on this shared machine, so their ratio
 * is fair. That is six live rooms on the machine, though. BENCH_PHASES=1 keeps only one side's three rooms live
 * at a time: blocks of BENCH_BLOCK (5) kiosk joins with the bridge's rooms, then as many bare joins with the
 * bare router's, and again until each side has its joins, so both still meet the machine's changing load
 * alike; the re-joins come last, with the bridge's rooms.
 */
async function run(browser: Browser): Promise<Runs> {
  const inPhases = process.env.BENCH_PHASES === '1';
  const block = inPhases ? Number(process.env.BENCH_BLOCK ?? 5) : 1;
  // BENCH_CLIENT_DIR: another build of the client to serve, e.g. an earlier commit's, for before/after figures.
  const platform = await startTestPlatform({ clientDir: process.env.BENCH_CLIENT_DIR });
  const bare = await startBareBridge();
  const line = await startLine(Number(new URL(platform.url).port));
  const live: BrowserContext[] = [];
  const closeLive = async () => {
    await Promise.all(live.splice(0).map((context) => context.close()));
  };
  try {
    const kioskAddress = async (code: string) => `/kiosk?token=${await platform.kioskToken(code)}`;
    const liveAddresses = await Promise.all(LIVE_ROOMS.map(async (code) => `${platform.url}${await kioskAddress(code)}`));
    const openBridgeRooms = async () => live.push(...(await openLiveRooms(browser, liveAddresses)));
    const openBareRooms = async () =>
      live.push(
        ...(await openLiveRooms(
          browser,
          LIVE_ROOMS.map(() => bare.url),
        )),
      );
    const joiner = await kioskAddress(JOINER);
    const runs: Runs = { joins: [], bare: [], rejoins: [] };
    // BENCH_RESTART=1: each side's page is opened again and again in one browser profile, as a restarted PC
    // does; a first join in each fills its cache and is not counted.
    const profiles = new Map<string, BrowserContext>();
    const profileFor = async (address: string) => {
      if (process.env.BENCH_RESTART !== '1') return undefined;
      let profile = profiles.get(address);
      if (!profile) {
        profile = await newContext(browser);
        profiles.set(address, profile);
        await measureJoin(browser, address, profile);
      }
      return profile;
    };
    const joinsOf = async (samples: Sample[], address: string, count: number) => {
      for (let round = 0; round < count; round++) {
        samples.push(await measureJoin(browser, address, await profileFor(address)));
        process.stderr.write('.');
      }
    };
    if (!inPhases) {
      await openBridgeRooms();
      await openBareRooms();
    }
    for (let done = 0; done < JOINS; done += block) {
      const count = Math.min(block, JOINS - done);
      if (inPhases) {
        await openBridgeRooms();
        await joinsOf(runs.joins, `${platform.url}${joiner}`, count);
        await closeLive();
        await openBareRooms();
        await joinsOf(runs.bare, bare.url, count);
        await closeLive();
      } else {
        await joinsOf(runs.joins, `${platform.url}${joiner}`, 1);
        await joinsOf(runs.bare, bare.url, 1);
      }
    }
    // Through the relay, which the joins above do not pay for.
    if (inPhases && REJOINS > 0) await openBridgeRooms();
    for (let round = 0; round < REJOINS; round++) {
      runs.rejoins.push(await measureRejoin(browser, `http://127.0.0.1:${line.port}${joiner}`, line));
      process.stderr.write('.');
    }
    await Promise.all([...profiles.values()].map((profile) => profile.close()));
    return runs;
  } finally {
    await closeLive();
    await line.close();
    await bare.close();
    await platform.close();
  }
}

const cell = (values: number[]) => (values.length === 0 ? '–' : `${Math.round(percentile(values, 50))} / ${Math.round(percentile(values, 95))}`);
const column = (samples: Sample[], key: string) => samples.map((sample) => sample[key]).filter((value): value is number => value !== undefined);

export async function joinBenchmark(): Promise<void> {
  const browser = await launchChromium();
  try {
    const { joins, bare, rejoins } = await run(browser);
    process.stderr.write('\n');
    const out: string[] = [];
    out.push(`join: ${JOINS} joins of a kiosk with ${LIVE_ROOMS.length} rooms live, and of the bare page; ms from navigation start, p50 / p95`);
    out.push('', '| step | kiosk | bare page |', '|---|---|---|');
    for (const [key, label] of STEPS) out.push(`| ${label} | ${cell(column(joins, key))} | ${cell(column(bare, key))} |`);
    out.push(`| JavaScript loaded (bytes) | ${cell(column(joins, 'jsBytes'))} | ${cell(column(bare, 'jsBytes'))} |`);
    out.push(`| script time to first frame (Chromium ScriptDuration, ms) | ${cell(column(joins, 'scriptMs'))} | ${cell(column(bare, 'scriptMs'))} |`);
    const first = (samples: Sample[]) => column(samples, 'join:first-frame-decoded');
    const ratio = (p: number) => (percentile(first(joins), p) / percentile(first(bare), p)).toFixed(2);
    out.push('', `join → first remote frame: kiosk / bare page = ${ratio(50)} at p50, ${ratio(95)} at p95`);
    if (rejoins.length > 0) {
      out.push('', `${REJOINS} re-joins after a ${DROP_MS / 1000} s cut of the kiosk's signaling, ms from the socket's return, p50 / p95`);
      out.push('', '| step | kiosk |', '|---|---|');
      for (const [key, label] of REJOIN_STEPS) out.push(`| ${label} | ${cell(column(rejoins, key))} |`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await browser.close();
  }
}
