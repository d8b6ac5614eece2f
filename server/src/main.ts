import { loadConfig } from './config';
import { createLogger } from './logger';
import { startPlatform } from './platform';
import { keepServingOnUnhandledRejection } from './processGuard';

const config = loadConfig();
const logger = createLogger(config.logLevel);
keepServingOnUnhandledRejection(logger);
const platform = await startPlatform(config, logger);
if (platform.createdAccounts.length > 0) {
  // Shown once: the passwords are stored only as hashes.
  console.log('\nDemo accounts (passwords are shown this once; write them down):');
  for (const account of platform.createdAccounts) {
    console.log(`  ${account.username.padEnd(16)} ${account.role.padEnd(18)} ${account.password}`);
  }
  console.log('');
}
logger.info(
  { port: platform.port, workers: platform.pool.liveWorkers, announcedIp: config.rtc.announcedIp },
  `diemcau is serving on ${config.publicUrl} (kiosk links: npm run cli -- kiosk-link <site>)`,
);

/** A stop (systemd, docker, Ctrl-C) is a restart for the rooms: they are told, and the bridge is gone within this. */
const STOP_DEADLINE_MS = 10_000;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down: kiosks are told the bridge is restarting');
    setTimeout(() => {
      logger.error({ code: 'stop-deadline' }, 'could not stop cleanly in time; exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    platform.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  });
}
