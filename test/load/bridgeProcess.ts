/**
 * A bridge of the load generator's own, in a child process so that what it
 * measures (CPU, memory, event-loop delay) is the bridge's alone:
 *
 *   node --import tsx test/load/bridgeProcess.ts <sites> <unmuted> <workers>
 *
 * It starts the platform on a temporary data directory, makes the demo's live
 * meeting one of <sites> sites, takes the chair console to set the reference
 * view (the chair's site in the first pane of a 4×4 of districts) and mute all
 * but <unmuted> rooms (ChairConsole.ts), then sends its parent the kiosk links,
 * its data directory and the chair operator's account, and answers `sample`
 * messages with what only the bridge's process can see.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { mediasoup } from '../../server/src/media/mediasoupRuntime';
import { startPlatform } from '../../server/src/platform';
import { bridgeMessages, WorkerCensus, type BridgeReady } from './bridgeCensus';
import { ChairConsole, type ChairAccess } from './ChairConsole';
import { liveMeetingOfSites } from './liveMeeting';

const [sites, unmuted, workers] = process.argv.slice(2).map(Number) as [number, number, number];
const census = new WorkerCensus(mediasoup.observer);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-load-'));
const config = loadConfig({
  ...process.env,
  PORT: '0',
  // Free ports: the default HTTPS port may be another bridge's on this machine.
  HTTPS_PORT: '0',
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

const { meetingId, siteCodes: codes } = await liveMeetingOfSites(platform.db, sites);
const account = platform.createdAccounts.find((candidate) => candidate.role === 'chair-operator');
if (!account) throw new Error('the demo province has no chair operator');
const chairAccess: ChairAccess = { username: account.username, password: account.password, meetingId };
const chair = new ChairConsole(url, chairAccess);
await chair.reference(codes, unmuted);
const rooms = await Promise.all(
  codes.map(async (siteCode) => {
    const site = (await platform.sites.findByCode(siteCode))!;
    return { siteCode, token: platform.tokens.issue({ siteCode, generation: site.kioskGeneration }) };
  }),
);
const ready: BridgeReady = { type: 'ready', url, rooms, workerPids: census.workerPids, dataDir, chair: chairAccess };
process.send!(ready);

bridgeMessages(census, async () => {
  chair.close();
  await platform.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
