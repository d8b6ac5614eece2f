import type { MonitorSample } from '@diemcau/shared';
import type { Conferences } from '../conference/Conferences';
import type { Logger } from '../logger';
import type { Monitor } from '../monitoring/Monitor';
import type { SiteDirectory } from '../sites/SiteDirectory';
import type { Database } from '../store/database';
import { addSample, emptyCounts, measures, mergeCounts, type Measure } from './histogram';

/**
 * Folds the monitor's samples of each online site into small histograms per
 * meeting, site and measure, and writes them when the meeting ends (added to
 * what an earlier run of the same meeting left). Raw samples are never kept.
 */
export class QualityRecorder {
  /** meetingId → siteCode → measure → counts. */
  private readonly open = new Map<string, Map<string, Record<Measure, number[]>>>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    monitor: Monitor,
    conferences: Conferences,
    private readonly db: Database,
    private readonly sites: SiteDirectory,
    private readonly logger: Logger,
  ) {
    monitor.on('sample', (sample) => this.fold(sample));
    conferences.on('ended', (meetingId) => this.flush(meetingId));
  }

  /** Writes what is held for every meeting (the server is stopping). */
  async close(): Promise<void> {
    for (const meetingId of [...this.open.keys()]) this.flush(meetingId);
    await this.queue;
  }

  private fold(sample: MonitorSample): void {
    for (const meeting of sample.meetings) {
      let bySite = this.open.get(meeting.meetingId);
      if (!bySite) this.open.set(meeting.meetingId, (bySite = new Map()));
      for (const site of meeting.sites) {
        if (!site.online) continue;
        let counts = bySite.get(site.siteCode);
        if (!counts)
          bySite.set(site.siteCode, (counts = Object.fromEntries(measures.map((measure) => [measure, emptyCounts(measure)])) as Record<Measure, number[]>));
        addSample(counts.packetLossPct, 'packetLossPct', site.packetLossPct);
        addSample(counts.rttMs, 'rttMs', site.rttMs);
        addSample(counts.bitrateInKbps, 'bitrateInKbps', site.bitrateInKbps);
      }
    }
  }

  private flush(meetingId: string): void {
    const bySite = this.open.get(meetingId);
    this.open.delete(meetingId);
    if (!bySite) return;
    this.queue = this.queue
      .then(() => this.write(meetingId, bySite))
      .catch((error: unknown) => this.logger.error({ err: error }, 'could not record quality aggregates'));
  }

  private async write(meetingId: string, bySite: Map<string, Record<Measure, number[]>>): Promise<void> {
    await this.db.transaction(async (trx) => {
      for (const [siteCode, counts] of bySite) {
        const site = await this.sites.findByCode(siteCode, trx);
        if (!site) continue;
        for (const measure of measures) {
          const key = { meeting_id: meetingId, site_id: site.id, measure };
          const existing = await trx('quality_aggregates').where(key).first();
          if (existing) {
            const merged = JSON.parse(existing.counts) as number[];
            mergeCounts(merged, counts[measure]);
            await trx('quality_aggregates')
              .where(key)
              .update({ counts: JSON.stringify(merged) });
          } else {
            await trx('quality_aggregates').insert({ ...key, counts: JSON.stringify(counts[measure]) });
          }
        }
      }
    });
  }
}
