import { loadConfig } from './config';
import { createLogger } from './logger';
import { startPlatform } from './platform';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const platform = await startPlatform(config, logger);
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
