// Builds mediasoup-worker from the installed mediasoup package's own worker/ sources
// against Debian's libraries, and caches the binary outside the checkout.
//
// mediasoup's postinstall would download a prebuilt binary from GitHub, and its own
// source build downloads meson wraps; neither is reachable here. Our stand-ins in
// ./subprojects satisfy every subproject() from system libraries instead.
//
// Usage: node deploy/worker/build.mjs [--mediasoup-dir DIR]
//   prints the binary path on stdout (build log goes to stderr); exit code 1 on failure.
// Only node built-ins: this runs before `npm install` may have finished.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PATCHES_DIR, STAMP_FILE, SUBPROJECTS_DIR, isWorkerBuilt, resolveMediasoupDir, workerCacheDir, workerCacheKey } from './cache.mjs';

const PREFIX = '[mediasoup-worker]';
const MIN_MESON = [1, 1, 0];

// The same options mediasoup's own Makefile uses for its Release build.
const MESON_SETUP_ARGS = [
  '--buildtype=release',
  '-Db_ndebug=true',
  '-Db_pie=true',
  '-Db_staticpic=true',
  // Belt and braces: our stand-ins already exist, so meson has nothing to fetch.
  '--wrap-mode=nodownload',
];
// Only the binary: tests and the fuzzer need Catch2 and libFuzzer, which we do not provide.
const NINJA_TARGET = 'mediasoup-worker';

// pkg-config modules our stand-ins look up, with the Debian package that ships each.
const PKG_CONFIG_MODULES = {
  openssl: 'libssl-dev',
  libuv: 'libuv1-dev',
  libsrtp2: 'libsrtp2-dev',
  usrsctp: 'libusrsctp-dev',
  nlohmann_json: 'nlohmann-json3-dev',
  absl_flat_hash_map: 'libabsl-dev',
  absl_btree: 'libabsl-dev',
  absl_strings: 'libabsl-dev',
  absl_optional: 'libabsl-dev',
};

/**
 * Returns the path of a working mediasoup-worker binary, building it (several minutes)
 * only when the cache has none for this mediasoup version and build recipe.
 */
export async function ensureWorker({ log = console.log, mediasoupDir } = {}) {
  mediasoupDir = path.resolve(mediasoupDir ?? resolveMediasoupDir());
  const key = workerCacheKey({ mediasoupDir });
  const cacheDir = workerCacheDir({ key });
  const binary = path.join(cacheDir, 'mediasoup-worker');

  if (isWorkerBuilt({ key })) {
    const problem = binaryProblem(binary);
    if (!problem) {
      log(`${PREFIX} using cached ${binary}`);
      return binary;
    }
    // Typically a Debian upgrade replaced a shared library the binary was linked to.
    log(`${PREFIX} cached binary no longer runs (${problem}); rebuilding`);
  }

  const started = Date.now();
  log(`${PREFIX} building mediasoup-worker ${key} from ${path.join(mediasoupDir, 'worker')} (takes several minutes)`);
  checkPrerequisites();
  const meson = await findMeson(log);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-mediasoup-worker-'));
  const srcDir = path.join(tmp, 'worker');
  const buildDir = path.join(tmp, 'build');
  try {
    const uncovered = prepareSources(path.join(mediasoupDir, 'worker'), srcDir, meson.relax);

    const setup = await run(meson.cmd, [...meson.args, 'setup', ...MESON_SETUP_ARGS, buildDir, srcDir], { log });
    if (setup.code !== 0) {
      const wanted = uncovered.filter((name) => setup.error?.includes(name));
      const hint = wanted.length ? ` (no stand-in in deploy/worker/subprojects for: ${wanted.join(', ')})` : '';
      throw new Error(`meson setup failed: ${setup.error ?? 'see the log above'}${hint}`);
    }

    const jobs = String(os.availableParallelism?.() ?? os.cpus().length);
    const compile = await run('ninja', ['-C', buildDir, '-j', jobs, NINJA_TARGET], { log });
    if (compile.code !== 0) {
      throw new Error(`compiling mediasoup-worker failed: ${compile.error ?? 'see the log above'}`);
    }

    const built = path.join(buildDir, 'mediasoup-worker');
    const problem = binaryProblem(built);
    if (problem) throw new Error(`the freshly built mediasoup-worker does not run: ${problem}`);

    const seconds = Math.round((Date.now() - started) / 1000);
    fs.mkdirSync(cacheDir, { recursive: true });
    // Rename is atomic, so a concurrent reader never sees a half-copied binary or stamp.
    const tmpBinary = `${binary}.tmp-${process.pid}`;
    fs.copyFileSync(built, tmpBinary);
    fs.chmodSync(tmpBinary, 0o755);
    fs.renameSync(tmpBinary, binary);
    writeFileAtomic(
      path.join(cacheDir, STAMP_FILE),
      `${JSON.stringify({ ok: true, key, mediasoupDir, meson: meson.version, seconds, builtAt: new Date().toISOString() }, null, 2)}\n`,
    );
    fs.rmSync(tmp, { recursive: true, force: true });
    log(`${PREFIX} built in ${seconds} s: ${binary}`);
    return binary;
  } catch (error) {
    log(`${PREFIX} build directory kept for inspection: ${tmp}`);
    throw error;
  }
}

