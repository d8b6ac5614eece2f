import { z } from 'zod';

/*
 * What technicians measure and record (Art. 6.4, 7.1.a and d, 7.2.b–c, 8.2):
 * pre-session checks with their thresholds, and incidents.
 */

export const Verdict = z.enum(['pass', 'warn', 'fail', 'skipped']);
export type Verdict = z.infer<typeof Verdict>;

const Ms = z.number().min(0).max(60_000);

/** How the check's media reached the bridge: directly (UDP, ICE-TCP) or through the TURN relay, by its transport. */
export const MediaPath = z.enum(['udp', 'tcp', 'turn-udp', 'turn-tcp', 'turn-tls']);
export type MediaPath = z.infer<typeof MediaPath>;

/** What the browser measured; the bridge judges it again with the same thresholds. */
export const CheckMeasurements = z
  .object({
    signaling: z.object({ rttMs: Ms }).strict(),
    ice: z
      .object({
        udp: z.object({ connected: z.boolean() }).strict(),
        tcp: z.object({ connected: z.boolean() }).strict(),
        /** null when no TURN relay is configured. */
        turn: z.object({ connected: z.boolean() }).strict().nullable(),
      })
      .strict(),
    loopback: z
      .object({
        rttMs: Ms,
        packetLossPct: z.number().min(0).max(100),
        jitterMs: Ms,
        bitrateKbps: z.number().min(0).max(100_000),
        requiredKbps: z.number().min(1).max(100_000),
        /** Absent in checks stored before the path was recorded. */
        path: MediaPath.optional(),
      })
      .strict()
      .nullable(),
    camera: z
      .object({
        width: z.number().int().min(0).max(10_000),
        height: z.number().int().min(0).max(10_000),
        fps: z.number().min(0).max(240),
        black: z.boolean(),
        frozen: z.boolean(),
      })
      .strict()
      .nullable(),
    microphone: z
      .object({ peakDbfs: z.number().min(-200).max(0), clippingPct: z.number().min(0).max(100) })
      .strict()
      .nullable(),
    /** The technician's answer after the test tone; null when not asked. */
    speaker: z.object({ heard: z.boolean() }).strict().nullable(),
  })
  .strict();
export type CheckMeasurements = z.infer<typeof CheckMeasurements>;

export const CheckItemName = z.enum([
  'signaling',
  'ice-udp',
  'ice-tcp',
  'ice-turn',
  'loopback-rtt',
  'loopback-loss',
  'loopback-jitter',
  'loopback-bitrate',
  'media-path',
  'camera',
  'microphone',
  'speaker',
]);
export type CheckItemName = z.infer<typeof CheckItemName>;

export const CheckItem = z.object({ item: CheckItemName, verdict: Verdict, measured: z.string(), threshold: z.string() });
export type CheckItem = z.infer<typeof CheckItem>;

export const CheckSubmission = z.object({ meetingId: z.string().min(1).max(40).nullable().default(null), measurements: CheckMeasurements }).strict();

export const CheckView = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  meetingId: z.string().nullable(),
  runBy: z.string().nullable(),
  runAt: z.iso.datetime(),
  verdict: Verdict,
  items: z.array(CheckItem),
});
export type CheckView = z.infer<typeof CheckView>;

/** The documented thresholds: at or under `pass` passes, at or under `warn` warns, above fails. */
const checkThresholds = {
  signalingRttMs: { pass: 150, warn: 400 },
  loopbackRttMs: { pass: 100, warn: 250 },
  packetLossPct: { pass: 1, warn: 3 },
  jitterMs: { pass: 20, warn: 50 },
  /** Share of the bitrate the meeting needs that the loopback achieved. */
  bitrateShare: { pass: 1, warn: 0.7 },
  camera: { passWidth: 1280, passHeight: 720, warnWidth: 640, warnHeight: 360, passFps: 20, warnFps: 10 },
  /** Peak level below this means the microphone hears nothing. */
  microphoneSilentDbfs: -50,
  /** Share of clipped samples above which speech distorts. */
  clippingPct: 1,
} as const;

