import { z } from 'zod';
import { SiteCode } from './sites';

/*
 * Live monitoring for the bridge technicians (Art. 7.1.a and d, 13): what each
 * site sends and receives, sampled at the bridge, and the alarms raised when a
 * figure crosses its threshold.
 */

export const SiteSample = z.object({
  siteCode: SiteCode,
  name: z.string(),
  online: z.boolean(),
  /** ICE state of the site's transports at the bridge: connected, disconnected, failed… or absent. */
  connection: z.string(),
  /** What the bridge receives from the site, and sends to it. */
  bitrateInKbps: z.number(),
  bitrateOutKbps: z.number(),
  packetLossPct: z.number(),
  jitterMs: z.number(),
  rttMs: z.number(),
  /** mediasoup's 0–10 quality score of what the site sends. */
  score: z.number(),
  audioLevel: z.number(),
  /** Highest simulcast layer the site currently receives (0 low … 2 high), null when it receives no video. */
  receivedLayer: z.number().int().min(0).max(2).nullable(),
  /**
   * The bridge holds back some frames of a picture it sends the site (the layer's temporal layers: the picture
   * keeps its size and moves less smoothly), which it does rather than drop a size when the site's line is short.
   */
  receivedFewerFrames: z.boolean(),
});
export type SiteSample = z.infer<typeof SiteSample>;

/** `replaced`: a second PC opened a room's link and took its place (an event, never cleared). */
export const AlarmCode = z.enum(['offline', 'packet-loss', 'jitter', 'rtt', 'low-score', 'replaced']);
export type AlarmCode = z.infer<typeof AlarmCode>;

export const AlarmLevel = z.enum(['warning', 'critical']);
export type AlarmLevel = z.infer<typeof AlarmLevel>;

/** One SFU worker process: its share of a core since the previous sample, and its peak memory. */
export const WorkerSample = z.object({ pid: z.number().int(), cpuPercent: z.number(), maxRssBytes: z.number() });
export type WorkerSample = z.infer<typeof WorkerSample>;

/** What the whole bridge carries now. */
export const BridgeTotals = z.object({
  rooms: z.number().int(),
  peers: z.number().int(),
  transports: z.number().int(),
  producers: z.number().int(),
  consumers: z.number().int(),
});
export type BridgeTotals = z.infer<typeof BridgeTotals>;

export const MonitorSample = z.object({
  at: z.iso.datetime(),
  workers: z.array(WorkerSample),
  totals: BridgeTotals,
  meetings: z.array(z.object({ meetingId: z.string(), title: z.string(), sites: z.array(SiteSample) })),
});
export type MonitorSample = z.infer<typeof MonitorSample>;

/** An alarm raised or cleared; the monitoring page keeps them on a timeline and sounds the raised ones. */
export const AlarmEvent = z.object({
  at: z.iso.datetime(),
  meetingId: z.string(),
  siteCode: SiteCode,
  code: AlarmCode,
  level: AlarmLevel,
  raised: z.boolean(),
  value: z.number().nullable(),
});
export type AlarmEvent = z.infer<typeof AlarmEvent>;

/** The documented alarm thresholds: above `warning` warns, above `critical` is critical (score: below). */
export const alarmThresholds = {
  packetLossPct: { warning: 1, critical: 3 },
  jitterMs: { warning: 30, critical: 50 },
  rttMs: { warning: 200, critical: 400 },
  score: { warning: 6, critical: 3 },
  /** An SFU worker is one thread: past this share of its core, media starts to queue. */
  workerCpuPercent: { warning: 70, critical: 85 },
} as const;

/** Which alarms a sample of one site raises now. */
export function alarmsOf(sample: SiteSample): Map<AlarmCode, { level: AlarmLevel; value: number | null }> {
  const alarms = new Map<AlarmCode, { level: AlarmLevel; value: number | null }>();
  if (!sample.online) {
    alarms.set('offline', { level: 'critical', value: null });
    return alarms;
  }
  const t = alarmThresholds;
  const above = (code: AlarmCode, value: number, limits: { warning: number; critical: number }) => {
    if (value > limits.critical) alarms.set(code, { level: 'critical', value });
    else if (value > limits.warning) alarms.set(code, { level: 'warning', value });
  };
  above('packet-loss', sample.packetLossPct, t.packetLossPct);
  above('jitter', sample.jitterMs, t.jitterMs);
  above('rtt', sample.rttMs, t.rttMs);
  if (sample.score < t.score.critical) alarms.set('low-score', { level: 'critical', value: sample.score });
  else if (sample.score < t.score.warning) alarms.set('low-score', { level: 'warning', value: sample.score });
  return alarms;
}
