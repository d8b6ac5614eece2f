import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server as SocketServer } from 'socket.io';
import { KioskTokens } from './auth/kioskTokens';
import { loadOrCreateSecret } from './auth/secret';
import type { Config } from './config';
import { seedDemoProvince } from './demo/demoProvince';
import { createApp } from './http/app';
import type { Logger } from './logger';
import { Bridge } from './media/Bridge';
import { WorkerPool } from './media/WorkerPool';
import { MeetingRegister } from './meetings/MeetingRegister';
import { KioskGateway } from './signaling/kioskGateway';
import { SiteDirectory } from './sites/SiteDirectory';
import { migrateToLatest, openDatabase, type Database } from './store/database';

const defaultClientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

export interface Platform {
  db: Database;
  sites: SiteDirectory;
  meetings: MeetingRegister;
  tokens: KioskTokens;
  pool: WorkerPool;
  bridge: Bridge;
  server: http.Server;
  /** Port actually bound (differs from config when it was 0). */
  port: number;
  close(): Promise<void>;
}

export interface PlatformOptions {
  now?: () => Date;
  clientDir?: string;
}

/** Opens the store (seeding the demo province on first start), starts the SFU and serves HTTP and signaling. */
export async function startPlatform(config: Config, logger: Logger, options: PlatformOptions = {}): Promise<Platform> {
  const now = options.now ?? (() => new Date());
  const db = openDatabase({ dataDir: config.dataDir });
  await migrateToLatest(db);
  if (await seedDemoProvince(db, now())) logger.info('seeded the demo province');

  const sites = new SiteDirectory(db);
  const meetings = new MeetingRegister(db);
  const tokens = new KioskTokens(loadOrCreateSecret(config.dataDir, config.jwtSecret), config.kioskTokenDays);
  const pool = await WorkerPool.start(
    { size: config.workerCount, rtcMinPort: config.rtc.minPort, rtcMaxPort: config.rtc.maxPort },
    logger,
  );
  const bridge = new Bridge(pool, { listenIp: config.rtc.listenIp, announcedIp: config.rtc.announcedIp }, logger);

  const app = createApp({ bridge, clientDir: options.clientDir ?? defaultClientDir });
  const server = http.createServer(app);
  const io = new SocketServer(server, { serveClient: false, maxHttpBufferSize: 256 * 1024 });
  new KioskGateway(io, { tokens, sites, meetings, bridge, logger, now });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  return {
    db,
    sites,
    meetings,
    tokens,
    pool,
    bridge,
    server,
    port,
    async close() {
      bridge.close();
      pool.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await db.destroy();
    },
  };
}
