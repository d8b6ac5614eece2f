import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { defaultBookingPolicy, type BookingPolicy } from './meetings/rules';

const clock = '([01]\\d|2[0-3]):[0-5]\\d';
const clockRange = `${clock}-${clock}`;

/**
 * Everything an operator can set, read once from the environment. README lists
 * each variable; defaults suit a single bridge server on the province's network.
 */
const Environment = z.object({
  /** Plain HTTP: the whole application to loopback clients; other clients are sent to HTTPS. 0 picks a free port (tests). */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** HTTPS and signaling for every client. 0 picks a free port (tests). */
  HTTPS_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  /** More names (DNS names or IP addresses, comma-separated) for the bridge's server certificate. */
  TLS_EXTRA_NAMES: z.string().default(''),
  /** The province's own certificate (PEM, with its chain) and key, instead of the bridge's own CA. */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  HOST: z.string().default('0.0.0.0'),
  /** The address kiosks use to reach this server; kiosk links are built on it. */
  PUBLIC_URL: z.url().optional(),
  DIEMCAU_DATA_DIR: z.string().default('data'),
  /** Used instead of a generated, persisted secret when set. */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  KIOSK_TOKEN_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** IP the SFU binds to for media. */
  RTC_LISTEN_IP: z.ipv4().default('0.0.0.0'),
  /** IP written into ICE candidates; needed when RTC_LISTEN_IP is 0.0.0.0 or behind NAT. */
  RTC_ANNOUNCED_IP: z.ipv4().optional(),
  /**
   * Worker i of the SFU takes all its rooms' media on this port + i, UDP and TCP (a mediasoup
   * WebRtcServer): a firewall opens a handful of ports. `off` falls back to a port per transport from
   * RTC_MIN_PORT..RTC_MAX_PORT; 0 takes free ports (tests).
   */
  RTC_SERVER_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(44400),
  /** Ports of the SFU's own links between its workers (loopback), and of every transport when RTC_SERVER_PORT=off. */
  RTC_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40000),
  RTC_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(40999),
  MEDIASOUP_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Rooms every room hears at once besides the chair's; above it, the most recent speakers. */
  MAX_AUDIBLE_SITES: z.coerce.number().int().min(1).max(50).default(6),
  /** PostgreSQL instead of the embedded SQLite file, e.g. postgres://user:pass@host/db. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  TIME_ZONE: z.string().refine(isTimeZone, 'TIME_ZONE must be an IANA time zone such as Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
  /** Art. 6.4: the half-day sessions technicians prepare in, local time. */
  SESSION_MORNING_START: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .default('07:00'),
  SESSION_AFTERNOON_START: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .default('13:00'),
  /** Art. 6.5: an emergency meeting reaches the bridge at least this long before it starts. */
  /** Free-slot suggestions fall inside these local hours, e.g. 07:00-11:30,13:00-17:00 (urgent meetings excepted). */
  OFFICE_HOURS: z
    .string()
    .regex(new RegExp(`^${clockRange}(,${clockRange})*$`), 'OFFICE_HOURS must read like 07:00-11:30,13:00-17:00')
    .refine((text) => text.split(',').every((range) => range.slice(0, 5) < range.slice(6)), 'each OFFICE_HOURS range must end after it starts')
    .default('07:00-11:30,13:00-17:00'),
  EMERGENCY_LEAD_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(180),
  BRIDGE_MAX_CONCURRENT_MEETINGS: z.coerce.number().int().min(1).max(100).default(4),
  /** TURN relay for kiosks behind strict firewalls (coturn), comma-separated turn: URLs. */
  TURN_URLS: z.string().optional(),
  /** coturn's static-auth-secret; kiosks get credentials derived from it that expire. */
  TURN_SECRET: z
    .string()
    .min(16)
    .refine(
      (secret) => !secret.startsWith('CHANGE-ME'),
      'TURN_SECRET is still the placeholder of deploy/coturn/turnserver.conf: set a long random secret in both',
    )
    .optional(),
  /** The upload a room needs for a meeting: the low and medium simulcast layers with sound. */
  CHECK_REQUIRED_KBPS: z.coerce.number().int().min(50).max(20_000).default(600),
  /** Pre-session checks (each a loopback room on the bridge) one user may run at once. */
  CHECK_ROOMS_PER_USER: z.coerce.number().int().min(1).max(50).default(2),
  /** A pre-session check older than this no longer counts towards a meeting's readiness. */
  CHECK_VALID_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 14)
    .default(24),
  /** Bearer token for Prometheus on /metrics; generated and kept in the data directory when unset. */
  METRICS_TOKEN: z.string().min(16).optional(),
  MONITOR_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** A site critically degraded this long gets an incident. */
  DEGRADED_INCIDENT_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /** A kiosk gone this long from a live meeting opens an incident (a reload takes less). */
  INCIDENT_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(15),
  /** Art. 9.2: what a hired MCU service charges per site connected per hour, in REPORT_CURRENCY. */
  REPORT_SITE_HOUR_RATE: z.coerce.number().min(0).default(300_000),
  /** Art. 9.2: this system's running cost for a year (hosting, lines, maintenance), in REPORT_CURRENCY. */
  REPORT_RUNNING_COST_PER_YEAR: z.coerce.number().min(0).default(150_000_000),
  REPORT_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('VND'),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(5),
  /** Failed logins from one address, whatever the usernames tried. */
  LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Password checks (scrypt, 32 MiB each) running at once; more logins wait briefly or are refused. */
  LOGIN_CONCURRENT_HASHES: z.coerce.number().int().min(1).max(64).default(2),
  /** 1 (the default, for a first try): seed the demo province and accounts into an empty store. 0 for production. */
  DIEMCAU_DEMO: z.enum(['0', '1']).default('1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface RtcSettings {
  listenIp: string;
  announcedIp: string | undefined;
  /** First port of the workers' WebRtcServers; undefined for a port per transport from the range. */
  serverPort: number | undefined;
  minPort: number;
  maxPort: number;
}