const rank: Record<Verdict, number> = { skipped: 0, pass: 1, warn: 2, fail: 3 };

function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, verdict) => (rank[verdict] > rank[worst] ? verdict : worst), 'pass');
}

function atMost(value: number, limits: { pass: number; warn: number }): Verdict {
  if (value <= limits.pass) return 'pass';
  return value <= limits.warn ? 'warn' : 'fail';
}

const MEDIA_PATH_TEXT: Record<MediaPath, string> = { udp: 'UDP', tcp: 'TCP', 'turn-udp': 'TURN/UDP', 'turn-tcp': 'TURN/TCP', 'turn-tls': 'TURN/TLS' };

/** Each item against its threshold, and the check's verdict: the worst item's. */
export function judgeCheck(m: CheckMeasurements): { verdict: Verdict; items: CheckItem[] } {
  const t = checkThresholds;
  const items: CheckItem[] = [
    {
      item: 'signaling',
      verdict: atMost(m.signaling.rttMs, t.signalingRttMs),
      measured: `${Math.round(m.signaling.rttMs)} ms`,
      threshold: `≤ ${t.signalingRttMs.pass} ms`,
    },
    // Media over UDP is what a meeting needs; TCP is the fallback through strict firewalls.
    { item: 'ice-udp', verdict: m.ice.udp.connected ? 'pass' : 'fail', measured: m.ice.udp.connected ? 'connected' : 'no connection', threshold: 'connected' },
    { item: 'ice-tcp', verdict: m.ice.tcp.connected ? 'pass' : 'warn', measured: m.ice.tcp.connected ? 'connected' : 'no connection', threshold: 'connected' },
    m.ice.turn === null
      ? { item: 'ice-turn', verdict: 'skipped', measured: 'no relay configured', threshold: 'connected' }
      : {
          item: 'ice-turn',
          verdict: m.ice.turn.connected ? 'pass' : 'warn',
          measured: m.ice.turn.connected ? 'connected' : 'no connection',
          threshold: 'connected',
        },
  ];
  if (m.loopback === null) {
    items.push({ item: 'loopback-rtt', verdict: 'fail', measured: 'no media through the bridge', threshold: `≤ ${t.loopbackRttMs.pass} ms` });
  } else {
    const share = m.loopback.bitrateKbps / m.loopback.requiredKbps;
    items.push(
      {
        item: 'loopback-rtt',
        verdict: atMost(m.loopback.rttMs, t.loopbackRttMs),
        measured: `${Math.round(m.loopback.rttMs)} ms`,
        threshold: `≤ ${t.loopbackRttMs.pass} ms`,
      },
      {
        item: 'loopback-loss',
        verdict: atMost(m.loopback.packetLossPct, t.packetLossPct),
        measured: `${m.loopback.packetLossPct.toFixed(1)} %`,
        threshold: `≤ ${t.packetLossPct.pass} %`,
      },
      {
        item: 'loopback-jitter',
        verdict: atMost(m.loopback.jitterMs, t.jitterMs),
        measured: `${Math.round(m.loopback.jitterMs)} ms`,
        threshold: `≤ ${t.jitterMs.pass} ms`,
      },
      {
        item: 'loopback-bitrate',
        verdict: share >= t.bitrateShare.pass ? 'pass' : share >= t.bitrateShare.warn ? 'warn' : 'fail',
        measured: `${Math.round(m.loopback.bitrateKbps)} kbit/s`,
        threshold: `≥ ${Math.round(m.loopback.requiredKbps)} kbit/s`,
      },
    );
    // A meeting works over the fallbacks, but each costs delay: the technician should know which one the room needs.
    if (m.loopback.path) {
      items.push({
        item: 'media-path',
        verdict: m.loopback.path === 'udp' ? 'pass' : 'warn',
        measured: MEDIA_PATH_TEXT[m.loopback.path],
        threshold: MEDIA_PATH_TEXT.udp,
      });
    }
  }
  if (m.camera === null) {
    items.push({ item: 'camera', verdict: 'fail', measured: 'no camera', threshold: `${t.camera.passWidth}×${t.camera.passHeight}, ${t.camera.passFps} fps` });
  } else {
    const c = m.camera;
    const size =
      c.width >= t.camera.passWidth && c.height >= t.camera.passHeight
        ? 'pass'
        : c.width >= t.camera.warnWidth && c.height >= t.camera.warnHeight
          ? 'warn'
          : 'fail';
    const rate = c.fps >= t.camera.passFps ? 'pass' : c.fps >= t.camera.warnFps ? 'warn' : 'fail';
    items.push({
      item: 'camera',
      verdict: c.black || c.frozen ? 'fail' : worstVerdict([size, rate]),
      measured: `${c.width}×${c.height}, ${Math.round(c.fps)} fps${c.black ? ', black' : ''}${c.frozen ? ', frozen' : ''}`,
      threshold: `${t.camera.passWidth}×${t.camera.passHeight}, ${t.camera.passFps} fps, moving picture`,
    });
  }
  if (m.microphone === null) {
    items.push({ item: 'microphone', verdict: 'fail', measured: 'no microphone', threshold: `peak > ${t.microphoneSilentDbfs} dBFS` });
  } else {
    const silent = m.microphone.peakDbfs <= t.microphoneSilentDbfs;
    const clipping = m.microphone.clippingPct > t.clippingPct;
    items.push({
      item: 'microphone',
      verdict: silent || clipping ? 'warn' : 'pass',
      measured: `peak ${Math.round(m.microphone.peakDbfs)} dBFS, ${m.microphone.clippingPct.toFixed(1)} % clipped`,
      threshold: `peak > ${t.microphoneSilentDbfs} dBFS, ≤ ${t.clippingPct} % clipped`,
    });
  }
  items.push(
    m.speaker === null
      ? { item: 'speaker', verdict: 'warn', measured: 'not confirmed', threshold: 'tone heard' }
      : { item: 'speaker', verdict: m.speaker.heard ? 'pass' : 'fail', measured: m.speaker.heard ? 'heard' : 'not heard', threshold: 'tone heard' },
  );
  return { verdict: worstVerdict(items.map((item) => item.verdict)), items };
}

