import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { io, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import type { ClientToServerEvents, ResponseOf, Result, RtpCapabilities, ServerToClientEvents } from '@diemcau/shared';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startPlatform, type Platform, type PlatformOptions } from '../../src/platform';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the postgres project's global setup: the admin URL of a throwaway cluster. */
    postgresUrl: string;
  }
}

export type KioskClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real server on a free port, with a fresh store and real SFU workers. */
export class TestPlatform {
  /** Plain HTTP on loopback, as the bridge's own browser uses it. */
  readonly url: string;
  readonly httpsUrl: string;
  private readonly clients: KioskClient[] = [];

  private constructor(
    private current: Platform,
    readonly dataDir: string,
    private readonly workers: number,
    /** Set when the platform runs on PostgreSQL (the postgres test project). */
    readonly databaseUrl: string | undefined,
    private readonly options: PlatformOptions & { env?: Record<string, string> },
  ) {
    this.url = `http://127.0.0.1:${current.port}`;
    this.httpsUrl = `https://localhost:${current.httpsPort}`;
    this.accounts = current.createdAccounts;
  }

  private readonly accounts: Platform['createdAccounts'];

  static async start(options: PlatformOptions & { workers?: number; env?: Record<string, string> } = {}): Promise<TestPlatform> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-test-'));
    const workers = options.workers ?? 1;
    const databaseUrl = await freshPostgresDatabase();
    const platform = await startPlatform(...TestPlatform.settings(dataDir, { port: 0, httpsPort: 0 }, workers, databaseUrl, options.env), options);
    return new TestPlatform(platform, dataDir, workers, databaseUrl, options);
  }

  private static settings(
    dataDir: string,
    ports: { port: number; httpsPort: number },
    workers: number,
    databaseUrl: string | undefined,
    env: Record<string, string> = {},
  ) {
    const config = loadConfig({
      // Free media ports, so test platforms run side by side.
      RTC_SERVER_PORT: '0',
      ...env,
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
      PORT: String(ports.port),
      HTTPS_PORT: String(ports.httpsPort),
      HOST: '127.0.0.1',
      DIEMCAU_DATA_DIR: dataDir,
      RTC_LISTEN_IP: '127.0.0.1',
      MEDIASOUP_WORKERS: String(workers),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    return [config, createLogger(config.logLevel)] as const;
  }

  get db() {
    return this.current.db;
  }
  get pool() {
    return this.current.pool;
  }
  get bridge() {
    return this.current.bridge;
  }
  get meetings() {
    return this.current.meetings;
  }
  get monitor() {
    return this.current.monitor;
  }
  get listeners() {
    return this.current.listeners;
  }
  get tls() {
    return this.current.tls;
  }

  /** The generated password of a demo account, from the first start of this store. */
  passwordOf(username: string): string {
    const account = this.accounts.find((candidate) => candidate.username === username);
    if (!account) throw new Error(`no demo account ${username}`);
    return account.password;
  }

  /** The id of the live meeting (the demo province has exactly one). */
  async liveMeetingId(): Promise<string> {
    const meeting = await this.db('meetings').where({ status: 'live' }).first();
    if (!meeting) throw new Error('no live meeting');
    return meeting.id;
  }

  /** Logs in through the API and returns the access token. */
  async login(username: string): Promise<string> {
    const response = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: this.passwordOf(username) }),
    });
    if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  async kioskToken(siteCode: string): Promise<string> {
    const site = await this.current.sites.findByCode(siteCode);
    if (!site) throw new Error(`no site ${siteCode}`);
    return this.current.tokens.issue({ siteCode, generation: site.kioskGeneration });
  }

  connectKiosk(auth: Record<string, unknown>): KioskClient {
    return this.connect('/kiosk', auth);
  }

  /** A socket.io client of one namespace, closed with the platform; no reconnection, so refusals show. */
  connect(namespace: '/kiosk' | '/chair' | '/check' | '/monitor', auth: Record<string, unknown>): KioskClient {
    const client: KioskClient = io(`${this.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    this.clients.push(client);
    return client;
  }

  /** Stops the server and starts it again on the same port and store, as after a crash or an upgrade. */
  async restart(whileDown?: () => Promise<void>): Promise<void> {
    await this.current.close();
    await whileDown?.();
    this.current = await startPlatform(
      ...TestPlatform.settings(this.dataDir, { port: this.current.port, httpsPort: this.current.httpsPort }, this.workers, this.databaseUrl, this.options.env),
      this.options,
    );
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.close();
    await this.current.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export const startTestPlatform = (...args: Parameters<typeof TestPlatform.start>) => TestPlatform.start(...args);

/**
 * In the postgres test project, each platform gets a database of its own on the
 * throwaway cluster; elsewhere the platform uses SQLite in its data directory.
 */
async function freshPostgresDatabase(): Promise<string | undefined> {
  // Outside vitest (the benchmarks) there is no provided context: SQLite.
  const adminUrl = process.env.VITEST ? inject('postgresUrl') : undefined;
  if (!adminUrl) return undefined;
  const name = `diemcau_${Math.random().toString(36).slice(2, 10)}`;
  const admin = knex({ client: 'pg', connection: adminUrl });
  try {
    await admin.raw(`create database ${name}`);
  } finally {
    await admin.destroy();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

export function nextEvent<T>(client: KioskClient, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    (client as unknown as Socket).once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/**
 * Joins a connected kiosk socket to its live meeting's media as a kiosk does, with the bridge's own
 * capabilities (no browser: transports and consumers are made, no packets flow).
 */
export async function joinMedia(client: KioskClient): Promise<ResponseOf<'media:join'>> {
  const capabilities: Result<RtpCapabilities> = await client.emitWithAck('media:routerCapabilities', {});
  if (!capabilities.ok) throw new Error(capabilities.error.message);
  const joined: Result<ResponseOf<'media:join'>> = await client.emitWithAck('media:join', { rtpCapabilities: capabilities.data, send: true });
  if (!joined.ok) throw new Error(`media:join: ${joined.error.code}`);
  return joined.data;
}

export function connectError(client: KioskClient): Promise<{ message: string; data?: { code?: string } }> {
  return nextEvent(client, 'connect_error');
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A clock the test moves by hand, so a meeting's start time can be reached without waiting. */
export class TestClock {
  constructor(private current: Date) {}
  readonly now = (): Date => new Date(this.current);
  set(date: Date): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A JSON API client for one logged-in user (or anonymous). */
export function apiClient(baseUrl: string, token?: string) {
  return async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}
