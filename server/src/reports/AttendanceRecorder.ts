import type { Conferences } from '../conference/Conferences';
import type { Logger } from '../logger';
import type { SiteDirectory } from '../sites/SiteDirectory';
import { fromDbTime, toDbTime, type Database } from '../store/database';

/**
 * Keeps each site's presence in each meeting from the bridge's own events: the
 * first join, the last leave, the time present and the reconnections (online
 * again after dropping out). Rows are written as things happen, so a restart
 * keeps what was already seen.
 */
export class AttendanceRecorder {
  /** Writes run one after another, so a leave never overtakes the join it ends. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    conferences: Conferences,
    private readonly db: Database,
    private readonly sites: SiteDirectory,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {
    conferences.on('opened', (conference) => {
      conference.on('presence', (siteCode, online) => {
        const at = this.now();
        this.enqueue(() => (online ? this.joined(conference.meetingId, siteCode, at) : this.left(conference.meetingId, siteCode, at)));
      });
    });
    conferences.on('ended', (meetingId) => {
      const at = this.now();
      this.enqueue(() => this.endAll(meetingId, at));
    });
  }

  /** Resolves when every presence change heard so far is written. */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.logger.error({ err: error }, 'could not record attendance'));
  }

  private async joined(meetingId: string, siteCode: string, at: Date): Promise<void> {
    const site = await this.sites.findByCode(siteCode);
    if (!site) return;
    const row = await this.db('attendance').where({ meeting_id: meetingId, site_id: site.id }).first();
    if (!row) {
      await this.db('attendance').insert({ meeting_id: meetingId, site_id: site.id, first_join_at: toDbTime(at), online_since: toDbTime(at) });
    } else if (row.online_since === null) {
      await this.db('attendance')
        .where({ meeting_id: meetingId, site_id: site.id })
        .update({ online_since: toDbTime(at), reconnections: row.reconnections + 1 });
    }
  }

  private async left(meetingId: string, siteCode: string, at: Date): Promise<void> {
    const site = await this.sites.findByCode(siteCode);
    if (site) await this.closeInterval(meetingId, site.id, at);
  }

  /** The meeting ended: whoever is still online leaves with it. */
  private async endAll(meetingId: string, at: Date): Promise<void> {
    const open = await this.db('attendance').where({ meeting_id: meetingId }).whereNotNull('online_since').select('site_id');
    for (const row of open) await this.closeInterval(meetingId, row.site_id, at);
  }

  private async closeInterval(meetingId: string, siteId: number, at: Date): Promise<void> {
    const row = await this.db('attendance').where({ meeting_id: meetingId, site_id: siteId }).first();
    if (!row || row.online_since === null) return;
    const seconds = Math.max(0, Math.round((at.getTime() - fromDbTime(row.online_since).getTime()) / 1000));
    await this.db('attendance')
      .where({ meeting_id: meetingId, site_id: siteId })
      .update({ online_since: null, last_leave_at: toDbTime(at), present_seconds: row.present_seconds + seconds });
  }
}
