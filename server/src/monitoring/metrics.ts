import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ErrorCode, KioskReport } from '@diemcau/shared';
import type { Bridge } from '../media/Bridge';
import type { TlsInfo } from '../tls/TlsIdentity';
import type { Room } from '../media/Room';
import type { WorkerPool } from '../media/WorkerPool';
import type { RequestObserver } from '../signaling/requests';
import type { Database } from '../store/database';
import type { QueryObserver } from '../store/queryTiming';

/** Signaling answers in milliseconds; a few seconds is already a stuck request. */
const REQUEST_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Joining media takes seconds (ICE, DTLS, the first consumers); a minute is a failure. */
const MEDIA_READY_BUCKETS = [0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60];
/** The layout target is 300 ms at every kiosk. */
const LAYOUT_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Refusals an operator should see: a room changing what is locked, a role going beyond its rights. */
const REFUSALS: readonly ErrorCode[] = ['config-locked', 'forbidden'];

/** A connection check's room is named after its socket: all of them are one label value. */
const meetingLabel = (room: Pick<Room, 'meetingId' | 'purpose'>) => (room.purpose === 'check' ? 'check' : room.meetingId);

/** CPU time and peak memory of each live worker, read from the worker itself. */
const workerUsages = (pool: WorkerPool) =>
  Promise.all(pool.workers().map(async (worker) => ({ pid: String(worker.pid), usage: await worker.worker.getResourceUsage() })));

export interface MetricsSources {
  pool: WorkerPool;
  bridge: Bridge;
  db: Database;
}

/**
 * Everything the bridge exposes to Prometheus on /metrics: the Node process,
 * the SFU workers and what they carry, signaling, the kiosks' own reports, the
 * store, and the register. Labels are bounded: request names and error codes
 * come from the shared protocol, sites from the province's directory, meetings
 * from the few live ones; nothing a client types becomes a label.
 */
