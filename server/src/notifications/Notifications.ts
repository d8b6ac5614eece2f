import type { Knex } from 'knex';
import type { NotificationView } from '@diemcau/shared';
import { toDbTime, type Database } from '../store/database';

export type NotificationKind =
  | 'meeting-requested'
  | 'meeting-approved'
  | 'meeting-rejected'
  | 'meeting-preempted'
  | 'meeting-cancelled'
  | 'emergency-requested'
  /** Art. 6.4: run the pre-session check of your site for this meeting. */
  | 'check-reminder'
  /** Feedback to the Department (Art. 12.3, 15.3): a new item, and each step of its handling. */
  | 'feedback-submitted'
  | 'feedback-answered'
  | 'feedback-forwarded'
  | 'feedback-forwarded-to-you'
  | 'feedback-closed';

/** The in-app list of each user. Messages are kinds plus parameters, so each reader sees their own language. */
export class Notifications {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async notify(
    trx: Knex.Transaction,
    userIds: readonly number[],
    kind: NotificationKind,
    params: Record<string, unknown>,
    meetingId: string | null = null,
  ): Promise<void> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return;
    const at = toDbTime(this.now());
    await trx('notifications').insert(unique.map((userId) => ({ user_id: userId, at, kind, meeting_id: meetingId, params: JSON.stringify(params) })));
  }

  async listFor(userId: number, limit = 50): Promise<{ items: NotificationView[]; unread: number }> {
    const rows = await this.db('notifications').where({ user_id: userId }).orderBy('id', 'desc').limit(limit);
    const [count] = await this.db('notifications').where({ user_id: userId }).whereNull('read_at').count({ unread: '*' });
    return {
      items: rows.map((row) => ({
        id: row.id,
        at: row.at,
        kind: row.kind,
        meetingId: row.meeting_id,
        params: JSON.parse(row.params),
        read: row.read_at !== null,
      })),
      unread: Number(count?.unread ?? 0),
    };
  }

  /** Marks the user's own notifications read; ids of other users' notifications are ignored. */
  async markRead(userId: number, ids: readonly number[] | 'all'): Promise<void> {
    let query = this.db('notifications').where({ user_id: userId }).whereNull('read_at');
    if (ids !== 'all') query = query.whereIn('id', ids);
    await query.update({ read_at: toDbTime(this.now()) });
  }
}
