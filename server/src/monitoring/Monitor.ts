import { EventEmitter } from 'node:events';
import { Gauge, type Registry } from 'prom-client';
import { alarmsOf, type AlarmCode, type AlarmEvent, type MonitorSample, type SiteSample, type WorkerSample } from '@diemcau/shared';
import type { IncidentLog } from '../incidents/IncidentLog';
import type { Logger } from '../logger';
import type { Bridge } from '../media/Bridge';
import type { Room } from '../media/Room';
import type { WorkerPool } from '../media/WorkerPool';
import type { MeetingRepository } from '../meetings/MeetingRepository';
import { summaryOf } from '../sites/SiteDirectory';
import { sampleRoom } from './sampleRoom';
import { bridgeTotals, cpuPercent, type CpuReading } from './workerLoad';

export interface MonitorOptions {
  intervalMs: number;
  /** A site degraded past a critical threshold this long gets an incident (Art. 7.1.d). */
  degradedIncidentMs: number;
}

const TIMELINE_LENGTH = 200;
/** Per-site gauges in Prometheus' base units (bytes, seconds, ratios), whatever the screen shows. */
const SITE_GAUGES = {
  online: 'whether the site has a kiosk in the meeting (1) or not (0)',
  receive_bytes_per_second: 'what the bridge receives from the site',
  send_bytes_per_second: 'what the bridge sends to the site',
  packet_loss_ratio: 'packet loss of what the site sends, 0-1',
  jitter_seconds: 'jitter of what the site sends',
  rtt_seconds: 'round trip between bridge and site',
  score: "mediasoup's 0-10 quality score of what the site sends",
  audio_level: 'audio level of the site, 0-1',
} as const;

const gaugeValue: Record<keyof typeof SITE_GAUGES, (sample: SiteSample) => number> = {
  online: (sample) => (sample.online ? 1 : 0),
  receive_bytes_per_second: (sample) => (sample.bitrateInKbps * 1000) / 8,
  send_bytes_per_second: (sample) => (sample.bitrateOutKbps * 1000) / 8,
  packet_loss_ratio: (sample) => sample.packetLossPct / 100,
  jitter_seconds: (sample) => sample.jitterMs / 1000,
  rtt_seconds: (sample) => sample.rttMs / 1000,
  score: (sample) => sample.score,
  audio_level: (sample) => sample.audioLevel,
};

/**
 * Samples every live meeting's sites at the bridge (Art. 7.1.a, 13), raises
 * and clears alarms on the documented thresholds, opens an incident for a site
 * that stays critically degraded, and exposes the same figures to Prometheus.
 */
export class Monitor extends EventEmitter<{ sample: [MonitorSample]; alarm: [AlarmEvent] }> {
  private readonly gauges: Record<keyof typeof SITE_GAUGES, Gauge>;
  private readonly levels = new WeakMap<Room, Map<string, number>>();
  private readonly raised = new Map<string, AlarmEvent>();
  private readonly criticalSince = new Map<string, Date>();
  private readonly degradedOpen = new Set<string>();
  private readonly cpuReadings = new Map<number, CpuReading>();
  private timer: ReturnType<typeof setInterval> | undefined;
  latest: MonitorSample | undefined;
  readonly timeline: AlarmEvent[] = [];

