/**
 * A bridge of the load generator's own, in a child process so that what it
 * measures (CPU, memory, event-loop delay) is the bridge's alone:
 *
 *   node --import tsx test/load/bridgeProcess.ts <sites> <unmuted> <workers>
 *
 * It starts the platform on a temporary data directory, makes the demo's live
 * meeting one of <sites> sites, takes the chair console to set the reference
 * view (the chair's site in the first pane of a 4×4 of districts) and mute all
 * but <unmuted> rooms, then sends its parent the kiosk links and answers
 * `sample` messages with what only the bridge's process can see.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LayoutSpec } from '@diemcau/shared';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { mediasoup } from '../../server/src/media/mediasoupRuntime';
import { startPlatform } from '../../server/src/platform';
import { ChairConsole, type ChairAccess } from './ChairConsole';
import { bridgeMessages, REFERENCE_GRID, WorkerCensus, type BridgeReady } from './bridgeCensus';
import { liveMeetingOfSites } from './liveMeeting';

const [sites, unmuted, workers] = process.argv.slice(2).map(Number) as [number, number, number];
const census = new WorkerCensus(mediasoup.observer);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-load-'));
const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  DIEMCAU_DATA_DIR: dataDir,
  RTC_LISTEN_IP: '127.0.0.1',
  // One port per worker, picked by the system, so a bench never collides with a bridge already running here.
  RTC_SERVER_PORT: process.env.RTC_SERVER_PORT ?? '0',
  MEDIASOUP_WORKERS: String(workers),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
});
const platform = await startPlatform(config, createLogger(config.logLevel), { manualScheduler: true });
const url = `http://127.0.0.1:${platform.port}`;

async function takeTheChair(access: ChairAccess, codes: string[]): Promise<() => void> {
  const chair = await ChairConsole.attach(url, access);
  const layout: LayoutSpec = { template: REFERENCE_GRID, panes: codes.slice(0, 16).map((siteCode) => ({ kind: 'site', siteCode })) };
  await chair.request('chair:setLayout', { layout, target: 'all' });
  await chair.request('chair:muteAll', {});
  for (const siteCode of codes.slice(1, unmuted)) await chair.request('chair:mute', { siteCode, muted: false });
  return () => chair.close();
}

const { meetingId, siteCodes: codes } = await liveMeetingOfSites(platform.db, sites);
const account = platform.createdAccounts.find((candidate) => candidate.role === 'chair-operator');
if (!account) throw new Error('the demo province has no chair operator');
const chair: ChairAccess = { username: account.username, password: account.password, meetingId };
const releaseChair = await takeTheChair(chair, codes);
const rooms = await Promise.all(codes.map(async (siteCode) => {
  const site = (await platform.sites.findByCode(siteCode))!;
  return { siteCode, token: platform.tokens.issue({ siteCode, generation: site.kioskGeneration }) };
}));
const ready: BridgeReady = { type: 'ready', url, rooms, workerPids: census.workerPids, chair };
process.send!(ready);

bridgeMessages(census, async () => {
  releaseChair();
  await platform.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
