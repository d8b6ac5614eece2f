/**
 * `npm run fuzz -- --frames N` (issue 11, deliver 7): sends N raw socket.io
 * frames, generated with fast-check, at a live bridge whose meeting two real
 * kiosks (Debian's Chromium, fake camera and microphone) are in, over raw
 * WebSockets to every namespace: events of the shared request tables with
 * malformed or schema-shaped hostile payloads, unknown events, broken
 * packets, connects to unknown namespaces. It reports crashes (uncaught
 * errors in the bridge's process), whether the bridge is still healthy,
 * whether the live kiosks' decoded frames kept advancing, and whether
 * anything was written to the store. Exits 1 if any of those fails.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { chairRequests, checkRequests, kioskRequests, serverEvents } from '@diemcau/shared';
import { startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import type {} from '../../client/src/kiosk/KioskController';
import { assertClientBuilt, launchChromium } from '../e2e/browser';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '100000' }, connections: { type: 'string', default: '8' } } });
const FRAMES = Number(values.frames);
const CONNECTIONS = Number(values.connections);

let crashes = 0;
process.on('uncaughtException', (error) => {
  crashes++;
  process.stderr.write(`uncaught: ${error.stack ?? error}\n`);
});
process.on('unhandledRejection', (error) => {
  crashes++;
  process.stderr.write(`unhandled rejection: ${String(error)}\n`);
});

const requestTables = { ...kioskRequests, ...chairRequests, ...checkRequests };
const eventNames = [...Object.keys(requestTables), ...Object.keys(serverEvents)];

/** A payload: anything, or an object with the keys of some request's shared schema and hostile values. */
const payload = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(...Object.values(requestTables)).chain(({ request }) => {
    const keys = Object.keys((request as unknown as { shape?: object }).shape ?? {});
    return fc.record(Object.fromEntries(keys.map((key) => [key, fc.anything({ maxDepth: 2 })])), { requiredKeys: [] });
  }),
);

/** One engine.io frame for a connection in the namespace `nsp`. */
const frameFor = (nsp: string) =>
  fc.oneof(
    // A socket.io EVENT, with or without an acknowledgement id.
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.oneof(fc.constantFrom(...eventNames), fc.string({ maxLength: 40 })), fc.option(fc.nat(1e6)), fc.array(payload, { maxLength: 3 }))
        .map(([event, ack, args]) => `42${nsp},${ack ?? ''}${JSON.stringify([event, ...args])}`),
    },
    // Broken packets: wrong types, bad JSON, binary headers without attachments, unknown namespaces.
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }).map((text) => `42${nsp},${text}`) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(9), fc.string({ maxLength: 60 })).map(([type, text]) => `4${type}${text}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.nat(5), fc.string({ maxLength: 40 }))
        .map(([count, text]) => `45${count}-${nsp},["media:produce",{"_placeholder":true,"num":${count}}${text}]`),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((name) => `40/${name},{}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
  );

interface Target {
  nsp: string;
  auth: Record<string, string>;
}

/** A raw engine.io WebSocket joined to one namespace; reopened whenever the bridge closes it for a bad frame. */
class RawConnection {
  private socket: WebSocket | undefined;
  private ready: Promise<void> | undefined;
  reopened = 0;

  constructor(
    private readonly url: string,
    readonly target: Target,
  ) {}

  async send(frame: string): Promise<void> {
    await this.open();
    this.socket!.send(frame);
    // Keep the send buffer short: the point is to feed the bridge, not this process's memory.
    while (this.socket && this.socket.readyState === WebSocket.OPEN && this.socket.bufferedAmount > 64 * 1024) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.socket?.terminate();
  }

