import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { Server as SocketServer } from 'socket.io';
import { AuditLog } from './audit/AuditLog';
import { auditRoutes } from './audit/routes';
import { ConcurrencyGate } from './auth/ConcurrencyGate';
import { KioskTokens } from './auth/kioskTokens';
import { authRoutes } from './auth/routes';
import { loadOrCreateSecret } from './auth/secret';
import { UserSessions } from './auth/UserSessions';
import type { Config } from './config';
import { seedDemoAccounts } from './demo/demoAccounts';
import { seedDemoProvince } from './demo/demoProvince';
import { createApp } from './http/app';
import { authenticate } from './http/authentication';
import { errorHandler } from './http/errorHandler';
import { healthRoute } from './http/health';
import { Listeners } from './http/listeners';
import type { Logger } from './logger';
import { Bridge } from './media/Bridge';
import { WorkerPool } from './media/WorkerPool';
import { HolidayCalendar } from './holidays/HolidayCalendar';
import { holidayRoutes } from './holidays/routes';
import { MeetingRegister } from './meetings/MeetingRegister';
import { MeetingRepository } from './meetings/MeetingRepository';
import { meetingRoutes } from './meetings/routes';
import { Notifications } from './notifications/Notifications';
import { notificationRoutes } from './notifications/routes';
import { ChairGateway } from './signaling/chairGateway';
import { CheckGateway } from './signaling/checkGateway';
import { KioskGateway } from './signaling/kioskGateway';
import { UserSockets } from './signaling/userSockets';
import { CheckLog } from './checks/CheckLog';
import { attachMonitorGateway, metricsEndpoint } from './monitoring/gateway';
import { Metrics } from './monitoring/metrics';
import { Monitor } from './monitoring/Monitor';
import { checkRoutes } from './checks/routes';
import { DropoutWatch } from './incidents/DropoutWatch';
import { IncidentLog } from './incidents/IncidentLog';
import { incidentRoutes } from './incidents/routes';
import { Conferences } from './conference/Conferences';
import { followMeetingLifecycle } from './conference/MeetingLifecycle';
import { FeedbackLog } from './feedback/FeedbackLog';
import { feedbackRoutes } from './feedback/routes';
import { AttendanceRecorder } from './reports/AttendanceRecorder';
import { HistoryStore } from './reports/HistoryStore';
import { QualityRecorder } from './reports/QualityRecorder';
import { Reports } from './reports/Reports';
import { reportRoutes } from './reports/routes';
import { ConferenceStore } from './conference/ConferenceStore';
import { directoryRoutes } from './sites/routes';
import { SiteDirectory } from './sites/SiteDirectory';
import { UnitDirectory } from './sites/UnitDirectory';
import { TlsIdentity } from './tls/TlsIdentity';
import { migrateToLatest, openDatabase, type Database } from './store/database';
import { timeQueries } from './store/queryTiming';
import { observeRequests } from './signaling/requests';
import { userRoutes } from './users/routes';
import { UserDirectory } from './users/UserDirectory';

const defaultClientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');
/** How often the register looks for meetings whose start time has come. */
const SCHEDULER_INTERVAL_MS = 15_000;

export interface Platform {
  db: Database;
  monitor: Monitor;
  sites: SiteDirectory;
  users: UserDirectory;
  meetings: MeetingRegister;
  tokens: KioskTokens;
  pool: WorkerPool;
  bridge: Bridge;
  listeners: Listeners;
  /** Plain-HTTP port actually bound (differs from config when it was 0): the whole application for loopback clients. */
  port: number;
  /** HTTPS port actually bound. */
  httpsPort: number;
  tls: TlsIdentity;
  /** Demo accounts created on this start, with their generated passwords; empty after the first start and without the demo. */
  createdAccounts: Array<{ username: string; role: string; password: string }>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** The clock; tests inject one to reach a meeting's start time. */
  now?: () => Date;
  clientDir?: string;
  /** Turns off the periodic start of due meetings and the monitoring samples, for tests that drive them by hand. */
  manualScheduler?: boolean;
}

