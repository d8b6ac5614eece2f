import type { Logger } from '../logger';
import { mediaCodecs } from './codecs';
import { Room, type TransportListen } from './Room';
import type { WorkerPool } from './WorkerPool';

/**
 * The central bridge: one media room per live meeting, each on a router of the
 * least-loaded worker. A room that closes (its worker died, the meeting ended)
 * is forgotten, and the next kiosk to join creates it again.
 */
export class Bridge {
  private readonly rooms = new Map<string, Promise<Room>>();
  /** The rooms that are open now, for monitoring. */
  private readonly open = new Set<Room>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly listen: TransportListen,
    private readonly logger: Logger,
  ) {}

  get liveWorkers(): number {
    return this.pool.liveWorkers;
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  openRooms(): Room[] {
    return [...this.open];
  }

  roomFor(meetingId: string): Promise<Room> {
    let room = this.rooms.get(meetingId);
    if (!room) {
      room = this.openRoom(meetingId);
      this.rooms.set(meetingId, room);
      room.catch(() => this.rooms.delete(meetingId));
    }
    return room;
  }

  async closeRoom(meetingId: string, reason: string): Promise<void> {
    const room = this.rooms.get(meetingId);
    if (room) (await room).close(reason);
  }

  close(): void {
    for (const room of this.rooms.values()) void room.then((r) => r.close('shutdown'));
    this.rooms.clear();
  }

  private async openRoom(meetingId: string): Promise<Room> {
    const router = await this.pool.createRouter({ mediaCodecs });
    const room = await Room.open(meetingId, router, this.listen, this.logger.child({ meeting: meetingId }));
    this.open.add(room);
    room.once('close', (reason) => {
      this.logger.info({ meeting: meetingId, reason }, 'media room closed');
      this.open.delete(room);
      this.rooms.delete(meetingId);
    });
    return room;
  }
}
