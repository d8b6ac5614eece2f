import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { defaultBookingPolicy, type BookingPolicy } from './meetings/rules';

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
  RTC_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40000),
  RTC_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(40999),
  MEDIASOUP_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** PostgreSQL instead of the embedded SQLite file, e.g. postgres://user:pass@host/db. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL').optional(),
  TIME_ZONE: z.string().refine(isTimeZone, 'TIME_ZONE must be an IANA time zone such as Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
  /** Art. 6.4: the half-day sessions technicians prepare in, local time. */
  SESSION_MORNING_START: z.string().regex(/^\d{2}:\d{2}$/).default('07:00'),
  SESSION_AFTERNOON_START: z.string().regex(/^\d{2}:\d{2}$/).default('13:00'),
  /** Art. 6.5: an emergency meeting reaches the bridge at least this long before it starts. */
  EMERGENCY_LEAD_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(180),
  BRIDGE_MAX_CONCURRENT_MEETINGS: z.coerce.number().int().min(1).max(100).default(4),
  /** TURN relay for kiosks behind strict firewalls (coturn), comma-separated turn: URLs. */
  TURN_URLS: z.string().optional(),
  /** coturn's static-auth-secret; kiosks get credentials derived from it that expire. */
  TURN_SECRET: z
    .string()
    .min(16)
    .refine((secret) => !secret.startsWith('CHANGE-ME'), 'TURN_SECRET is still the placeholder of deploy/coturn/turnserver.conf: set a long random secret in both')
    .optional(),
  /** The upload a room needs for a meeting: the low and medium simulcast layers with sound. */
  CHECK_REQUIRED_KBPS: z.coerce.number().int().min(50).max(20_000).default(600),
  /** A pre-session check older than this no longer counts towards a meeting's readiness. */
  CHECK_VALID_HOURS: z.coerce.number().min(1).max(24 * 14).default(24),
  /** Bearer token for Prometheus on /metrics; generated and kept in the data directory when unset. */
  METRICS_TOKEN: z.string().min(16).optional(),
  MONITOR_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** A site critically degraded this long gets an incident. */
  DEGRADED_INCIDENT_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /** A kiosk gone this long from a live meeting opens an incident (a reload takes less). */
  INCIDENT_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(15),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  httpsPort: number;
  tls: { extraNames: string[]; certFile: string | undefined; keyFile: string | undefined };
  host: string;
  publicUrl: string;
  dataDir: string;
  jwtSecret: string | undefined;
  kioskTokenDays: number;
  rtc: { listenIp: string; announcedIp: string | undefined; minPort: number; maxPort: number };
  workerCount: number;
  databaseUrl: string | undefined;
  booking: BookingPolicy;
  loginAttemptsPerMinute: number;
  incidentGraceMs: number;
  turn: { urls: string[]; secret: string } | undefined;
  checks: { requiredKbps: number; validMs: number };
  metricsToken: string | undefined;
  monitor: { intervalMs: number; degradedIncidentMs: number };
  logLevel: z.infer<typeof Environment>['LOG_LEVEL'];
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
      minPort: e.RTC_MIN_PORT,
      maxPort: e.RTC_MAX_PORT,
    },
    workerCount: e.MEDIASOUP_WORKERS ?? os.availableParallelism(),
    databaseUrl: e.DATABASE_URL,
    booking: {
      ...defaultBookingPolicy,
      timeZone: e.TIME_ZONE,
      sessionStarts: { morning: e.SESSION_MORNING_START, afternoon: e.SESSION_AFTERNOON_START },
      emergencyLeadMinutes: e.EMERGENCY_LEAD_MINUTES,
      maxConcurrentMeetings: e.BRIDGE_MAX_CONCURRENT_MEETINGS,
    },
    loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    incidentGraceMs: e.INCIDENT_GRACE_SECONDS * 1000,
    turn: e.TURN_URLS && e.TURN_SECRET ? { urls: e.TURN_URLS.split(',').map((url) => url.trim()), secret: e.TURN_SECRET } : undefined,
    metricsToken: e.METRICS_TOKEN,
    monitor: { intervalMs: e.MONITOR_INTERVAL_SECONDS * 1000, degradedIncidentMs: e.DEGRADED_INCIDENT_SECONDS * 1000 },
    checks: { requiredKbps: e.CHECK_REQUIRED_KBPS, validMs: e.CHECK_VALID_HOURS * 3_600_000 },
    logLevel: e.LOG_LEVEL,
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
