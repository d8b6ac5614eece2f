// Where the locally built mediasoup-worker binary lives, and whether it is there.
//
// The server calls workerBinaryPath() at startup, so everything here stays cheap:
// it reads mediasoup's package.json and hashes a handful of small files, never the
// worker source tree (the mediasoup version already pins that).
// Only node built-ins: this runs before `npm install` may have finished.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const SUBPROJECTS_DIR = path.join(HERE, 'subprojects');
export const PATCHES_DIR = path.join(HERE, 'patches');

// build.mjs is hashed whole rather than picking out its flags: any change to how the
// worker is built must produce a new key, and a stray rebuild after a comment edit is
// cheaper than silently running a binary built by an older recipe.
const KEY_INPUT_FILES = [path.join(HERE, 'build.mjs')];

// Debian packages the worker build needs. The -dev packages pull in the runtime
// libraries the binary links against dynamically.
export const WORKER_DEBIAN_PACKAGES = Object.freeze([
  'g++',
  'pkg-config',
  'ninja-build',
  'patch',
  'libuv1-dev',
  'libssl-dev',
  'libsrtp2-dev',
  'libabsl-dev',
  'nlohmann-json3-dev',
  'libusrsctp-dev',
]);

export const STAMP_FILE = 'build-stamp.json';

/** Directory of the installed mediasoup package, resolved the way the server will load it. */
export function resolveMediasoupDir(fromDir = REPO_ROOT) {
  const require = createRequire(path.join(fromDir, 'package.json'));
  try {
    return path.dirname(require.resolve('mediasoup/package.json'));
  } catch {
    throw new Error(`mediasoup is not installed under ${fromDir} (run npm install first)`);
  }
}

function resolveVersion({ mediasoupVersion, mediasoupDir } = {}) {
  if (mediasoupVersion) return mediasoupVersion;
  const pkgFile = path.join(mediasoupDir ?? resolveMediasoupDir(), 'package.json');
  try {
    return JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version;
  } catch {
    throw new Error(`cannot read the mediasoup version from ${pkgFile}`);
  }
}

function listFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/**
 * `<mediasoup version>-<12 hex of sha256>` over our subproject stand-ins, our worker
 * patches, build.mjs and the platform; options: { mediasoupVersion } or { mediasoupDir } (default: the repo's).
 */
export function workerCacheKey(options = {}) {
  const version = resolveVersion(options);
  const hash = createHash('sha256');
  hash.update(`${process.platform}-${process.arch}\0`);
  for (const file of [...listFiles(SUBPROJECTS_DIR), ...listFiles(PATCHES_DIR), ...KEY_INPUT_FILES]) {
    // Relative names keep the key identical across checkouts in different places.
    hash.update(`${path.relative(HERE, file).split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return `${version}-${hash.digest('hex').slice(0, 12)}`;
}

/** `$DIEMCAU_CACHE_DIR`, else `${XDG_CACHE_HOME:-~/.cache}/diemcau`; kept outside the checkout so clones and `git clean` share or keep it. */
export function cacheRoot() {
  if (process.env.DIEMCAU_CACHE_DIR) return path.resolve(process.env.DIEMCAU_CACHE_DIR);
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'diemcau');
}

/** Directory holding the binary and its stamp for one cache key. */
export function workerCacheDir(options = {}) {
  return path.join(cacheRoot(), 'mediasoup-worker', options.key ?? workerCacheKey(options));
}

/** Where the binary for this mediasoup version and build recipe lives (whether or not built yet). */
export function workerBinaryPath(options = {}) {
  return path.join(workerCacheDir(options), 'mediasoup-worker');
}

/** True when the binary exists and its stamp records a successful build for the same key. */
export function isWorkerBuilt(options = {}) {
  const key = options.key ?? workerCacheKey(options);
  const dir = workerCacheDir({ key });
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8'));
    return stamp.ok === true && stamp.key === key && fs.statSync(path.join(dir, 'mediasoup-worker')).isFile();
  } catch {
    return false;
  }
}
