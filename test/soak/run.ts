/**
 * `npm run soak -- --minutes M [--sites N] [--cycle-seconds S] [--restarts R] [--max-cycles C] [--warm-up-minutes W] [--workers K]`
 *
 * A bridge kept busy for M minutes (issue 11, deliver 8): a live meeting of N
 * synthetic rooms with real media (the load generator, test/load) and a chair
 * console. Every cycle R rooms leave and join again (socket and both connections
 * closed and reopened), and the console mutes and unmutes rooms, turns cameras off
 * and on, changes the layout for all and for one room, and grants the floor.
 *
 * At the start, every minute and at the end, the console puts the meeting back in
 * its reference state, and once the bridge has settled the soak samples it: Node
 * RSS and heap (after a full collection), the workers' RSS, transports, producers
 * and consumers (mediasoup's own count), open handles, and rows per table of the
 * store. It prints the samples and the verdict, then one JSON line last, and exits
 * non-zero if a figure grew beyond its tolerance after warm-up (figures.ts), a room
 * failed to come back, or a console action failed.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { forkBridge } from '../load/bridgeChild';
import { ChairConsole } from '../load/ChairConsole';
import type { BridgeSample } from '../load/bridgeCensus';
import { LoadGenerator } from '../load/LoadGenerator';
import { rssBytes } from '../load/procStats';
import { LINGER_MS } from '../../server/src/media/Subscriptions';
import { formatTable } from '../load/stats';
import { growthPerCycle, sampleRows, TOLERANCES, verdicts, type SoakSample } from './figures';
import { consoleCycle } from './consoleCycle';
import { storeRows } from './storeRows';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    sites: { type: 'string', default: '20' },
    unmuted: { type: 'string', default: '2' },
    workers: { type: 'string', default: '2' },
    'cycle-seconds': { type: 'string', default: '10' },
    restarts: { type: 'string', default: '2' },
    'max-cycles': { type: 'string', default: '10000' },
    'warm-up-minutes': { type: 'string', default: '2' },
    'sample-minutes': { type: 'string', default: '1' },
    measure: { type: 'string', default: '2' },
  },
});
const minutes = Number(args.minutes);
const sites = Number(args.sites);
const unmuted = Number(args.unmuted);
const cycleMs = Number(args['cycle-seconds']) * 1000;
const restarts = Number(args.restarts);
const maxCycles = Number(args['max-cycles']);
const warmUpMinutes = Number(args['warm-up-minutes']);
const sampleEveryMs = Number(args['sample-minutes']) * 60_000;
/** How long the bridge may take to settle into the reference state, after lingering consumers closed, before a sample. */
const SETTLE_TIMEOUT_MS = 20_000;
const SETTLE_POLL_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const megabytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

const bridge = await forkBridge('bridgeProcess.ts', [String(sites), String(unmuted), args.workers], ['--expose-gc']);
const { dataDir: storeDir, chair: chairAccount, rooms } = bridge.ready!;
if (!storeDir || !chairAccount) throw new Error('the bridge did not say where its store is or who chairs');
const dataDir: string = storeDir;
const codes = rooms.map((room) => room.siteCode);
const errors: string[] = [];
const samples: SoakSample[] = [];
let generator: LoadGenerator | undefined;
const chair = new ChairConsole(bridge.url, chairAccount);
const startedAt = performance.now();
let cycles = 0;
let roomsRestarted = 0;

/** The rooms' own account of the reference view: each pane of another site it shows, received. */
function roomsShort(): string[] {
  const reports = generator!.reports();
  return reports.filter((report) => report.panesMissing > 0 || report.joinToProducedMs === null).map((report) => report.siteCode);
}

