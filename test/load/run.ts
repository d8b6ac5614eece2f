/**
 * `npm run load -- --sites N --seconds S [--url URL --links FILE --bridge-pid PID] [--unmuted K] [--workers W] [--compare-bare]
 *                  [--layers 1|2|3] [--layout-rounds R] [--unmute-rounds R]`
 *
 * A province meeting of N synthetic rooms with real media (see SyntheticRoom).
 * Without --url it starts a bridge of its own in a child process (bridgeProcess.ts)
 * with a live meeting of N sites, the reference view and K rooms unmuted. With
 * --url it joins an existing bridge with the kiosk links in FILE (one per line,
 * as `npm run cli -- kiosk-link <site>` prints them, or just the token), and reads the bridge's CPU and memory
 * from /proc if given its Node PID. --compare-bare then runs the same rooms, with
 * the same streams to each, through bare mediasoup (bareSfu.ts) and prints the ratio.
 * --layout-rounds and --unmute-rounds (own bridge only) then time, after the
 * measured window, the chair's layout changes and unmutes to every room (chairRounds.ts).
 *
 * It prints tables, then one JSON line last.
 */
import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { forkBridge, type Bridge } from './bridgeChild';
import { ChairConsole } from './ChairConsole';
import { roundTable, timeLayoutPush, timeUnmuteHeard } from './chairRounds';
import { LoadGenerator, type RoomLink } from './LoadGenerator';
import { CpuMeter, rssBytes, workersOf } from './procStats';
import type { RoomReport } from './SyntheticRoom';
import { formatTable, percentile } from './stats';

/** Time for layers to settle and late consumers to arrive before the measured window. */
const WARM_UP_MS = 5_000;

const { values: args } = parseArgs({
  options: {
    sites: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '20' },
    unmuted: { type: 'string', default: '2' },
    workers: { type: 'string', default: String(os.availableParallelism()) },
    url: { type: 'string' },
    links: { type: 'string' },
    'bridge-pid': { type: 'string' },
    'join-concurrency': { type: 'string', default: '4' },
    measure: { type: 'string', default: '20' },
    'compare-bare': { type: 'boolean', default: false },
    layers: { type: 'string', default: '3' },
    'layout-rounds': { type: 'string', default: '0' },
    'unmute-rounds': { type: 'string', default: '0' },
  },
});
const sites = Number(args.sites);
const seconds = Number(args.seconds);
const unmuted = Number(args.unmuted);
const workers = Number(args.workers);
const joinConcurrency = Number(args['join-concurrency']);
const layoutRounds = Number(args['layout-rounds']);
const unmuteRounds = Number(args['unmute-rounds']);

function externalBridge(url: string, linksFile: string, nodePid: number | undefined): Bridge {
  const rooms = fs
    .readFileSync(linksFile, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): RoomLink => ({ token: line.startsWith('http') ? (new URL(line).searchParams.get('token') ?? '') : line }));
  return { url, rooms, nodePid, sample: async () => undefined, stop: async () => undefined };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RunResult {
  figures: Record<string, number | null | string>;
  workers: Array<{ pid: number; cpuPercent: number; rssMB: number; consumers: number | null }>;
  rooms: RoomReport[];
}

