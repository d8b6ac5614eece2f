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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    platform.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
