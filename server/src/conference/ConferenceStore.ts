import { ConferenceSnapshot } from '@diemcau/shared';
import type { Logger } from '../logger';
import { toDbTime, type Database } from '../store/database';
import type { Conference } from './Conference';
import type { Conferences } from './Conferences';

/** Changes are written at most this often: a burst of controls is one write, and media never waits on it. */
const SAVE_DELAY_MS = 300;

interface Pending {
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The last snapshot written, as JSON: presence and speaker changes do not rewrite it. */
  written: string | undefined;
  writing: Promise<void>;
  stop(): void;
}

/**
 * Keeps each live meeting's conference decisions (ConferenceSnapshot) in the
 * store, so that a bridge restarted mid-meeting gives every room the layout,
 * look and mutes it had. Writes are debounced and run beside the media path;
 * a failed write is logged and retried with the next change.
 */
export class ConferenceStore {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /** The snapshot kept for the meeting, if any and if it still reads as one. */
  async load(meetingId: string): Promise<ConferenceSnapshot | undefined> {
    const row = await this.db('conference_states').where({ meeting_id: meetingId }).first();
    if (!row) return undefined;
    const parsed = ConferenceSnapshot.safeParse(JSON.parse(row.snapshot));
    if (parsed.success) return parsed.data;
    this.logger.warn({ meetingId, issues: parsed.error.issues.slice(0, 3) }, 'ignoring a stored conference state that no longer fits its schema');
    return undefined;
  }

  /** Saves every conference the registry opens, after each change, until its meeting ends. */
  watch(conferences: Conferences): void {
    conferences.on('opened', (conference) => this.follow(conference));
    conferences.on('ended', (meetingId) => {
      const pending = this.pending.get(meetingId);
      if (!pending) return;
      pending.stop();
      this.pending.delete(meetingId);
    });
  }

  /** Writes what is still waiting (on shutdown, before the store closes). */
  async flush(): Promise<void> {
    for (const pending of this.pending.values()) pending.stop();
    await Promise.all([...this.pending.values()].map((pending) => pending.writing));
  }

  private follow(conference: Conference): void {
    const { meetingId } = conference;
    const pending: Pending = {
      timer: undefined,
      written: JSON.stringify(conference.snapshot()),
      writing: Promise.resolve(),
      stop: () => {
        if (pending.timer === undefined) return;
        clearTimeout(pending.timer);
        pending.timer = undefined;
        write();
      },
    };
    const write = () => {
      pending.timer = undefined;
      const snapshot = JSON.stringify(conference.snapshot());
      if (snapshot === pending.written) return;
      pending.writing = pending.writing
        .then(() => this.save(meetingId, snapshot))
        .then(
          () => (pending.written = snapshot),
          (error: unknown) => this.logger.error({ err: error, meetingId }, 'could not keep the conference state'),
        )
        .then(() => undefined);
    };
    conference.on('changed', () => {
      pending.timer ??= setTimeout(write, SAVE_DELAY_MS);
    });
    this.pending.set(meetingId, pending);
  }

  private async save(meetingId: string, snapshot: string): Promise<void> {
    await this.db('conference_states')
      .insert({ meeting_id: meetingId, snapshot, saved_at: toDbTime(this.now()) })
      .onConflict('meeting_id')
      .merge(['snapshot', 'saved_at']);
  }
}
