import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import type { AlarmEvent, IncidentView, MonitorSample } from '@diemcau/shared';
import { CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from '../browser';

const run = promisify(execFile);

/** Every namespace of a lab is named `dcn<pid>-<role>`: leftovers of a dead test run are found by the prefix. */
const PREFIX = 'dcn';
const SUBNET = '10.77.0';
export const BRIDGE_NAME = 'bridge.test';
export const BRIDGE_ADDRESS = `${SUBNET}.1`;
export const HTTPS_PORT = 8443;
export const PLAIN_PORT = 8080;
export const BRIDGE_ORIGIN = `https://${BRIDGE_NAME}:${HTTPS_PORT}`;

export async function sh(command: string, args: string[], timeout = 30_000): Promise<string> {
  const { stdout } = await run(command, args, { timeout, encoding: 'utf8' });
  return stdout;
}

/** Removes the namespaces (and their /etc/netns files) of lab runs whose process is gone. */
async function removeLeftovers(): Promise<void> {
  const list = await sh('ip', ['netns', 'list']);
  for (const name of list.split('\n').map((line) => line.split(' ')[0] ?? '')) {
    const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await sh('ip', ['netns', 'del', name]).catch(() => undefined);
    fs.rmSync(path.join('/etc/netns', name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface Host {
  /** Namespace name. */
  ns: string;
  address: string;
  /** The host's end of its veth link, in the switch namespace: where loss, caps and cuts are applied. */
  switchPort: string;
}

/**
 * A small network of namespaces: a switch namespace holding a Linux bridge, the bridge server's namespace and
 * one per kiosk, each joined to the switch by a veth link, with its own address. Nothing is created in the
 * machine's own namespace, so the hosts reach each other and nothing else.
 */
export class NetworkLab {
  readonly hosts = new Map<string, Host>();
  private readonly rooms = new Map<string, { link: string; home: string }>();
  private readonly processes: ChildProcess[] = [];
  private readonly browsers: Browser[] = [];
  readonly scratch: string;
  private readonly switchNs: string;

  private constructor(private readonly id: string) {
    this.switchNs = `${id}-sw`;
    this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), `diemcau-${id}-`));
  }

  static async create(kiosks: readonly string[]): Promise<NetworkLab> {
    if (process.getuid?.() !== 0) throw new Error('the network tests create namespaces: run them as root');
    await removeLeftovers();
    const lab = new NetworkLab(`${PREFIX}${process.pid}`);
    try {
      await lab.build(kiosks);
    } catch (error) {
      await lab.close();
      throw error;
    }
    return lab;
  }

  private async build(kiosks: readonly string[]): Promise<void> {
    await this.addNamespace(this.switchNs);
    await sh('ip', ['-n', this.switchNs, 'link', 'add', 'br0', 'type', 'bridge']);
    await sh('ip', ['-n', this.switchNs, 'link', 'set', 'br0', 'up']);
    const roles = ['bridge', ...kiosks];
    for (const [index, role] of roles.entries()) {
      const ns = `${this.id}-${role}`;
      const address = `${SUBNET}.${index === 0 ? 1 : 10 + index}`;
      const switchPort = `p-${role}`.slice(0, 15);
      await this.addNamespace(ns);
      await sh('ip', ['-n', this.switchNs, 'link', 'add', switchPort, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns]);
      await sh('ip', ['-n', this.switchNs, 'link', 'set', switchPort, 'master', 'br0', 'up']);
      await sh('ip', ['-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
      await sh('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
      // `ip netns exec` mounts /etc/netns/<ns>/hosts over /etc/hosts: the bridge's name resolves as on a LAN.
      fs.mkdirSync(path.join('/etc/netns', ns), { recursive: true });
      fs.writeFileSync(path.join('/etc/netns', ns, 'hosts'), `127.0.0.1 localhost\n${BRIDGE_ADDRESS} ${BRIDGE_NAME}\n`);
      this.hosts.set(role, { ns, address, switchPort });
    }
  }

  private async addNamespace(ns: string): Promise<void> {
    await sh('ip', ['netns', 'add', ns]);
    await sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  }

  host(role: string): Host {
    const host = this.hosts.get(role);
    if (!host) throw new Error(`no host ${role} in the lab`);
    return host;
  }

  /** A command inside a host's namespace. */
  exec(role: string, command: string, args: string[], timeout = 30_000): Promise<string> {
    return sh('ip', ['netns', 'exec', this.host(role).ns, command, ...args], timeout);
  }

  /** nftables in the switch namespace, on the host's link (both ways), in a table of its own. */
  async setLinkRules(role: string, rules: string[]): Promise<void> {
    const { switchPort } = this.host(role);
    const table = `lab_${switchPort.replace(/-/g, '_')}`;
    await sh('ip', ['netns', 'exec', this.switchNs, 'nft', 'delete', 'table', 'bridge', table]).catch(() => undefined);
    if (rules.length === 0) return;
    const script = [
      `table bridge ${table} {`,
      '  chain forward {',
      '    type filter hook forward priority 0; policy accept;',
      ...rules.map((rule) => `    ${rule.replaceAll('$port', switchPort)}`),
      '  }',
      '}',
    ].join('\n');
    const file = path.join(this.scratch, `${table}.nft`);
    fs.writeFileSync(file, script);
    await sh('ip', ['netns', 'exec', this.switchNs, 'nft', '-f', file]);
  }

  /** A tbf rate cap on the traffic towards the host (its downlink), or none. */
  async setDownlinkRate(role: string, kbit: number | undefined): Promise<void> {
    const { switchPort } = this.host(role);
    await sh('ip', ['-n', this.switchNs, 'link', 'set', switchPort, 'up']);
    await sh('tc', ['-n', this.switchNs, 'qdisc', 'del', 'dev', switchPort, 'root']).catch(() => undefined);
    if (kbit === undefined) return;
    // Bucket and queue as in tc-tbf(8)'s own example: a shaper with a modest buffer, as on a real line.
    await sh('tc', ['-n', this.switchNs, 'qdisc', 'add', 'dev', switchPort, 'root', 'tbf', 'rate', `${kbit}kbit`, 'burst', '32kbit', 'latency', '400ms']);
  }

  /**
   * The bridge server in its namespace, as `npm run serve` would run it (with env), its data directory in the
   * lab's scratch folder. Resolves once it answers /healthz on loopback.
   */
  async startBridge(env: Record<string, string> = {}): Promise<BridgeServer> {
    const dataDir = path.join(this.scratch, 'bridge-data');
    const child = spawn('ip', ['netns', 'exec', this.host('bridge').ns, process.execPath, '--import', 'tsx', 'server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(PLAIN_PORT),
        HTTPS_PORT: String(HTTPS_PORT),
        HOST: '0.0.0.0',
        PUBLIC_URL: BRIDGE_ORIGIN,
        RTC_LISTEN_IP: BRIDGE_ADDRESS,
        RTC_ANNOUNCED_IP: BRIDGE_ADDRESS,
        DIEMCAU_DATA_DIR: dataDir,
        MEDIASOUP_WORKERS: '1',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.processes.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.TEST_LOG_LEVEL) process.stderr.write(chunk);
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bridge exited (${child.exitCode}):\n${output}`);
      const healthy = await this.exec('bridge', 'curl', ['-sf', '--max-time', '2', `http://127.0.0.1:${PLAIN_PORT}/healthz`]).then(
        () => true,
        () => false,
      );
      if (healthy) break;
      if (Date.now() > deadline) throw new Error(`the bridge did not answer within 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return new BridgeServer(child, dataDir, () => output, env);
  }

  /**
   * Debian's coturn beside the bridge (as docker-compose.yml runs it), with deploy/coturn/turnserver.conf and
   * the site's values on the command line: the secret, the bridge as the one allowed peer, the bridge's
   * certificate for TURN over TLS. Resolves once it listens.
   */
  async startCoturn(secret: string, bridgeDataDir: string): Promise<void> {
    const log = path.join(this.scratch, 'turnserver.log');
    const child = spawn(
      'ip',
      [
        'netns',
        'exec',
        this.host('bridge').ns,
        'turnserver',
        '-c',
        path.join(REPO_ROOT, 'deploy/coturn/turnserver.conf'),
        `--static-auth-secret=${secret}`,
        `--allowed-peer-ip=${BRIDGE_ADDRESS}`,
        `--listening-ip=${BRIDGE_ADDRESS}`,
        `--relay-ip=${BRIDGE_ADDRESS}`,
        `--cert=${path.join(bridgeDataDir, 'tls/server.crt')}`,
        `--pkey=${path.join(bridgeDataDir, 'tls/server.key')}`,
        `--log-file=${log}`,
        '--simple-log',
        `--pidfile=${path.join(this.scratch, 'turnserver.pid')}`,
      ],
      { stdio: 'ignore' },
    );
    this.processes.push(child);
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`coturn exited (${child.exitCode}): ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`);
      const listening = await this.exec('bridge', 'ss', ['-ltn']).catch(() => '');
      if (listening.includes(`${BRIDGE_ADDRESS}:5349`) && listening.includes(`${BRIDGE_ADDRESS}:3478`)) return;
      if (Date.now() > deadline) throw new Error('coturn did not listen within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  /** How many packets an nftables rule with `counter` in the host's link table matched, by the rule's comment. */
  async ruleCount(role: string, comment: string): Promise<number> {
    const table = `lab_${this.host(role).switchPort.replace(/-/g, '_')}`;
    const listing = await sh('ip', ['netns', 'exec', this.switchNs, 'nft', 'list', 'table', 'bridge', table]);
    const line = listing.split('\n').find((candidate) => candidate.includes(`comment "${comment}"`));
    return Number(/packets (\d+)/.exec(line ?? '')?.[1] ?? 0);
  }

  /**
   * Sets up a kiosk namespace as a room PC: deploy/kiosk/setup-room-pc.sh, run inside it against the bridge,
   * trusts the CA in the NSS database of this kiosk's own home. Returns that home.
   */
  async setUpRoomPc(role: string, kioskLink: string, fingerprint: string): Promise<string> {
    const home = path.join(this.scratch, `home-${role}`);
    fs.mkdirSync(home, { recursive: true });
    await sh('env', [
      `DIEMCAU_KIOSK_HOME=${home}`,
      `DIEMCAU_POLICY_DIR=${path.join(this.scratch, `policies-${role}`)}`,
      'DIEMCAU_SKIP_SYSTEM=1',
      'ip',
      'netns',
      'exec',
      this.host(role).ns,
      'bash',
      path.join(REPO_ROOT, 'deploy/kiosk/setup-room-pc.sh'),
      BRIDGE_ORIGIN,
      kioskLink,
      '--fingerprint',
      fingerprint,
      '--user',
      'root',
    ]);
    return home;
  }

  /** Sets every room up as a room PC for its site: then link(role) and home(role) give its kiosk link and the home whose NSS database trusts the CA. */
  async setUpRooms(bridge: BridgeServer, rooms: Record<string, string>): Promise<void> {
    for (const [role, site] of Object.entries(rooms)) {
      const link = await bridge.kioskLink(site);
      this.rooms.set(role, { link, home: await this.setUpRoomPc(role, link, bridge.caFingerprint) });
    }
  }

  link(role: string): string {
    return this.room(role).link;
  }

  home(role: string): string {
    return this.room(role).home;
  }

  private room(role: string): { link: string; home: string } {
    const room = this.rooms.get(role);
    if (!room) throw new Error(`room ${role} is not set up`);
    return room;
  }

  /** An empty home: a room PC profile that never trusted the bridge's CA. */
  freshHome(role: string): string {
    const home = path.join(this.scratch, `home-${role}-${crypto.randomBytes(3).toString('hex')}`);
    fs.mkdirSync(home, { recursive: true });
    return home;
  }

  /**
   * Debian's Chromium inside a host's namespace, with `home` as its HOME (so ~/.pki/nssdb there is its trust
   * store) and its own profile. Fake camera and microphone as in the other browser tests; certificate errors are
   * NOT ignored.
   */
  async launchChromium(role: string, home: string, extraArgs: string[] = []): Promise<Browser> {
    const wrapper = path.join(this.scratch, `chromium-${role}.sh`);
    fs.writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${this.host(role).ns} ${CHROMIUM_PATH} "$@"\n`, { mode: 0o755 });
    const browser = await chromium.launch({
      executablePath: wrapper,
      headless: true,
      env: { ...process.env, HOME: home },
      args: [...CHROMIUM_ARGS, ...extraArgs],
    });
    this.browsers.push(browser);
    return browser;
  }

  async close(): Promise<void> {
    for (const browser of this.browsers.splice(0)) await browser.close().catch(() => undefined);
    for (const child of this.processes.splice(0)) await stopProcess(child);
    for (const { ns } of this.hosts.values()) {
      await sh('ip', ['netns', 'del', ns]).catch(() => undefined);
      fs.rmSync(path.join('/etc/netns', ns), { recursive: true, force: true });
    }
    await sh('ip', ['netns', 'del', this.switchNs]).catch(() => undefined);
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }
}

const PROBE = path.join(REPO_ROOT, 'test/e2e/network/probe.ts');

export interface Observation {
  alarms: AlarmEvent[];
  sample: MonitorSample | undefined;
  incidents: IncidentView[];
  sites: Array<{ id: number; code: string }>;
}

export class BridgeServer {
  constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
    readonly output: () => string,
    private readonly env: Record<string, string>,
  ) {}

  /** What the bridge's monitoring shows a bridge technician: alarms, latest sample, incidents. */
  async observe(lab: NetworkLab): Promise<Observation> {
    const output = await lab.exec('bridge', process.execPath, ['--import', 'tsx', PROBE, String(PLAIN_PORT), 'observe', 'vnpt', this.passwordOf('vnpt')]);
    return JSON.parse(output) as Observation;
  }

  /** As the chair operator: one room shows one site full screen (it then wants that site's top layer). */
  async showFullScreen(lab: NetworkLab, siteCode: string, shownSiteCode: string): Promise<void> {
    await lab.exec('bridge', process.execPath, [
      '--import',
      'tsx',
      PROBE,
      String(PLAIN_PORT),
      'layout',
      'chutoa',
      this.passwordOf('chutoa'),
      siteCode,
      shownSiteCode,
    ]);
  }

  /** A demo account's password, from the list the bridge prints once on its first start. */
  passwordOf(username: string): string {
    const line = this.output()
      .split('\n')
      .find((candidate) => candidate.trim().startsWith(`${username} `));
    const password = line?.trim().split(/\s+/)[2];
    if (!password) throw new Error(`the bridge printed no password for ${username}`);
    return password;
  }

  get caFingerprint(): string {
    return new crypto.X509Certificate(fs.readFileSync(path.join(this.dataDir, 'tls/ca.crt'))).fingerprint256;
  }

  /** The site's kiosk link, as the technician prints it on the bridge. */
  async kioskLink(siteCode: string): Promise<string> {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'kiosk-link', siteCode], {
      cwd: REPO_ROOT,
      env: { ...process.env, PUBLIC_URL: BRIDGE_ORIGIN, ...this.env, DIEMCAU_DATA_DIR: this.dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return stdout.trim();
  }

  stop(): Promise<void> {
    return stopProcess(this.child);
  }
}

/** SIGTERM (the bridge closes its workers), SIGKILL after 10 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