/** One measured run: join every room, settle, measure a window of `seconds`. */
async function measure(label: string, bridge: Bridge): Promise<RunResult> {
  const bridgePids = bridge.nodePid ? [bridge.nodePid, ...workersOf(bridge.nodePid)] : [];
  const memoryOf = () => bridgePids.reduce((sum, pid) => sum + rssBytes(pid), 0);
  const memoryBefore = memoryOf();
  const joinStarted = performance.now();
  const generatorDelay = monitorEventLoopDelay({ resolution: 10 });
  generatorDelay.enable();
  const generator = await LoadGenerator.start({
    url: bridge.url,
    rooms: bridge.rooms,
    joinConcurrency,
    measuredRooms: Number(args.measure),
    layers: Number(args.layers) as 1 | 2 | 3,
  });
  try {
    const allJoinedMs = performance.now() - joinStarted;
    await sleep(WARM_UP_MS);
    const before = generator.reports();
    await bridge.sample();
    const bridgeCpu = new CpuMeter(bridgePids);
    const generatorCpu = process.cpuUsage();
    const windowStart = performance.now();
    await sleep(seconds * 1000);
    const windowMs = performance.now() - windowStart;
    const everyRoom = generator.reports();
    const after = everyRoom.filter((report) => report.measured);
    const cpu = bridgeCpu.read();
    const generatorUsage = process.cpuUsage(generatorCpu);
    const sample = await bridge.sample();
    const memoryAfter = memoryOf();

    const delta = after.map((report) => {
      const start = before.find((candidate) => candidate.siteCode === report.siteCode)!;
      return {
        ...report,
        packetsExpected: report.packetsExpected - start.packetsExpected,
        packetsReceived: report.packetsReceived - start.packetsReceived,
        bytesIn: report.bytesIn - start.bytesIn,
        bytesOut: report.bytesOut - start.bytesOut,
        packetsOut: report.packetsOut - start.packetsOut,
      };
    });
    const firstFrames = after.flatMap((report) => (report.joinToFirstFrameMs === null ? [] : [report.joinToFirstFrameMs]));
    const produced = everyRoom.map((report) => report.joinToProducedMs).filter((value): value is number => value !== null);
    const live = everyRoom.map((report) => report.joinToLiveMs).filter((value): value is number => value !== null);
    const expected = delta.reduce((sum, report) => sum + report.packetsExpected, 0);
    const received = delta.reduce((sum, report) => sum + report.packetsReceived, 0);
    const lossPerRoom = delta.map((report) =>
      report.packetsExpected === 0 ? 0 : (100 * (report.packetsExpected - report.packetsReceived)) / report.packetsExpected,
    );
    const transit = after.flatMap((report) => report.transitMs);
    const nodeCpu = bridge.nodePid ? (cpu.get(bridge.nodePid) ?? null) : null;
    const workerPids = bridgePids.slice(1);
    const figures: RunResult['figures'] = {
      run: label,
      sites: bridge.rooms.length,
      'rooms measured': after.length,
      roomsFailed: generator.failures.length,
      'rooms with errors': everyRoom.filter((report) => report.errors.length > 0).length,
      'all joined (s)': allJoinedMs / 1000,
      'join→live state first10 p50 (ms)': percentile(live.slice(0, 10), 50),
      'join→live state last10 p50 (ms)': percentile(live.slice(-10), 50),
      'join→produced first10 p50 (ms)': percentile(produced.slice(0, 10), 50),
      'join→produced last10 p50 (ms)': percentile(produced.slice(-10), 50),
      'join→first frame p50 (ms)': percentile(firstFrames, 50),
      'join→first frame p95 (ms)': percentile(firstFrames, 95),
      'rooms without a frame': after.length - firstFrames.length,
      'video streams per room': percentile(
        everyRoom.map((report) => report.streams.video),
        50,
      ),
      'audio streams per room (max)': Math.max(0, ...everyRoom.map((report) => report.streams.audio)),
      'consumers per room (max)': Math.max(0, ...everyRoom.map((report) => report.streams.audio + report.streams.video)),
      'panes not received': everyRoom.reduce((sum, report) => sum + report.panesMissing, 0),
      'packets expected': expected,
      'packets received': received,
      'loss (%)': expected === 0 ? null : (100 * (expected - received)) / expected,
      'worst room loss (%)': Math.max(0, ...lossPerRoom),
      'bitrate in per room p50 (kbit/s)': percentile(
        delta.map((report) => (report.bytesIn * 8) / windowMs),
        50,
      ),
      'packets sent per second (all rooms)':
        (everyRoom.reduce((sum, report) => sum + report.packetsOut, 0) - before.reduce((sum, report) => sum + report.packetsOut, 0)) / (windowMs / 1000),
      'bitrate out per room p50 (kbit/s)': percentile(
        delta.map((report) => (report.bytesOut * 8) / windowMs),
        50,
      ),
      'through the SFU p50 (ms)': percentile(transit, 50),
      'through the SFU p95 (ms)': percentile(transit, 95),
      'bridge Node CPU (%)': nodeCpu === null ? null : nodeCpu * 100,
      'bridge workers CPU (%)': bridgePids.length ? workerPids.reduce((sum, pid) => sum + (cpu.get(pid) ?? 0), 0) * 100 : null,
      'bridge memory (MB)': bridgePids.length ? memoryAfter / 2 ** 20 : null,
      'bridge memory per site (MB)': bridgePids.length ? (memoryAfter - memoryBefore) / 2 ** 20 / bridge.rooms.length : null,
      'event-loop delay p95 (ms)': sample?.eventLoopDelayMs.p95 ?? null,
      'event-loop delay max (ms)': sample?.eventLoopDelayMs.max ?? null,
      'machine load average (1 min)': os.loadavg()[0]!,
      'generator CPU (%)': ((generatorUsage.user + generatorUsage.system) / 1000 / windowMs) * 100,
      // Over the joins and the window: the bridge drops a kiosk socket that leaves its ping unanswered for 5 s.
      'generator event-loop delay max (ms)': generatorDelay.max / 1e6,
      'packets forwarded per bridge CPU-second': bridgePids.length
        ? received / ((workerPids.reduce((sum, pid) => sum + (cpu.get(pid) ?? 0), 0) + (nodeCpu ?? 0)) * (windowMs / 1000))
        : null,
    };
    const workersTable = workerPids.map((pid) => {
      const index = sample?.workerPids.indexOf(pid) ?? -1;
      return { pid, cpuPercent: (cpu.get(pid) ?? 0) * 100, rssMB: rssBytes(pid) / 2 ** 20, consumers: index >= 0 ? sample!.consumersPerWorker[index]! : null };
    });
    Object.assign(figures, await timeChairActions(bridge, generator));
    for (const failure of generator.failures) process.stderr.write(`room ${failure.siteCode} failed: ${failure.error}\n`);
    for (const report of everyRoom) for (const error of report.errors) process.stderr.write(`room ${report.siteCode}: ${error}\n`);
    return { figures, workers: workersTable, rooms: everyRoom };
  } finally {
    generator.close();
    generatorDelay.disable();
  }
}

