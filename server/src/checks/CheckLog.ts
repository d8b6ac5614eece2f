import type { z } from 'zod';
import { judgeCheck, type CheckSubmission, type CheckView, type Verdict } from '@diemcau/shared';
import type { Principal } from '../auth/permissions';
import { DomainError } from '../errors';
import { fromDbTime, toDbTime, type Database } from '../store/database';
import { isReady, siteReadiness, type SiteReadiness } from './readiness';

interface CheckRow {
  id: number;
  site_id: number;
  meeting_id: string | null;
  run_at: string;
  verdict: Verdict;
  items: string;
  username: string | null;
}

const view = (row: CheckRow): CheckView => ({
  id: row.id,
  siteId: row.site_id,
  meetingId: row.meeting_id,
  runBy: row.username,
  runAt: row.run_at,
  verdict: row.verdict,
  items: JSON.parse(row.items),
});

/**
 * Results of pre-session checks, per site and meeting, with who ran them and
 * when. The bridge judges the measurements itself against the documented
 * thresholds, so a stored verdict always matches the rules.
 */
export class CheckLog {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly validMs: number,
  ) {}

  async record(principal: Principal, siteId: number, submission: z.infer<typeof CheckSubmission>): Promise<CheckView> {
    const { verdict, items } = judgeCheck(submission.measurements);
    if (submission.meetingId && !(await this.db('meetings').where({ id: submission.meetingId }).first())) {
      throw new DomainError('invalid-request', 'no such meeting', { fields: { meetingId: 'no such meeting' } });
    }
    const [row] = await this.db('site_checks')
      .insert({
        site_id: siteId,
        meeting_id: submission.meetingId,
        run_by: principal.userId,
        run_at: toDbTime(this.now()),
        verdict,
        measurements: JSON.stringify(submission.measurements),
        items: JSON.stringify(items),
      })
      .returning('id');
    return (await this.query()
      .where('site_checks.id', typeof row === 'object' ? row.id : row)
      .first()
      .then((found) => found && view(found)))!;
  }

  async list(siteId: number, limit: number): Promise<CheckView[]> {
    return (await this.query().where('site_checks.site_id', siteId).orderBy('site_checks.id', 'desc').limit(limit)).map(view);
  }

  /** The latest check of each site. */
  async latest(siteIds: readonly number[]): Promise<Map<number, CheckView>> {
    const rows: CheckRow[] = await this.query().whereIn('site_checks.site_id', siteIds).orderBy('site_checks.id', 'desc');
    const latest = new Map<number, CheckView>();
    for (const row of rows) if (!latest.has(row.site_id)) latest.set(row.site_id, view(row));
    return latest;
  }

  readinessOf(check: CheckView | undefined): SiteReadiness {
    return siteReadiness(check && { verdict: check.verdict, runAt: fromDbTime(check.runAt) }, this.now(), this.validMs);
  }

  /** Sites of a meeting whose latest check does not let it be marked prepared. */
  async unreadySites(siteIds: readonly number[]): Promise<number[]> {
    const latest = await this.latest(siteIds);
    return siteIds.filter((siteId) => !isReady(this.readinessOf(latest.get(siteId))));
  }

  private query() {
    return this.db<CheckRow>('site_checks')
      .select(
        'site_checks.id',
        'site_checks.site_id',
        'site_checks.meeting_id',
        'site_checks.run_at',
        'site_checks.verdict',
        'site_checks.items',
        'users.username',
      )
      .leftJoin('users', 'users.id', 'site_checks.run_by');
  }
}