/** Null if the binary starts, else why not. Without MEDIASOUP_VERSION a sound worker exits with 41 (see its main.cpp). */
function binaryProblem(binary) {
  const result = spawnSync(binary, [], { env: {}, encoding: 'utf8', timeout: 10_000 });
  if (result.error) return result.error.message;
  if (result.status === 41) return null;
  const firstLine = (result.stderr || '').trim().split('\n')[0];
  return `exit ${result.status ?? result.signal}${firstLine ? `: ${firstLine}` : ''}`;
}

function commandWorks(command, args = ['--version']) {
  // CC/CXX may carry a wrapper and flags, such as "ccache gcc".
  const [cmd, ...pre] = command.trim().split(/\s+/);
  const result = spawnSync(cmd, [...pre, ...args], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

// Fails early with the Debian package to install, instead of a meson error deep in the log.
function checkPrerequisites() {
  const missing = new Set();
  if (!commandWorks('pkg-config')) missing.add('pkg-config');
  if (!commandWorks('ninja')) missing.add('ninja-build');
  if (!commandWorks('patch')) missing.add('patch');
  const cc = process.env.CC ? [process.env.CC] : ['cc', 'gcc', 'clang'];
  const cxx = process.env.CXX ? [process.env.CXX] : ['c++', 'g++', 'clang++'];
  if (!cc.some((c) => commandWorks(c)) || !cxx.some((c) => commandWorks(c))) missing.add('g++');
  if (!missing.has('pkg-config')) {
    for (const [module, pkg] of Object.entries(PKG_CONFIG_MODULES)) {
      if (!commandWorks('pkg-config', ['--exists', module])) missing.add(pkg);
    }
    // Debian's libsrtp2.pc points at /usr/include, but the header sits in srtp2/.
    const includedir = spawnSync('pkg-config', ['--variable=includedir', 'libsrtp2'], { encoding: 'utf8' });
    const header = path.join(includedir.stdout?.trim() || '/usr/include', 'srtp2', 'srtp.h');
    if (!missing.has('libsrtp2-dev') && !fs.existsSync(header)) missing.add('libsrtp2-dev');
  }
  if (missing.size) {
    const list = [...missing].join(' ');
    throw new Error(`missing build prerequisites for mediasoup-worker: ${list} (sudo apt-get install ${list})`);
  }
}

function parseVersion(text) {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(text ?? '');
  return match ? match.slice(1).map(Number) : null;
}

function atLeast(version, min) {
  for (let i = 0; i < min.length; i++) {
    if (version[i] !== min[i]) return version[i] > min[i];
  }
  return true;
}

function probeMeson(cmd, args) {
  const result = spawnSync(cmd, [...args, '--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  const version = parseVersion(result.stdout);
  return version && { cmd, args, version: version.join('.'), parsed: version };
}

// The worker declares meson_version '>= 1.1.0'. Debian 12 ships 1.0.1, so prefer pip's
// meson; failing that, Debian's also configures this worker once the check is relaxed.
async function findMeson(log) {
  // `python3 -m mesonbuild.mesonmain` finds a pip install even when its bin dir is not on PATH.
  const candidates = () => [probeMeson('meson', []), probeMeson('python3', ['-m', 'mesonbuild.mesonmain'])];
  const fresh = () => candidates().find((m) => m && atLeast(m.parsed, MIN_MESON));

  let meson = fresh();
  if (!meson) {
    log(`${PREFIX} meson >= ${MIN_MESON.join('.')} not found; trying: python3 -m pip install meson`);
    const pip = await run('python3', ['-m', 'pip', 'install', 'meson'], { log });
    if (pip.code === 0) meson = fresh();
  }
  if (meson) return { ...meson, relax: false };

  const old = candidates().find(Boolean);
  if (old) {
    log(`${PREFIX} using meson ${old.version} with the worker's meson_version check relaxed`);
    return { ...old, relax: true };
  }
  throw new Error('meson not found: `python3 -m pip install meson` failed and no other meson is installed (sudo apt-get install meson)');
}

/** Copies the worker sources, applies our patches and swaps in our subprojects; returns wraps we have no stand-in for. */
function prepareSources(workerDir, srcDir, relaxMesonVersion) {
  if (!fs.existsSync(path.join(workerDir, 'meson.build'))) {
    throw new Error(`mediasoup worker sources not found at ${workerDir}`);
  }
  // node_modules stays untouched: a partial build there (worker/out, fetched
  // subprojects) is skipped, and everything below edits only the copy.
  fs.cpSync(workerDir, srcDir, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(workerDir, src).split(path.sep);
      if (rel[0] === 'out') return false;
      return !(rel[0] === 'subprojects' && rel.length > 1 && !rel[1].endsWith('.wrap'));
    },
  });

  const subprojects = path.join(srcDir, 'subprojects');
  const uncovered = [];
  for (const wrap of fs.readdirSync(subprojects).filter((f) => f.endsWith('.wrap'))) {
    const wrapFile = path.join(subprojects, wrap);
    const directory = /^\s*directory\s*=\s*(\S+)/m.exec(fs.readFileSync(wrapFile, 'utf8'))?.[1];
    const ours = directory && path.join(SUBPROJECTS_DIR, directory);
    if (ours && fs.existsSync(ours)) {
      fs.cpSync(ours, path.join(subprojects, directory), { recursive: true });
      // A wrap naming only the folder: no URL means nothing meson could ever fetch.
      fs.writeFileSync(wrapFile, `[wrap-file]\ndirectory = ${directory}\n`);
    } else {
      // Such as wingetopt, which the worker only asks for on Windows.
      fs.rmSync(wrapFile);
      uncovered.push(wrap.replace(/\.wrap$/, ''));
    }
  }

  applyPatches(srcDir);

  if (relaxMesonVersion) {
    const buildFile = path.join(srcDir, 'meson.build');
    const text = fs.readFileSync(buildFile, 'utf8');
    fs.writeFileSync(buildFile, text.replace(/meson_version\s*:\s*'[^']*'/, "meson_version: '>= 1.0.0'"));
  }
  return uncovered;
}

/** Our backports of upstream worker fixes (see the head of each patch), in name order; a patch that does not apply exactly fails the build. */
function applyPatches(srcDir) {
  for (const name of fs
    .readdirSync(PATCHES_DIR)
    .filter((f) => f.endsWith('.patch'))
    .sort()) {
    const result = spawnSync('patch', ['-p1', '--forward', '--batch', '--fuzz=0', '-d', srcDir, '-i', path.join(PATCHES_DIR, name)], {
      encoding: 'utf8',
    });
    if (result.error || result.status !== 0) {
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() || result.error?.message;
      throw new Error(`worker patch ${name} does not apply: ${output}`);
    }
  }
}

function writeFileAtomic(file, content) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Runs a command, logging each output line with our prefix; resolves with its exit code and first error line. */
function run(cmd, args, { log }) {
  return new Promise((resolve) => {
    let error;
    let failed;
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (stream) => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop();
        for (const line of lines) emit(line);
      });
      stream.on('end', () => pending && emit(pending));
    };
    // The first "error:" (compiler) or "ERROR:" (meson) line names what broke, so it
    // becomes the thrown message; ninja's "FAILED:" line only names the command.
    const emit = (line) => {
      log(`${PREFIX} ${line}`);
      if (!error && /\berror:/i.test(line)) error = line.trim();
      if (!failed && line.startsWith('FAILED:')) failed = line.trim();
    };
    onData(child.stdout);
    onData(child.stderr);
    child.on('error', (err) => resolve({ code: -1, error: `${cmd}: ${err.message}` }));
    child.on('close', (code) => resolve({ code, error: error ?? failed }));
  });
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--mediasoup-dir') options.mediasoupDir = argv[++i];
    else if (argv[i].startsWith('--mediasoup-dir=')) options.mediasoupDir = argv[i].slice('--mediasoup-dir='.length);
    else throw new Error(`unknown argument: ${argv[i]} (usage: node deploy/worker/build.mjs [--mediasoup-dir DIR])`);
  }
  return options;
}

function isMain() {
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  try {
    // The log goes to stderr so stdout carries only the path: MEDIASOUP_WORKER_BIN=$(node deploy/worker/build.mjs)
    const binary = await ensureWorker({ ...parseArgs(process.argv.slice(2)), log: console.error });
    console.log(binary);
  } catch (error) {
    console.error(`${PREFIX} ${error.message}`);
    process.exitCode = 1;
  }
}
