import fs from 'node:fs';
import { workerBinaryPath } from '../../../deploy/worker/cache.mjs';

/*
 * mediasoup reads MEDIASOUP_WORKER_BIN once, when it is first imported, so the
 * path to our offline-built worker must be in place before that import.
 */
process.env.MEDIASOUP_WORKER_BIN ??= workerBinaryPath();
if (!fs.existsSync(process.env.MEDIASOUP_WORKER_BIN)) {
  throw new Error(`The SFU worker is not built (${process.env.MEDIASOUP_WORKER_BIN}). Run "npm run setup" to build it.`);
}

export const mediasoup = await import('mediasoup');
