import type { RtpCapabilities } from '@diemcau/shared';
import type { Logger } from '../logger';
import { Room, type RoomPurpose } from './Room';
import type { WorkerPool } from './WorkerPool';

/**
 * The central bridge: one media room per live meeting (and per technician's
 * check), spread over the pool's workers. A room lives until its meeting ends
 * or its check finishes; a worker dying under it only moves the peers it had.
 */
export class Bridge {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly logger: Logger,
  ) {}

  get liveWorkers(): number {
    return this.pool.liveWorkers;
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  /** What every router can receive and send: the same for all, since all have the same codecs. */
  get rtpCapabilities(): RtpCapabilities {
    return this.pool.rtpCapabilities;
  }

  openRooms(): Room[] {
    return [...this.rooms.values()];
  }

  roomFor(meetingId: string, purpose: RoomPurpose = 'meeting'): Room {
    let room = this.rooms.get(meetingId);
    if (!room) {
      const opened = new Room(meetingId, purpose, this.pool, this.logger.child({ meetingId }));
      opened.once('close', (reason) => {
        this.logger.info({ meetingId, reason }, 'media room closed');
        if (this.rooms.get(meetingId) === opened) this.rooms.delete(meetingId);
      });
      this.rooms.set(meetingId, opened);
      room = opened;
    }
    return room;
  }

  /** Closes the meeting's room if it is open. */
  closeRoom(meetingId: string, reason: string): void {
    this.rooms.get(meetingId)?.close(reason);
  }

  close(): void {
    for (const room of [...this.rooms.values()]) room.close('shutdown');
    this.rooms.clear();
  }
}
