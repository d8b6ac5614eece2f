export type MeetingKind = 'provincial' | 'departmental' | 'emergency';

export type MeetingStatus = 'requested' | 'approved' | 'prepared' | 'live' | 'ended' | 'rejected' | 'cancelled' | 'preempted';

export interface BookedMeeting {
  id: string;
  title: string;
  kind: MeetingKind;
  status: MeetingStatus;
  /** Half-open interval [startsAt, endsAt): a meeting ending at 10:00 leaves room for one starting at 10:00. */
  startsAt: Date;
  endsAt: Date;
  /** Every room taking part, the chair room included: it is booked like any other site. */
  siteIds: readonly number[];
  approvedAt: Date | null;
}

/**
 * What the rules need to know about a meeting being checked: a fresh request, or a booked meeting
 * being approved or moved. When `id` is given, the calendar entry with that id is ignored, so a
 * meeting never collides with itself.
 */
export type MeetingCandidate = Pick<BookedMeeting, 'kind' | 'startsAt' | 'endsAt' | 'siteIds'> & {
  readonly id?: string;
};