export interface Config {
  port: number;
  httpsPort: number;
  tls: { extraNames: string[]; certFile: string | undefined; keyFile: string | undefined };
  host: string;
  publicUrl: string;
  dataDir: string;
  jwtSecret: string | undefined;
  kioskTokenDays: number;
  rtc: RtcSettings;
  workerCount: number;
  maxAudibleSites: number;
  databaseUrl: string | undefined;
  booking: BookingPolicy;
  login: { attemptsPerMinute: number; attemptsPerAddressPerMinute: number; concurrentHashes: number };
  incidentGraceMs: number;
  turn: { urls: string[]; secret: string } | undefined;
  checks: { requiredKbps: number; validMs: number; roomsPerUser: number };
  metricsToken: string | undefined;
  monitor: { intervalMs: number; degradedIncidentMs: number };
  budget: { ratePerSiteHour: number; runningCostPerYear: number; currency: string };
  logLevel: z.infer<typeof Environment>['LOG_LEVEL'];
  demo: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (as docker-compose writes for an unset one) means "not set".
  const parsed = Environment.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.RTC_MIN_PORT > e.RTC_MAX_PORT) {
    throw new Error('Invalid configuration: RTC_MIN_PORT is above RTC_MAX_PORT');
  }
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new Error('Invalid configuration: set both TLS_CERT_FILE and TLS_KEY_FILE, or neither');
  }
  const announcedIp = e.RTC_ANNOUNCED_IP ?? (e.RTC_LISTEN_IP === '0.0.0.0' ? firstLanAddress() : undefined);
  // Room PCs reach the bridge by its LAN address unless PUBLIC_URL gives a name.
  const defaultPublicUrl = `https://${announcedIp ?? os.hostname()}${e.HTTPS_PORT === 443 ? '' : `:${e.HTTPS_PORT}`}`;
  return {
    port: e.PORT,
    httpsPort: e.HTTPS_PORT,
    tls: {
      extraNames: e.TLS_EXTRA_NAMES.split(',')
        .map((name) => name.trim())
        .filter(Boolean),
      certFile: e.TLS_CERT_FILE,
      keyFile: e.TLS_KEY_FILE,
    },
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? defaultPublicUrl).replace(/\/$/, ''),
    dataDir: path.resolve(e.DIEMCAU_DATA_DIR),
    jwtSecret: e.JWT_SECRET,
    kioskTokenDays: e.KIOSK_TOKEN_DAYS,
    rtc: {
      listenIp: e.RTC_LISTEN_IP,
      announcedIp,
      serverPort: e.RTC_SERVER_PORT === 'off' ? undefined : e.RTC_SERVER_PORT,
      minPort: e.RTC_MIN_PORT,
      maxPort: e.RTC_MAX_PORT,
    },
    workerCount: e.MEDIASOUP_WORKERS ?? os.availableParallelism(),
    maxAudibleSites: e.MAX_AUDIBLE_SITES,
    databaseUrl: e.DATABASE_URL,
    booking: {
      ...defaultBookingPolicy,
      timeZone: e.TIME_ZONE,
      sessionStarts: { morning: e.SESSION_MORNING_START, afternoon: e.SESSION_AFTERNOON_START },
      emergencyLeadMinutes: e.EMERGENCY_LEAD_MINUTES,
      officeHours: e.OFFICE_HOURS.split(',').map((range) => ({ start: range.slice(0, 5), end: range.slice(6) })),
      maxConcurrentMeetings: e.BRIDGE_MAX_CONCURRENT_MEETINGS,
    },
    login: {
      attemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
      attemptsPerAddressPerMinute: e.LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
      concurrentHashes: e.LOGIN_CONCURRENT_HASHES,
    },
    incidentGraceMs: e.INCIDENT_GRACE_SECONDS * 1000,
    turn: e.TURN_URLS && e.TURN_SECRET ? { urls: e.TURN_URLS.split(',').map((url) => url.trim()), secret: e.TURN_SECRET } : undefined,
    metricsToken: e.METRICS_TOKEN,
    monitor: { intervalMs: e.MONITOR_INTERVAL_SECONDS * 1000, degradedIncidentMs: e.DEGRADED_INCIDENT_SECONDS * 1000 },
    checks: { requiredKbps: e.CHECK_REQUIRED_KBPS, validMs: e.CHECK_VALID_HOURS * 3_600_000, roomsPerUser: e.CHECK_ROOMS_PER_USER },
    budget: { ratePerSiteHour: e.REPORT_SITE_HOUR_RATE, runningCostPerYear: e.REPORT_RUNNING_COST_PER_YEAR, currency: e.REPORT_CURRENCY },
    logLevel: e.LOG_LEVEL,
    demo: e.DIEMCAU_DEMO === '1',
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A bridge bound to every interface must still announce one address kiosks can reach. */
function firstLanAddress(): string {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}
