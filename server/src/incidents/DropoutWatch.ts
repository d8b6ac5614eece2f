import type { Conferences } from '../conference/Conferences';
import type { Logger } from '../logger';
import type { MeetingRepository } from '../meetings/MeetingRepository';
import type { SiteDirectory } from '../sites/SiteDirectory';
import type { IncidentLog } from './IncidentLog';

/** socket.io's ping interval plus its timeout on the kiosk namespace (platform.ts): how late a cut is seen. */
const CUT_DETECTION_MS = 10_000;

/**
 * Opens a transmission incident when a site's kiosk drops out of a live
 * meeting and stays out past a grace period (a reloading kiosk is not a fault),
 * dated from the moment it dropped; closes it when the site is back, or at
 * the latest when the meeting ends, so the downtime is the real time the room
 * was missing from a meeting (not the days until the site next comes online).
 * Degraded lines are the monitor's incidents: neither closes the other's.
 */
export class DropoutWatch {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Incident writes run one after another, so a return never overtakes the opening it closes. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    conferences: Conferences,
    private readonly sites: SiteDirectory,
    private readonly meetings: MeetingRepository,
    private readonly incidents: IncidentLog,
    private readonly now: () => Date,
    private readonly graceMs: number,
    private readonly logger: Logger,
    /** When the site was last heard from, so an incident dates from when the line went silent, not from when the bridge noticed. */
    private readonly lastHeard: (siteCode: string) => Date | undefined,
  ) {
    conferences.on('opened', (conference) => {
      conference.on('presence', (siteCode, online) => {
        if (online) this.enqueue(() => this.back(conference.meetingId, siteCode));
        else this.dropped(conference.meetingId, siteCode);
      });
    });
    conferences.on('ended', (meetingId) => {
      for (const [key, timer] of this.pending) {
        if (key.startsWith(`${meetingId}/`)) {
          clearTimeout(timer);
          this.pending.delete(key);
        }
      }
      this.enqueue(async () => {
        await this.incidents.closeAutomaticOfMeeting(meetingId);
      });
    });
  }

  /** Stops watching; resolves once the incident writes already under way are done. */
  async close(): Promise<void> {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await this.queue;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.logger.error({ err: error }, 'could not record a dropout'));
  }

  private dropped(meetingId: string, siteCode: string): void {
    // The bridge notices a cut line at most one ping interval and timeout late: the room was gone since it was
    // last heard from, but never longer before than that window.
    const now = this.now().getTime();
    const since = new Date(Math.max(this.lastHeard(siteCode)?.getTime() ?? now, now - CUT_DETECTION_MS));
    const key = `${meetingId}/${siteCode}`;
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.enqueue(() => this.open(meetingId, siteCode, since));
      }, this.graceMs),
    );
  }

  private async open(meetingId: string, siteCode: string, since: Date): Promise<void> {
    const [site, meeting] = await Promise.all([this.sites.findByCode(siteCode), this.meetings.byId(meetingId)]);
    // A meeting that ended meanwhile takes its rooms offline: that is no fault.
    if (!site || meeting?.status !== 'live') return;
    await this.incidents.openAutomatic('dropout', site.id, meetingId, since);
  }

  private async back(meetingId: string, siteCode: string): Promise<void> {
    const key = `${meetingId}/${siteCode}`;
    const timer = this.pending.get(key);
    if (timer) {
      clearTimeout(timer);
      this.pending.delete(key);
      return;
    }
    const site = await this.sites.findByCode(siteCode);
    if (site) await this.incidents.closeAutomatic('dropout', site.id, 'reconnected');
  }
}