/** The chair's layout changes and unmutes, timed to every room that joined, if asked for and our bridge has a chair. */
async function timeChairActions(bridge: Bridge, generator: LoadGenerator): Promise<Record<string, number | string | null>> {
  const access = bridge.ready?.chair;
  if (!access || layoutRounds + unmuteRounds === 0) return {};
  const chair = await ChairConsole.attach(bridge.url, access).catch((error: Error) => error);
  if (chair instanceof Error) return { 'chair rounds stopped by': chair.message };
  try {
    const rooms = generator.joined();
    const codes = bridge.rooms.map((room) => room.siteCode ?? '');
    const joined = new Set(rooms.map((room) => room.siteCode));
    const layout = await timeLayoutPush(chair, rooms, codes, layoutRounds, generator.clock);
    const heard = await timeUnmuteHeard(
      chair,
      rooms,
      codes.slice(unmuted).filter((code) => joined.has(code)),
      unmuteRounds,
      generator.clock,
    );
    return { ...roundTable('layout push', layout), ...roundTable('unmute → heard', heard) };
  } finally {
    chair.close();
  }
}

function print(result: RunResult): void {
  process.stdout.write(`\n${result.figures.run}: ${seconds} s measured after ${WARM_UP_MS / 1000} s of warm-up\n`);
  process.stdout.write(
    `${formatTable(
      Object.entries(result.figures)
        .slice(1)
        .map(([figure, value]) => ({ figure, value })),
    )}\n`,
  );
  if (result.workers.length) process.stdout.write(`${formatTable(result.workers)}\n`);
}

/** What each room received from our bridge, for bare mediasoup to send the same. */
function fanOutPlan(rooms: readonly RoomReport[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-load-plan-')), 'plan.json');
  fs.writeFileSync(file, JSON.stringify(rooms.map((room) => ({ siteCode: room.siteCode, video: room.video, audio: room.audio }))));
  return file;
}

const ours = args.url
  ? externalBridge(args.url, args.links ?? '', args['bridge-pid'] ? Number(args['bridge-pid']) : undefined)
  : await forkBridge('bridgeProcess.ts', [String(sites), String(unmuted), String(workers)]);
let result: RunResult;
try {
  result = await measure('diemcau', ours);
} finally {
  await ours.stop();
}
print(result);
const summary: Record<string, unknown> = { command: process.argv.slice(2).join(' '), diemcau: result.figures, workers: result.workers };
if (args['compare-bare']) {
  const bare = await forkBridge('bareSfu.ts', [fanOutPlan(result.rooms), String(workers)]);
  let bareResult: RunResult;
  try {
    bareResult = await measure('bare mediasoup', bare);
  } finally {
    await bare.stop();
  }
  print(bareResult);
  const rate = (run: RunResult) => run.figures['packets forwarded per bridge CPU-second'] as number | null;
  const ratio = {
    'delivered packets, diemcau / bare': Number(result.figures['packets received']) / Number(bareResult.figures['packets received']),
    'forwarding efficiency (packets per CPU-second), diemcau / bare': rate(result) !== null && rate(bareResult) ? rate(result)! / rate(bareResult)! : null,
  };
  process.stdout.write(
    `\n${formatTable(Object.entries(ratio).map(([figure, value]) => ({ figure, value: value === null ? null : Math.round(value * 1000) / 1000 })))}\n`,
  );
  Object.assign(summary, { bare: bareResult.figures, bareWorkers: bareResult.workers, ratio });
}
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(0);