/** Puts the meeting in its reference state, waits until the bridge's media counts hold still and every room sees its view, and samples. */
async function sample(): Promise<SoakSample> {
  await chair.reference(codes, unmuted);
  // What the reference view no longer wants is paused, and closed only once it has lingered.
  await sleep(LINGER_MS + SETTLE_POLL_MS);
  const settleBy = performance.now() + SETTLE_TIMEOUT_MS;
  let previous: BridgeSample | undefined;
  let current = (await bridge.sample())!;
  const held = (figures: BridgeSample) => JSON.stringify(figures.heldPerWorker);
  while (performance.now() < settleBy && (previous === undefined || held(previous) !== held(current) || roomsShort().length > 0)) {
    await sleep(SETTLE_POLL_MS);
    previous = current;
    current = (await bridge.sample())!;
  }
  const settled = previous !== undefined && held(previous) === held(current) && roomsShort().length === 0;
  const short = roomsShort();
  const at = `minute ${((performance.now() - startedAt) / 60_000).toFixed(1)}`;
  if (short.length > 0) errors.push(`${at}: rooms without their whole view: ${short.join(', ')}`);
  else if (!settled) errors.push(`${at}: the media counts did not hold still within ${SETTLE_TIMEOUT_MS / 1000} s`);
  const reports = generator!.reports();
  return {
    minute: Math.round(((performance.now() - startedAt) / 60_000) * 100) / 100,
    cycles,
    settled,
    nodeRssMB: megabytes(current.node.rssBytes),
    nodeHeapUsedMB: megabytes(current.node.heapUsedBytes),
    workersRssMB: megabytes(sum(current.workerPids.map(rssBytes))),
    workers: current.workerPids.length,
    transports: sum(current.heldPerWorker.map((held) => held.webRtc.transports)),
    producers: sum(current.heldPerWorker.map((held) => held.webRtc.producers)),
    consumers: sum(current.heldPerWorker.map((held) => held.webRtc.consumers)),
    pipeProducers: sum(current.heldPerWorker.map((held) => held.pipe.producers)),
    // Distinct sites per room: a stream consumed twice by one room is counted once here.
    roomsReceive: { audio: sum(reports.map((report) => new Set(report.audio).size)), video: sum(reports.map((report) => report.streams.video)) },
    perWorker: current.workerPids.map((pid, index) => {
      const { webRtc, pipe } = current.heldPerWorker[index]!;
      return { pid, rssMB: megabytes(rssBytes(pid)), ...webRtc, pipeProducers: pipe.producers };
    }),
    activeResources: current.node.activeResources,
    rows: storeRows(dataDir),
  };
}

/** Keeps a sample, and shows it at once: a long run is followed as it goes. */
function record(taken: SoakSample): void {
  samples.push(taken);
  const { rows, ...figures } = taken;
  process.stderr.write(
    `soak sample ${JSON.stringify({ ...figures, rows: Object.values(rows).reduce((total, count) => total + count, 0), errors: errors.length })}\n`,
  );
}

/** One cycle: some rooms leave and come back while the console changes the meeting around them. */
async function cycle(index: number): Promise<void> {
  const leaving = Array.from({ length: Math.min(restarts, codes.length) }, (_, offset) => (index * restarts + offset) % codes.length);
  const rejoined = Promise.all(
    leaving.map((room) =>
      generator!.restartRoom(room).then(
        () => roomsRestarted++,
        (error: Error) => errors.push(`cycle ${index}: room ${codes[room]} did not come back: ${error.message}`),
      ),
    ),
  );
  await consoleCycle(chair, codes, index).catch((error: Error) => errors.push(`cycle ${index}: console: ${error.message}`));
  await rejoined;
}

try {
  generator = await LoadGenerator.start({ url: bridge.url, rooms, joinConcurrency: 4, measuredRooms: Number(args.measure) });
  for (const failure of generator.failures) errors.push(`room ${failure.siteCode} failed to join: ${failure.error}`);
  record(await sample());
  // The cycles run for M minutes from the first sample, the samples' own settling included.
  const cyclingFrom = performance.now();
  const endAt = cyclingFrom + minutes * 60_000;
  let nextSampleAt = cyclingFrom + sampleEveryMs;
  while (performance.now() < endAt && cycles < maxCycles) {
    const cycleStart = performance.now();
    await cycle(cycles);
    cycles++;
    if (performance.now() >= nextSampleAt && performance.now() < endAt) {
      record(await sample());
      nextSampleAt += sampleEveryMs;
    }
    await sleep(Math.max(0, Math.min(cycleStart + cycleMs, endAt) - performance.now()));
  }
  record(await sample());
} catch (error) {
  errors.push(`soak stopped: ${(error as Error).message}`);
} finally {
  generator?.close();
  chair.close();
  await bridge.stop();
}

const judged = samples.length >= 2 ? verdicts(samples, warmUpMinutes) : [];
const ok = errors.length === 0 && judged.length > 0 && judged.every((verdict) => verdict.ok);
process.stdout.write(`\nsoak: ${sites} sites, ${cycles} cycles of ${restarts} rooms leaving and joining again with console actions, over ${minutes} min\n`);
process.stdout.write(`${formatTable(sampleRows(samples))}\n\n`);
process.stdout.write(`${formatTable(judged.map((verdict) => ({ ...verdict, ok: verdict.ok ? 'ok' : 'GREW' })))}\n\n`);
const rowsPerCycle = samples.length >= 2 ? growthPerCycle(samples) : {};
process.stdout.write(`rows added per cycle (by design): ${JSON.stringify(rowsPerCycle)}\n`);
for (const error of errors) process.stderr.write(`${error}\n`);
process.stdout.write(
  `${JSON.stringify({
    command: process.argv.slice(2).join(' '),
    ok,
    sites,
    cycles,
    roomsRestarted,
    consoleAttaches: chair.attaches,
    machineLoadAverage: os.loadavg(),
    warmUpMinutes,
    tolerances: TOLERANCES,
    samples,
    verdicts: judged,
    rowsPerCycle,
    errors,
  })}\n`,
);
process.exit(ok ? 0 : 1);
