import type { FeedbackCategory, FeedbackStatus, MeetingKind, MeetingStatus, Verdict } from '@diemcau/shared';
import type { Measure } from './histogram';

/*
 * What the reports add up, as plain records: the store loads them for a
 * period, and the aggregations are pure functions of them.
 */

export interface HistoryUnit {
  id: number;
  name: string;
}

export interface HistorySite {
  id: number;
  code: string;
  name: string;
  unitId: number;
}

export interface HistoryMeeting {
  id: string;
  title: string;
  kind: MeetingKind;
  status: MeetingStatus;
  hostUnitId: number | null;
  startsAt: Date;
  endsAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  siteIds: readonly number[];
}

/** A site's presence in a meeting, as the attendance recorder keeps it. */
export interface PresenceRecord {
  meetingId: string;
  siteId: number;
  firstJoinAt: Date;
  lastLeaveAt: Date | null;
  /** Seconds of the intervals already closed. */
  presentSeconds: number;
  reconnections: number;
  /** Start of the interval still open, when the site is online now. */
  onlineSince: Date | null;
}

export interface HistoryIncident {
  siteId: number;
  openedAt: Date;
  downtimeSeconds: number | null;
}

export interface HistoryCheck {
  siteId: number;
  meetingId: string | null;
  runAt: Date;
  verdict: Verdict;
}

export interface QualityRecord {
  meetingId: string;
  siteId: number;
  measure: Measure;
  counts: number[];
}

export interface HistoryFeedback {
  unitId: number;
  category: FeedbackCategory;
  status: FeedbackStatus;
  submittedAt: Date;
}

export interface History {
  units: HistoryUnit[];
  sites: HistorySite[];
  meetings: HistoryMeeting[];
  presence: PresenceRecord[];
  incidents: HistoryIncident[];
  checks: HistoryCheck[];
  quality: QualityRecord[];
  feedback: HistoryFeedback[];
}

/** A check that lets a site take part: passed, warnings allowed (as for readiness, Art. 6.4). */
export const checkPassed = (verdict: Verdict) => verdict === 'pass' || verdict === 'warn';