export const IncidentType = z.enum(['transmission', 'audio', 'video', 'power', 'equipment', 'other']);
export type IncidentType = z.infer<typeof IncidentType>;

export const IncidentInput = z
  .object({
    siteId: z.number().int().positive(),
    meetingId: z.string().min(1).max(40).nullable().default(null),
    type: IncidentType,
    summary: z.string().trim().min(3).max(1000),
  })
  .strict();

export const IncidentUpdate = z
  .object({
    type: IncidentType.optional(),
    handledBy: z.string().trim().max(200).optional(),
    actions: z.string().trim().max(4000).optional(),
    resolution: z.string().trim().max(4000).optional(),
  })
  .strict();

/** What opened an automatic incident: the dropout watch (a room's kiosk gone) or the monitor (a line critically degraded). */
export const IncidentCause = z.enum(['dropout', 'degraded']);
export type IncidentCause = z.infer<typeof IncidentCause>;

/** Why an automatic incident closed by itself: the screens say it in the user's language. */
export const IncidentClosing = z.enum(['reconnected', 'recovered', 'meeting-ended']);
export type IncidentClosing = z.infer<typeof IncidentClosing>;

export const IncidentView = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  meetingId: z.string().nullable(),
  type: IncidentType,
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  openedBy: z.string(),
  automatic: z.boolean(),
  /** Set on automatic incidents; their summary is then empty and the screens name the cause. */
  cause: IncidentCause.nullable(),
  /** Set when an automatic incident closed by itself. */
  closedBecause: IncidentClosing.nullable(),
  summary: z.string(),
  handledBy: z.string(),
  actions: z.string(),
  resolution: z.string(),
  downtimeSeconds: z.number().int().nullable(),
});
export type IncidentView = z.infer<typeof IncidentView>;
