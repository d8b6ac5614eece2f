/*
 * The soak's figures and its verdict, as plain functions: a sample is what the
 * bridge holds at one moment, taken in the reference state (every room back in,
 * the reference view, the reference mutes), so that two samples compare. A leak
 * is a figure that grows between the sample after warm-up and the last one by
 * more than its tolerance.
 */

export interface SoakSample {
  /** When, in minutes since the loop started. */
  minute: number;
  /** Cycles of joins, leaves, mutes and layout changes done so far. */
  cycles: number;
  /** Whether the counts held still and every room saw its whole view before the sample was taken. */
  settled: boolean;
  nodeRssMB: number;
  nodeHeapUsedMB: number;
  workersRssMB: number;
  workers: number;
  /** The peers' own media: WebRTC transports, and what they produce and consume. */
  transports: number;
  producers: number;
  consumers: number;
  /**
   * Streams piped between the routers of the meeting's room on different workers.
   * A pipe lives as long as the stream it carries and is shared by every consumer
   * on the other router, so these follow where the rooms happened to land, not the
   * view: judged against their bound, not the warmed-up value.
   */
  pipeProducers: number;
  /**
   * The same streams as the rooms count them: the distinct sites whose audio, and whose video, each room
   * receives (so a stream consumed twice by one room shows as the bridge's consumers exceeding these).
   */
  roomsReceive: { audio: number; video: number };
  /** The same per worker: where the rooms landed, for the report (rooms move between workers as they rejoin). */
  perWorker: Array<{ pid: number; rssMB: number; transports: number; producers: number; consumers: number; pipeProducers: number }>;
  /** process.getActiveResourcesInfo().length in the bridge: sockets, timers, handles. */
  activeResources: number;
  /** Rows per table of the bridge's store. */
  rows: Record<string, number>;
}

/** The figures compared for a leak, and how much each may grow after warm-up. */
export type Figure = Exclude<keyof SoakSample, 'minute' | 'cycles' | 'settled' | 'rows' | 'workers' | 'pipeProducers' | 'roomsReceive' | 'perWorker'>;

export interface Tolerance {
  /** Growth allowed in the figure's unit… */
  absolute: number;
  /** …or as a share of the warmed-up value, whichever is larger. */
  relative: number;
  why: string;
}

export const TOLERANCES: Record<Figure, Tolerance> = {
  nodeHeapUsedMB: {
    absolute: 10,
    relative: 0.1,
    why: 'read after a full collection: what is still referenced; 10 MB covers caches that fill to their bound (histograms, compiled code)',
  },
  nodeRssMB: {
    absolute: 40,
    relative: 0.25,
    why: "the allocator keeps freed pages for a while; a leak shows in the heap first, RSS is the system's view",
  },
  workersRssMB: {
    absolute: 30,
    relative: 0.25,
    why: "the workers' allocators keep freed buffers; a leak of transports or consumers shows in the counts exactly",
  },
  transports: { absolute: 0, relative: 0, why: 'the same rooms in the same view hold the same transports' },
  producers: { absolute: 0, relative: 0, why: 'each room publishes one camera and one microphone, whatever it went through' },
  consumers: { absolute: 0, relative: 0, why: 'the same view and mutes give every room the same streams' },
  activeResources: {
    absolute: 5,
    relative: 0.1,
    why: 'sockets and timers of the same rooms; a few in flight (DNS-less connects, pending writes) at the instant of sampling',
  },
};

/**
 * Tables that grow by design with what the soak does, reported per cycle rather
 * than judged: the audit log (every chair action, Art. 14; its chain's head,
 * `audit_chain`, is one row and is judged), attendance (each room's arrivals and
 * departures), sessions (the console logs in again before its access token
 * expires), incidents (a room that leaves may open a dropout).
 */
export const GROWING_TABLES: readonly string[] = ['audit_log', 'attendance', 'refresh_tokens', 'incidents'];

export interface Verdict {
  figure: string;
  warmedUp: number;
  end: number;
  allowed: number;
  ok: boolean;
}

/** The sample growth is measured from: the first one taken at or after the warm-up, or the first one. */
export function baselineOf(samples: readonly SoakSample[], warmUpMinutes: number): SoakSample {
  if (samples.length === 0) throw new Error('no samples');
  return samples.slice(0, -1).find((sample) => sample.minute >= warmUpMinutes) ?? samples[0]!;
}

/** Each figure, and each table not known to grow, from the warmed-up sample to the last: within its tolerance or not. */
export function verdicts(samples: readonly SoakSample[], warmUpMinutes: number): Verdict[] {
  const base = baselineOf(samples, warmUpMinutes);
  const end = samples[samples.length - 1]!;
  const figures = (Object.keys(TOLERANCES) as Figure[]).map((figure) => {
    const { absolute, relative } = TOLERANCES[figure];
    const allowed = base[figure] + Math.max(absolute, relative * base[figure]);
    return { figure, warmedUp: base[figure], end: end[figure], allowed, ok: end[figure] <= allowed };
  });
  const tables = Object.keys(end.rows)
    .filter((table) => !GROWING_TABLES.includes(table))
    .map((table) => {
      const warmedUp = base.rows[table] ?? 0;
      return { figure: `rows ${table}`, warmedUp, end: end.rows[table]!, allowed: warmedUp, ok: end.rows[table]! <= warmedUp };
    });
  // Each stream at most once into each other router of the room.
  const pipeBound = end.producers * (end.workers - 1);
  const pipes = {
    figure: 'pipeProducers (≤ producers × (workers − 1))',
    warmedUp: base.pipeProducers,
    end: end.pipeProducers,
    allowed: pipeBound,
    ok: end.pipeProducers <= pipeBound,
  };
  // A consumer the rooms do not count as a stream of their own is one stream sent twice to a room, or one left behind.
  const excess = (taken: SoakSample) => taken.consumers - taken.roomsReceive.audio - taken.roomsReceive.video;
  const unaccounted = { figure: 'consumers beyond what the rooms receive', warmedUp: excess(base), end: excess(end), allowed: 0, ok: excess(end) <= 0 };
  return [...figures, pipes, unaccounted, ...tables];
}

/** Rows added per cycle, from the first sample to the last, of the tables that grow by design. */
export function growthPerCycle(samples: readonly SoakSample[]): Record<string, number | null> {
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const cycles = last.cycles - first.cycles;
  return Object.fromEntries(
    GROWING_TABLES.filter((table) => table in last.rows).map((table) => [
      table,
      cycles === 0 ? null : ((last.rows[table] ?? 0) - (first.rows[table] ?? 0)) / cycles,
    ]),
  );
}

/** One row per sample for the printed table: the figures, then the rows of every table. */
export function sampleRows(samples: readonly SoakSample[]): Array<Record<string, number | string>> {
  return samples.map(({ rows, perWorker, settled, roomsReceive, ...figures }) => ({
    ...figures,
    settled: settled ? 'yes' : 'NO',
    'rooms receive (audio + video)': `${roomsReceive.audio} + ${roomsReceive.video}`,
    'consumers per worker': perWorker.map((worker) => worker.consumers).join(' / '),
    'rows (all tables)': Object.values(rows).reduce((sum, count) => sum + count, 0),
    ...Object.fromEntries(GROWING_TABLES.filter((table) => table in rows).map((table) => [table, rows[table]!])),
  }));
}