  constructor(
    private readonly bridge: Bridge,
    private readonly pool: WorkerPool,
    private readonly meetings: MeetingRepository,
    private readonly incidents: IncidentLog,
    private readonly now: () => Date,
    private readonly options: MonitorOptions,
    private readonly logger: Logger,
    registry: Registry,
  ) {
    super();
    this.setMaxListeners(0);
    this.gauges = Object.fromEntries(
      Object.entries(SITE_GAUGES).map(([name, help]) => [
        name,
        new Gauge({ name: `diemcau_site_${name}`, help, labelNames: ['meeting', 'site'], registers: [registry] }),
      ]),
    ) as Record<keyof typeof SITE_GAUGES, Gauge>;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.sample().catch((error: unknown) => this.logger.warn({ err: error }, 'monitoring sample failed'));
    }, this.options.intervalMs);
  }

  close(): void {
    clearInterval(this.timer);
  }

  async sample(): Promise<MonitorSample> {
    const at = this.now();
    const openRooms = this.bridge.openRooms();
    const rooms = openRooms.filter((room) => room.purpose === 'meeting');
    const workers = await this.sampleWorkers();
    const meetings = await Promise.all(
      rooms.map(async (room) => {
        const [meeting, sites] = await Promise.all([this.meetings.byId(room.meetingId), this.meetings.sitesOf(room.meetingId)]);
        const samples = await sampleRoom(room, sites.map(summaryOf), this.levelsOf(room));
        await this.judge(room.meetingId, samples, new Map(sites.map((site) => [site.code, site.id])), at);
        return { meetingId: room.meetingId, title: meeting?.title ?? '', sites: samples };
      }),
    );
    for (const gauge of Object.values(this.gauges)) gauge.reset();
    for (const meeting of meetings) {
      for (const site of meeting.sites) {
        for (const [name, gauge] of Object.entries(this.gauges)) {
          gauge.set({ meeting: meeting.meetingId, site: site.siteCode }, gaugeValue[name as keyof typeof SITE_GAUGES](site));
        }
      }
    }
    this.latest = { at: at.toISOString(), workers, totals: bridgeTotals(openRooms), meetings };
    this.emit('sample', this.latest);
    return this.latest;
  }

  /** Each live worker's CPU share since the previous sample, and its peak memory. */
  private async sampleWorkers(): Promise<WorkerSample[]> {
    const live = this.pool.workers();
    const samples = await Promise.all(
      live.map(async (worker) => {
        const usage = await worker.worker.getResourceUsage();
        const reading = { cpuMs: usage.ru_utime + usage.ru_stime, atMs: performance.now() };
        const sample = { pid: worker.pid, cpuPercent: cpuPercent(this.cpuReadings.get(worker.pid), reading), maxRssBytes: usage.ru_maxrss * 1024 };
        this.cpuReadings.set(worker.pid, reading);
        return sample;
      }),
    );
    // Dead workers are forgotten, so a reused pid starts afresh.
    const pids = new Set(live.map((worker) => worker.pid));
    for (const pid of this.cpuReadings.keys()) if (!pids.has(pid)) this.cpuReadings.delete(pid);
    return samples;
  }

  private levelsOf(room: Room): Map<string, number> {
    let levels = this.levels.get(room);
    if (!levels) {
      const current = new Map<string, number>();
      room.on('audioLevels', (next) => {
        current.clear();
        for (const [site, level] of next) current.set(site, level);
      });
      this.levels.set(room, current);
      levels = current;
    }
    return levels;
  }

  /** Raises and clears alarms, and opens or closes the incident of a site that stays critical. */
  private async judge(meetingId: string, samples: SiteSample[], siteIds: Map<string, number>, at: Date): Promise<void> {
    for (const sample of samples) {
      const now = alarmsOf(sample);
      for (const code of ['offline', 'packet-loss', 'jitter', 'rtt', 'low-score'] as AlarmCode[]) {
        const key = `${meetingId}/${sample.siteCode}/${code}`;
        const alarm = now.get(code);
        const previous = this.raised.get(key);
        if (alarm && (!previous || previous.level !== alarm.level)) {
          this.record(key, { at: at.toISOString(), meetingId, siteCode: sample.siteCode, code, level: alarm.level, raised: true, value: alarm.value });
        } else if (!alarm && previous) {
          this.record(key, { ...previous, at: at.toISOString(), raised: false });
        }
      }
      // Dropping out is the dropout watch's incident; degradation of a connected site is this one's.
      const siteKey = `${meetingId}/${sample.siteCode}`;
      const critical = sample.online && [...now.values()].some((alarm) => alarm.level === 'critical');
      const siteId = siteIds.get(sample.siteCode);
      if (critical) {
        if (!this.criticalSince.has(siteKey)) this.criticalSince.set(siteKey, at);
        const since = this.criticalSince.get(siteKey)!;
        if (siteId && !this.degradedOpen.has(siteKey) && at.getTime() - since.getTime() >= this.options.degradedIncidentMs) {
          this.degradedOpen.add(siteKey);
          await this.incidents.openAutomatic('degraded', siteId, meetingId, since);
        }
      } else {
        this.criticalSince.delete(siteKey);
        if (siteId && this.degradedOpen.delete(siteKey)) await this.incidents.closeAutomatic('degraded', siteId, 'recovered');
      }
    }
  }

  /** A second PC took a room's link: the bridge technicians hear of it, since the room may have two screens fighting. */
  kioskReplaced(siteCode: string, meetingId: string | undefined): void {
    this.announce({ at: this.now().toISOString(), meetingId: meetingId ?? '', siteCode, code: 'replaced', level: 'warning', raised: true, value: null });
  }

  private record(key: string, event: AlarmEvent): void {
    if (event.raised) this.raised.set(key, event);
    else this.raised.delete(key);
    this.announce(event);
  }

  private announce(event: AlarmEvent): void {
    this.timeline.push(event);
    if (this.timeline.length > TIMELINE_LENGTH) this.timeline.shift();
    this.emit('alarm', event);
  }
}