  private open(): Promise<void> {
    if (this.socket && this.socket.readyState === WebSocket.OPEN && this.ready) return this.ready;
    if (this.socket) this.reopened++;
    const socket = new WebSocket(`${this.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    this.socket = socket;
    this.ready = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      socket.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text.startsWith('0')) socket.send(`40${this.target.nsp},${JSON.stringify(this.target.auth)}`);
        else if (text === '2') socket.send('3');
        else if (text.startsWith(`40${this.target.nsp}`) || text.startsWith(`44${this.target.nsp}`)) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.ready;
  }
}

const TABLES = ['units', 'sites', 'site_contacts', 'users', 'meetings', 'meeting_sites', 'audit_log', 'incidents', 'site_checks', 'conference_states'];

async function rowCounts(platform: TestPlatform): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = Number((await platform.db(table).count<{ count: number | string }[]>({ count: '*' }))[0]!.count);
  return counts;
}

async function framesDecoded(page: Page): Promise<number> {
  const stats = await page.evaluate(() => window.diemcauKiosk!.inboundStats());
  return stats.filter((stat) => stat.kind === 'video').reduce((sum, stat) => sum + stat.framesDecoded, 0);
}

async function waitUntilDecoding(pages: Page[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await Promise.all(pages.map(framesDecoded))).every((frames) => frames > 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the kiosks did not start decoding within 60 s');
}

assertClientBuilt();
const platform = await startTestPlatform({ manualScheduler: true, workers: 1 });
const browser = await launchChromium();
let failed = false;
try {
  const pages: Page[] = [];
  for (const site of ['chair', 'bac-ai']) {
    const page = await (await browser.newContext({ viewport: { width: 960, height: 540 } })).newPage();
    await page.goto(`${platform.url}/kiosk?token=${await platform.kioskToken(site)}`);
    pages.push(page);
  }
  await waitUntilDecoding(pages);

  const targets: Target[] = [
    { nsp: '/kiosk', auth: { token: await platform.kioskToken('ninh-son') } },
    { nsp: '/kiosk', auth: { token: 'not-a-token' } },
    { nsp: '/chair', auth: { token: await platform.login('chutoa') } },
    { nsp: '/check', auth: { token: await platform.login('kythuat.bacai'), siteCode: 'bac-ai' } },
    { nsp: '/monitor', auth: { token: await platform.login('vnpt') } },
    { nsp: '/', auth: {} },
  ];
  const connections = Array.from({ length: CONNECTIONS }, (_, index) => new RawConnection(platform.url, targets[index % targets.length]!));
  const generators = new Map(targets.map((target) => [target.nsp, frameFor(target.nsp === '/' ? '' : target.nsp)]));

  const countsBefore = await rowCounts(platform);
  const framesBefore = await Promise.all(pages.map(framesDecoded));
  const started = Date.now();
  const BATCH = 500;
  for (let sent = 0; sent < FRAMES; sent += BATCH) {
    const size = Math.min(BATCH, FRAMES - sent);
    await Promise.all(
      connections.map(async (connection, index) => {
        const share = Math.floor(size / connections.length) + (index < size % connections.length ? 1 : 0);
        for (const frame of fc.sample(generators.get(connection.target.nsp)!, { numRuns: share, seed: sent + index })) await connection.send(frame);
      }),
    );
    if ((sent / BATCH) % 20 === 0) process.stdout.write(`  ${sent + size} frames sent\n`);
  }
  const seconds = (Date.now() - started) / 1000;
  // Let the bridge finish what it was sent before judging it.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  for (const connection of connections) connection.close();

  const health = await fetch(`${platform.url}/healthz`);
  const healthy = health.status === 200;
  const framesAfter = await Promise.all(pages.map(framesDecoded));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const framesLater = await Promise.all(pages.map(framesDecoded));
  const advancing = framesAfter.every((frames, index) => frames > framesBefore[index]!) && framesLater.every((frames, index) => frames > framesAfter[index]!);
  const countsAfter = await rowCounts(platform);
  const written = TABLES.filter((table) => countsAfter[table] !== countsBefore[table]);

  process.stdout.write(
    [
      `fuzz: ${FRAMES} raw socket.io frames over ${CONNECTIONS} WebSockets in ${seconds.toFixed(1)} s (${Math.round(FRAMES / seconds)} frames/s); connections closed by the bridge for bad frames and reopened: ${connections.reduce((sum, connection) => sum + connection.reopened, 0)}`,
      `  crashes (uncaught errors in the bridge process): ${crashes}`,
      `  healthy afterwards: ${healthy} (${health.status} ${JSON.stringify(await health.json())})`,
      `  live kiosks' decoded frames: before ${framesBefore.join(' / ')}, after ${framesAfter.join(' / ')}, 2 s later ${framesLater.join(' / ')} (advancing: ${advancing})`,
      `  rows written meanwhile: ${written.length === 0 ? 'none' : written.map((table) => `${table} ${countsBefore[table]}→${countsAfter[table]}`).join(', ')}`,
      '',
    ].join('\n'),
  );
  failed = crashes > 0 || !healthy || !advancing || written.length > 0;
} finally {
  await browser.close();
  await platform.close();
}
process.exit(failed ? 1 : 0);
