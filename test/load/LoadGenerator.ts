import { performance } from 'node:perf_hooks';
import { loadMedia, type PreparedMedia } from './mediaFiles';
import { SyntheticRoom, type RoomReport } from './SyntheticRoom';

/** How often the shared timer sends what has fallen due: below a video frame's 33 ms and an audio packet's 20 ms. */
const TICK_MS = 5;

export interface RoomLink {
  /** The token of the site's kiosk link. */
  token: string;
  /** For reports until the room has joined; the bridge's session state then names the site. */
  siteCode?: string;
}

export interface GeneratorOptions {
  /** The bridge's base URL, e.g. http://127.0.0.1:8080. */
  url: string;
  rooms: readonly RoomLink[];
  /** How many rooms read and measure what they receive, spread evenly over the joining order (all by default). */
  measuredRooms?: number;
  /** Rooms joining at the same time; the rest wait their turn, as kiosks switched on one after another. */
  joinConcurrency?: number;
  /**
   * How many simulcast layers each room sends, lowest first (3 by default, as a kiosk): fewer
   * make a large meeting cheaper to generate, and panes asking for a higher layer get the highest sent.
   */
  layers?: 1 | 2 | 3;
  mediaDir?: string;
}

/**
 * Synthetic rooms of one meeting, in this process: each joins with its kiosk
 * link and publishes and receives real media (see SyntheticRoom); one timer
 * paces every room's packets. `startGeneratorRooms` is the entry point for
 * benchmarks and browser tests alike.
 */
export class LoadGenerator {
  readonly rooms: SyntheticRoom[];
  private readonly timer: NodeJS.Timeout;
  /** The rooms' clock: what they record (first frames, views, sound heard) is on it. */
  readonly clock = () => performance.now();
  readonly failures: Array<{ siteCode: string; error: string }> = [];

  /** The joined rooms by site, so a receiver can read back when a packet was sent. */
  private readonly bySite = new Map<string, SyntheticRoom>();

  private constructor(
    private readonly options: GeneratorOptions,
    private readonly media: PreparedMedia,
  ) {
    this.rooms = options.rooms.map((_, index) => this.newRoom(index));
    this.timer = setInterval(() => {
      for (const room of this.rooms) room.tick();
    }, TICK_MS);
  }

  static async start(options: GeneratorOptions): Promise<LoadGenerator> {
    const media = loadMedia(options.mediaDir);
    const generator = new LoadGenerator(options, { ...media, layers: media.layers.slice(0, options.layers ?? media.layers.length) });
    await generator.joinAll(options.joinConcurrency ?? 4);
    return generator;
  }

  /** Joins every room, `concurrency` at a time; a room that fails is recorded and the rest go on. */
  private async joinAll(concurrency: number): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < this.rooms.length) {
        const room = this.rooms[next++]!;
        await room.start().then(
          () => this.bySite.set(room.siteCode, room),
          (error: Error) => this.failures.push({ siteCode: room.siteCode, error: error.message }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  }

  /**
   * The room at `index` leaves (its socket and both connections close) and joins
   * again as a new room with the same kiosk link, as a kiosk PC restarting.
   */
  async restartRoom(index: number): Promise<void> {
    const leaving = this.rooms[index]!;
    leaving.close();
    if (this.bySite.get(leaving.siteCode) === leaving) this.bySite.delete(leaving.siteCode);
    const room = this.newRoom(index);
    this.rooms[index] = room;
    await room.start();
    this.bySite.set(room.siteCode, room);
  }

  private newRoom(index: number): SyntheticRoom {
    const { rooms, measuredRooms, url } = this.options;
    const link = rooms[index]!;
    const every = rooms.length / Math.max(1, Math.min(measuredRooms ?? rooms.length, rooms.length));
    return new SyntheticRoom(
      link.siteCode ?? `room-${index + 1}`,
      url,
      link.token,
      this.media,
      this.clock,
      (siteCode, kind, timestamp) => this.bySite.get(siteCode)?.sentTime(kind, timestamp),
      Math.floor(index / every) !== Math.floor((index - 1) / every),
    );
  }

  /** The rooms that joined, in joining order. */
  joined(): SyntheticRoom[] {
    return [...this.bySite.values()];
  }

  reports(): RoomReport[] {
    return this.rooms.map((room) => room.report());
  }

  close(): void {
    clearInterval(this.timer);
    for (const room of this.rooms) room.close();
  }
}

export const startGeneratorRooms = (...args: Parameters<typeof LoadGenerator.start>) => LoadGenerator.start(...args);
