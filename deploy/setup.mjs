#!/usr/bin/env node
// Installs whatever this checkout is missing, so `npm start` and `npm test` work on a
// fresh machine: npm packages, Debian packages (when root), and the SFU worker built
// offline from mediasoup's own sources. Each step is skipped when already satisfied.
//
//   node deploy/setup.mjs [--with-browser] [--with-postgres] [--with-test-tools] [--with-prometheus] [--with-load]
//
// Only node built-ins here: it runs before `npm ci` has installed anything.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKER_DEBIAN_PACKAGES } from './worker/cache.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

/** Debian's Chromium for kiosks and browser tests; Noto for Vietnamese captions. */
const BROWSER_PACKAGES = ['chromium', 'fonts-noto-core'];
const POSTGRES_PACKAGES = ['postgresql'];
/** The server's PDF reports embed Noto Sans, which covers Vietnamese diacritics. */
const SERVER_PACKAGES = ['fonts-noto-core'];
/** The report tests read the PDFs back with pdftotext and render them with pdftoppm. */
const TEST_TOOL_PACKAGES = ['poppler-utils'];
/** Prometheus and its promtool: the tests scrape the bridge with the real thing and check the alert rules. */
const PROMETHEUS_PACKAGES = ['prometheus'];
/** ffmpeg encodes the load generator's media once (npm run load, and the browser tests' generator rooms). */
const LOAD_PACKAGES = ['ffmpeg'];
/**
 * The network tests (test/e2e/network/): namespaces, veth, bridge and tbf (iproute2), loss and cuts
 * (nftables), the room-PC trust store (certutil), the TURN relay (coturn), and the set-up script's own tools.
 */
const NETWORK_TEST_PACKAGES = ['iproute2', 'nftables', 'libnss3-tools', 'coturn', 'curl', 'openssl'];

const log = (message) => console.log(`[setup] ${message}`);

function run(command, commandArgs, options = {}) {
  log(`$ ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) {
    throw new Error(`"${command} ${commandArgs.join(' ')}" failed (exit ${result.status ?? result.signal})`);
  }
}

/** npm ci when node_modules was not installed from the current lock file. */
function ensureNpmPackages() {
  const lock = fs.readFileSync(path.join(ROOT, 'package-lock.json'));
  const lockHash = createHash('sha256').update(lock).digest('hex');
  const stamp = path.join(ROOT, 'node_modules', '.diemcau-lock-hash');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === lockHash) return;
  // Install scripts run only for the packages approved in package.json's allowScripts
  // (better-sqlite3 builds its binding); mediasoup's is refused: it would download.
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.writeFileSync(stamp, lockHash);
}

function missingDebianPackages(packages) {
  return packages.filter((name) => {
    const query = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', name], { encoding: 'utf8' });
    return query.status !== 0 || query.stdout.trim() !== 'installed';
  });
}

function ensureDebianPackages(packages) {
  const missing = missingDebianPackages(packages);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `These Debian packages are missing: ${missing.join(' ')}\n` + `Install them as root: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

async function main() {
  const started = Date.now();
  ensureNpmPackages();
  ensureDebianPackages([
    ...WORKER_DEBIAN_PACKAGES,
    ...SERVER_PACKAGES,
    ...(args.has('--with-test-tools') ? TEST_TOOL_PACKAGES : []),
    ...(args.has('--with-browser') ? [...BROWSER_PACKAGES, ...NETWORK_TEST_PACKAGES] : []),
    ...(args.has('--with-postgres') ? POSTGRES_PACKAGES : []),
    ...(args.has('--with-prometheus') ? PROMETHEUS_PACKAGES : []),
    ...(args.has('--with-load') || args.has('--with-browser') ? LOAD_PACKAGES : []),
  ]);
  const { ensureWorker } = await import('./worker/build.mjs');
  const workerBin = await ensureWorker({ log });
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s (SFU worker: ${workerBin})`);
}

main().catch((error) => {
  console.error(`[setup] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