/** Opens the store (seeding the demo province on first start), starts the SFU and serves HTTP and signaling. */
export async function startPlatform(config: Config, logger: Logger, options: PlatformOptions = {}): Promise<Platform> {
  const now = options.now ?? (() => new Date());
  const db = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const createdAccounts = await orClose(prepareStore(db, config, logger, now), () => db.destroy());
  const tls = await orClose(
    TlsIdentity.load(
      { dataDir: config.dataDir, publicHost: new URL(config.publicUrl).hostname, announcedIp: config.rtc.announcedIp, ...config.tls },
      now,
      logger,
    ),
    () => db.destroy(),
  );

  const secret = loadOrCreateSecret(config.dataDir, config.jwtSecret);
  const audit = new AuditLog(db, now);
  const sites = new SiteDirectory(db);
  const units = new UnitDirectory(db);
  const users = new UserDirectory(db);
  // A short wait list lets a burst of real logins through; a flood is refused rather than queued.
  const hashing = new ConcurrencyGate(config.login.concurrentHashes, config.login.concurrentHashes * 2);
  const sessions = new UserSessions(db, users, audit, secret, now, hashing);
  const notifications = new Notifications(db, now);
  const repository = new MeetingRepository(db);
  const holidays = new HolidayCalendar(db, audit, config.booking);
  const meetings = new MeetingRegister(db, repository, users, notifications, audit, config.booking, holidays, now);
  const tokens = new KioskTokens(secret, config.kioskTokenDays);
  const pool = await orClose(WorkerPool.start({ size: config.workerCount, rtc: config.rtc }, logger), () => db.destroy());
  const bridge = new Bridge(pool, logger);
  const metrics = new Metrics({ pool, bridge, db });
  timeQueries(db, metrics);

  const keptConferences = new ConferenceStore(db, now, logger);
  const conferences = new Conferences(repository, { maxAudibleSites: config.maxAudibleSites }, Date.now, keptConferences);
  keptConferences.watch(conferences);
  const incidents = new IncidentLog(db, audit, now);
  const checkLog = new CheckLog(db, now, config.checks.validMs);
  const monitor = new Monitor(bridge, pool, repository, incidents, now, config.monitor, logger, metrics.registry);
  // A cut line shows within 10 s (socket.io's default takes up to 45 s), so a room cut for 20 s is noticed,
  // gets its incident, and re-joins on its own.
  const io = new SocketServer({ serveClient: false, maxHttpBufferSize: 256 * 1024, pingInterval: 5_000, pingTimeout: 5_000 });
  observeRequests(io, metrics);
  const kiosks = new KioskGateway(io, {
    db,
    audit,
    conferences,
    tokens,
    sites,
    meetings: repository,
    bridge,
    alarms: monitor,
    logger,
    now,
    metrics,
    turn: config.turn,
  });
  const dropouts = new DropoutWatch(conferences, sites, repository, incidents, now, config.incidentGraceMs, logger, (siteCode) =>
    kiosks.lastHeardFrom(siteCode),
  );
  const attendance = new AttendanceRecorder(conferences, db, sites, now, logger);
  const quality = new QualityRecorder(monitor, conferences, db, sites, logger);
  const reports = new Reports(new HistoryStore(db), { timeZone: config.booking.timeZone, checkValidMs: config.checks.validMs, budget: config.budget }, now);
  const feedback = new FeedbackLog(db, users, notifications, audit, now);

  const api = express.Router();
  api.use(express.json({ limit: '100kb' }));
  api.use(authenticate(sessions));
  api.use('/auth', authRoutes(sessions, users, config.login));
  api.use('/users', userRoutes(db, users, sessions, audit, now));
  api.use('/meetings', meetingRoutes(meetings, checkLog));
  api.use('/calendar-days', holidayRoutes(holidays));
  api.use('/audit', auditRoutes(audit));
  api.use('/notifications', notificationRoutes(notifications));
  api.use('/incidents', incidentRoutes(incidents));
  api.use(checkRoutes(checkLog, sites, meetings, now));
  api.use(reportRoutes(reports));
  api.use('/feedback', feedbackRoutes(feedback));
  api.use(
    directoryRoutes({
      db,
      sites,
      units,
      tokens,
      audit,
      meetings: repository,
      publicUrl: config.publicUrl,
      onKioskCredentialsChanged: (siteCode) => kiosks.disconnectSite(siteCode),
    }),
  );
  api.use(errorHandler(logger, metrics));

  const scrape = metricsEndpoint(metrics.registry, loadOrCreateSecret(config.dataDir, config.metricsToken, 'metrics-token'));
  metrics.watchCertificates(tls);
  const app = createApp({ bridge, tls, api, metrics: scrape, clientDir: options.clientDir ?? defaultClientDir });
  const listeners = new Listeners({ app, health: healthRoute(bridge), tls, publicUrl: config.publicUrl, logger });
  listeners.attach(io);
  const userSockets = new UserSockets(sessions, now, logger);
  const consoles = new ChairGateway(io, { db, userSockets, meetings: repository, bridge, conferences, audit, logger, metrics });
  const watchers = attachMonitorGateway(io, monitor, userSockets);
  if (!options.manualScheduler) monitor.start();
  const checks = new CheckGateway(io, {
    userSockets,
    sites,
    bridge,
    turn: config.turn,
    requiredKbps: config.checks.requiredKbps,
    roomsPerUser: config.checks.roomsPerUser,
    logger,
  });

  followMeetingLifecycle({ register: meetings, bridge, conferences, kiosks, logger });
  const scheduler = options.manualScheduler
    ? undefined
    : setInterval(() => {
        meetings.startDue().catch((error: unknown) => logger.error({ err: error }, 'could not start due meetings'));
        meetings.remindDue().catch((error: unknown) => logger.error({ err: error }, 'could not send preparation reminders'));
      }, SCHEDULER_INTERVAL_MS);

  async function close(): Promise<void> {
    clearInterval(scheduler);
    // Kiosks first, so no dropout is recorded for a planned restart; then the writes under way finish.
    kiosks.close();
    await dropouts.close();
    consoles.close();
    checks.close();
    watchers.close();
    userSockets.close();
    monitor.close();
    await new Promise<void>((resolve, reject) => {
      io.close(() => resolve()).catch(reject);
    });
    await attendance.settled();
    await quality.close();
    await listeners.close();
    bridge.close();
    pool.close();
    await keptConferences.flush();
    await db.destroy();
  }
  // A port already taken, or a store gone: nothing of this start may stay running (workers, timers, the store).
  await orClose(meetings.startDue(), close);
  await orClose(listeners.listen(config.host, config.port, config.httpsPort), close);

  return {
    db,
    monitor,
    sites,
    users,
    meetings,
    tokens,
    pool,
    bridge,
    listeners,
    port: listeners.port,
    httpsPort: listeners.httpsPort,
    tls,
    createdAccounts,
    close,
  };
}

/** Brings the store's schema up to date and, with the demo on, seeds the demo province and its accounts. */
async function prepareStore(db: Database, config: Config, logger: Logger, now: () => Date): Promise<Platform['createdAccounts']> {
  await migrateToLatest(db);
  if (config.demo) {
    if (await seedDemoProvince(db, now())) logger.info('seeded the demo province');
    return seedDemoAccounts(db, now());
  }
  if (!(await db('users').first())) logger.warn('no users yet: create the first administrator with "npm run cli -- create-admin <username>"');
  return [];
}

/** A step of the start; when it fails, what the start opened so far is closed before the failure goes on. */
async function orClose<T>(step: Promise<T>, close: () => Promise<void>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    await close();
    throw error;
  }
}
