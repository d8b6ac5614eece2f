/**
 * Benchmarks, run with `npm run bench`; figures go in BENCHMARKS.md.
 *
 * 1. Layout push: a chair console changes the layout; time until every one of
 *    N kiosks connected over signaling has received its new view.
 * 2. Booking check: the pure conflict and free-slot rules on a busy calendar.
 * 3. Metrics scrape: Prometheus reading /metrics of a bridge with a 150-site live meeting.
 *
 * `npm run bench -- network` runs the network benchmarks instead (test/bench/network.ts).
 * 4. `npm run bench -- join`: a kiosk's join and re-join in Chromium, against a bare page (join.ts).
 * 5. `npm run bench -- startup`: start → healthy, the compiled server against tsx (startup.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { LayoutSpec, Result } from '@diemcau/shared';
import { startTestPlatform } from '../../server/test/integration/harness';
import { decideApproval, defaultBookingPolicy, noExceptions, suggestFreeSlots, type BookedMeeting } from '../../server/src/meetings/rules';
import { joinBenchmark } from './join';

const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const summary = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

async function layoutPush(): Promise<void> {
  const platform = await startTestPlatform();
  try {
    const unit = await platform.db('units').first();
    const codes = Array.from({ length: KIOSKS }, (_, i) => `xa-${String(i + 1).padStart(3, '0')}`);
    await platform.db('sites').insert(codes.map((code) => ({ code, name: `Xã ${code}`, kind: 'endpoint', unit_id: unit.id })));
    const demo = await platform.db('meetings').where({ status: 'live' }).first();
    const ids = await platform.db('sites').whereIn('code', codes).select('id');
    await platform.db('meeting_sites').insert(ids.map((row) => ({ meeting_id: demo.id, site_id: row.id })));

    const kiosks: Socket[] = [];
    for (const code of codes) {
      const kiosk = io(`${platform.url}/kiosk`, { auth: { token: await platform.kioskToken(code) }, transports: ['websocket'], forceNew: true });
      await new Promise((resolve) => kiosk.once('conference:view', resolve));
      kiosks.push(kiosk);
    }
    const console = io(`${platform.url}/chair`, { auth: { token: await platform.login('chutoa') }, transports: ['websocket'], forceNew: true });
    const attached = (await console.emitWithAck('chair:attach', { meetingId: demo.id })) as Result<unknown>;
    if (!attached.ok) throw new Error(attached.error.message);

    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const template = round % 2 === 0 ? 'grid-4x4' : 'single';
      const layout: LayoutSpec = { template, panes: codes.slice(0, template === 'single' ? 1 : 16).map((siteCode) => ({ kind: 'site', siteCode })) };
      const started = performance.now();
      const arrivals = kiosks.map(
        (kiosk) =>
          new Promise<void>((resolve) => {
            const listener = (view: { template: string }) => {
              if (view.template !== template) return;
              kiosk.off('conference:view', listener);
              resolve();
            };
            kiosk.on('conference:view', listener);
          }),
      );
      await console.emitWithAck('chair:setLayout', { layout, target: 'all' });
      await Promise.all(arrivals);
      times.push(performance.now() - started);
    }
    console.close();
    for (const kiosk of kiosks) kiosk.close();
    process.stdout.write(`layout push to ${KIOSKS} kiosks (signaling, ${ROUNDS} changes): ${summary(times)}\n`);
  } finally {
    await platform.close();
  }
}

function bookingCheck(): void {
  const hour = 3_600_000;
  const start = Date.parse('2026-12-07T01:00:00Z');
  const calendar: BookedMeeting[] = Array.from({ length: 300 }, (_, i) => ({
    id: `m${i}`,
    title: `Meeting ${i}`,
    kind: i % 3 === 0 ? 'provincial' : 'departmental',
    status: 'approved',
    startsAt: new Date(start + (i % 60) * 4 * hour),
    endsAt: new Date(start + (i % 60) * 4 * hour + 2 * hour),
    siteIds: Array.from({ length: 10 }, (_, k) => ((i * 7 + k) % 100) + 1),
    approvedAt: new Date(start - hour),
  }));
  const candidate = {
    kind: 'departmental' as const,
    startsAt: new Date(start + 24 * hour),
    endsAt: new Date(start + 26 * hour),
    siteIds: Array.from({ length: 100 }, (_, k) => k + 1),
  };
  const now = new Date(start - 48 * hour);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    decideApproval(candidate, calendar, defaultBookingPolicy);
    suggestFreeSlots(candidate, calendar, defaultBookingPolicy, now, noExceptions);
    times.push(performance.now() - started);
  }
  process.stdout.write(`booking check (100 sites, 300 meetings, conflicts + 3 free slots): ${summary(times)}\n`);
}

/** The scrape Prometheus makes every 15 s: 150 sites in the live meeting, KIOSKS of them connected with a transport each. */
async function metricsScrape(): Promise<void> {
  const SITES = 150;
  const platform = await startTestPlatform({ manualScheduler: true });
  try {
    const unit = await platform.db('units').first();
    const demo = await platform.db('meetings').where({ status: 'live' }).first();
    const already = await platform.db('meeting_sites').where({ meeting_id: demo.id }).count<Array<{ count: number }>>({ count: '*' });
    const codes = Array.from({ length: SITES - Number(already[0]!.count) }, (_, i) => `xa-${String(i + 1).padStart(3, '0')}`);
    await platform.db('sites').insert(codes.map((code) => ({ code, name: `Xã ${code}`, kind: 'endpoint', unit_id: unit.id })));
    const ids = await platform.db('sites').whereIn('code', codes).select('id');
    await platform.db('meeting_sites').insert(ids.map((row) => ({ meeting_id: demo.id, site_id: row.id })));
    const kiosks: Socket[] = [];
    for (const code of codes.slice(0, KIOSKS)) {
      const kiosk = io(`${platform.url}/kiosk`, { auth: { token: await platform.kioskToken(code) }, transports: ['websocket'], forceNew: true });
      await new Promise((resolve) => kiosk.once('session:state', resolve));
      await kiosk.emitWithAck('media:createTransport', { direction: 'recv' });
      kiosks.push(kiosk);
    }
    await platform.monitor.sample();
    const token = fs.readFileSync(path.join(platform.dataDir, 'metrics-token'), 'utf8').trim();
    const times: number[] = [];
    let bytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const response = await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      bytes = (await response.text()).length;
      times.push(performance.now() - started);
    }
    for (const kiosk of kiosks) kiosk.close();
    process.stdout.write(`/metrics scrape (${SITES} sites, ${KIOSKS} connected, ${Math.round(bytes / 1024)} KiB, ${ROUNDS} scrapes): ${summary(times)}\n`);
  } finally {
    await platform.close();
  }
}

if (process.argv[2] === 'join') {
  await joinBenchmark();
} else if (process.argv[2] === 'startup') {
  const { startupBenchmark } = await import('./startup');
  await startupBenchmark();
} else if (process.argv.includes('network')) {
  const { networkBenchmarks } = await import('./network');
  await networkBenchmarks();
} else {
  bookingCheck();
  await layoutPush();
  await metricsScrape();
}
process.exit(0);