export class Metrics implements RequestObserver, QueryObserver {
  readonly registry = new Registry();
  private readonly requests: Counter<'request'>;
  private readonly requestErrors: Counter<'request' | 'code'>;
  private readonly requestDuration: Histogram<'request'>;
  private readonly refused: Counter<'code'>;
  private readonly joins: Counter<'site'>;
  private readonly rejoins: Counter<'site'>;
  private readonly drops: Counter<'site'>;
  private readonly layoutPushes: Counter;
  private readonly mediaReady: Histogram;
  private readonly layoutApplied: Histogram;
  private readonly queryDuration: Histogram<'operation'>;
  /** `meeting/site` pairs that have joined since the start: a second join is a rejoin. */
  private readonly joined = new Set<string>();

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    // Gauges named like counters break `promtool check metrics`; the same counts stay, by type, in nodejs_active_handles etc.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(name);
    this.requests = new Counter({
      name: 'diemcau_signaling_requests_total',
      help: 'signaling requests answered, by request name',
      labelNames: ['request'],
      registers,
    });
    this.requestErrors = new Counter({
      name: 'diemcau_signaling_request_errors_total',
      help: 'signaling requests answered with an error, by request name and error code',
      labelNames: ['request', 'code'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'diemcau_signaling_request_duration_seconds',
      help: 'time from a signaling request to its answer',
      labelNames: ['request'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.refused = new Counter({
      name: 'diemcau_refused_actions_total',
      help: 'actions refused because the configuration is locked in a live meeting or the role may not do them',
      labelNames: ['code'],
      registers,
    });
    this.joins = new Counter({
      name: 'diemcau_kiosk_joins_total',
      help: "kiosks joining a live meeting's media for the first time",
      labelNames: ['site'],
      registers,
    });
    this.rejoins = new Counter({ name: 'diemcau_kiosk_rejoins_total', help: "kiosks joining a live meeting's media again", labelNames: ['site'], registers });
    this.drops = new Counter({
      name: 'diemcau_kiosk_drops_total',
      help: 'kiosks that left a meeting while it was still live',
      labelNames: ['site'],
      registers,
    });
    this.layoutPushes = new Counter({ name: 'diemcau_layout_pushes_total', help: 'layout changes the chair pushed to the rooms', registers });
    this.mediaReady = new Histogram({
      name: 'diemcau_kiosk_media_ready_seconds',
      help: 'from a kiosk starting to join a meeting to its media being ready, as the kiosk reports it',
      buckets: MEDIA_READY_BUCKETS,
      registers,
    });
    this.layoutApplied = new Histogram({
      name: 'diemcau_kiosk_layout_apply_seconds',
      help: 'from a kiosk receiving a layout to showing it, as the kiosk reports it',
      buckets: LAYOUT_BUCKETS,
      registers,
    });
    this.queryDuration = new Histogram({
      name: 'diemcau_db_query_duration_seconds',
      help: 'database query duration, by kind of statement',
      labelNames: ['operation'],
      buckets: QUERY_BUCKETS,
      registers,
    });
    this.registerMediaGauges(sources.pool, sources.bridge);
    this.registerRegisterGauges(sources.db);
  }

  requestAnswered(name: string, seconds: number, errorCode: ErrorCode | undefined): void {
    this.requests.inc({ request: name });
    this.requestDuration.observe({ request: name }, seconds);
    if (errorCode) {
      this.requestErrors.inc({ request: name, code: errorCode });
      this.refusal(errorCode);
    }
  }

  /** Counts a refusal answered anywhere (signaling or HTTP), if it is one operators watch. */
  refusal(code: ErrorCode): void {
    if (REFUSALS.includes(code)) this.refused.inc({ code });
  }

  queryAnswered(operation: string, seconds: number): void {
    this.queryDuration.observe({ operation }, seconds);
  }

  kioskJoined(meetingId: string, siteCode: string): void {
    const key = `${meetingId}/${siteCode}`;
    (this.joined.has(key) ? this.rejoins : this.joins).inc({ site: siteCode });
    this.joined.add(key);
  }

  kioskDropped(siteCode: string): void {
    this.drops.inc({ site: siteCode });
  }

  layoutPushed(): void {
    this.layoutPushes.inc();
  }

  kioskReported(report: KioskReport): void {
    (report.kind === 'media-ready' ? this.mediaReady : this.layoutApplied).observe(report.ms / 1000);
  }

  /**
   * When the served certificate (and the bridge CA the room PCs trust) expire, read at each scrape. The
   * bridge renews its own certificate a month ahead; a province's own files are renewed by hand.
   */
  watchCertificates(tls: { readonly info: TlsInfo }): void {
    new Gauge({
      name: 'diemcau_tls_certificate_expiry_timestamp_seconds',
      help: 'when a certificate of the bridge expires, in Unix time: the one it serves (server) and its own CA (ca)',
      labelNames: ['certificate'],
      registers: [this.registry],
      collect() {
        const { validTo, caValidTo } = tls.info;
        this.reset();
        this.set({ certificate: 'server' }, validTo.getTime() / 1000);
        if (caValidTo) this.set({ certificate: 'ca' }, caValidTo.getTime() / 1000);
      },
    });
  }

  /** Read at each scrape: the workers' own usage, and what each room holds on each worker. */
  private registerMediaGauges(pool: WorkerPool, bridge: Bridge): void {
    const registers = [this.registry];
    new Counter({
      name: 'diemcau_worker_cpu_seconds_total',
      help: 'CPU time (user and system) of each SFU worker process',
      labelNames: ['pid'],
      registers,
      async collect() {
        const usages = await workerUsages(pool);
        this.reset();
        for (const { pid, usage } of usages) this.inc({ pid }, (usage.ru_utime + usage.ru_stime) / 1000);
      },
    });
    new Gauge({
      name: 'diemcau_worker_max_resident_memory_bytes',
      help: 'largest resident memory of each SFU worker process so far',
      labelNames: ['pid'],
      registers,
      async collect() {
        const usages = await workerUsages(pool);
        this.reset();
        for (const { pid, usage } of usages) this.set({ pid }, usage.ru_maxrss * 1024);
      },
    });
    new Gauge({
      name: 'diemcau_media_workers',
      help: 'live SFU worker processes',
      registers,
      collect() {
        this.set(pool.workers().length);
      },
    });
    const mediaGauge = (what: string, collect?: () => void) =>
      new Gauge({
        name: `diemcau_media_${what}`,
        help: `media ${what} on the bridge, by meeting and by worker`,
        labelNames: ['meeting', 'worker'],
        registers,
        ...(collect && { collect }),
      });
    // The rooms gauge, registered first so it is read first, collects for all five: they describe the same moment.
    const rooms: Gauge<'meeting' | 'worker'> = mediaGauge('rooms', () => {
      rooms.reset();
      for (const gauge of Object.values(held)) gauge.reset();
      for (const room of bridge.openRooms()) {
        const meeting = meetingLabel(room);
        for (const counts of room.mediaCounts()) {
          const labels = { meeting, worker: String(counts.workerPid) };
          rooms.inc(labels);
          for (const [what, gauge] of Object.entries(held)) gauge.inc(labels, counts[what as keyof typeof held]);
        }
      }
    });
    const held = { peers: mediaGauge('peers'), transports: mediaGauge('transports'), producers: mediaGauge('producers'), consumers: mediaGauge('consumers') };
  }

  /** Read at each scrape from the store: the register as the Office and the bridge see it. */
  private registerRegisterGauges(db: Database): void {
    const registers = [this.registry];
    /** A gauge of a table's rows counted by one of its columns, e.g. meetings by status. */
    const countedBy = (name: string, help: string, label: string, table: string, column: string) =>
      new Gauge({
        name,
        help,
        labelNames: [label],
        registers,
        async collect() {
          const rows: Array<Record<string, string | number>> = await db(table).select(column).count({ count: '*' }).groupBy(column);
          this.reset();
          for (const row of rows) this.set({ [label]: String(row[column]) }, Number(row.count));
        },
      });
    countedBy('diemcau_meetings', 'meetings in the register, by state', 'state', 'meetings', 'status');
    countedBy('diemcau_checks', 'pre-session checks recorded, by verdict', 'verdict', 'site_checks', 'verdict');
    new Gauge({
      name: 'diemcau_open_incidents',
      help: 'incidents not yet closed',
      registers,
      async collect() {
        const [row] = await db('incidents').whereNull('closed_at').count({ count: '*' });
        this.set(Number(row?.count ?? 0));
      },
    });
  }
}
