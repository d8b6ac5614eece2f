import { findConflicts, type Conflict } from './calendar';
import type { BookingPolicy } from './policy';
import { canTransition } from './transitions';
import type { BookedMeeting, MeetingCandidate } from './types';

export type ApprovalDecision<M extends BookedMeeting = BookedMeeting> = { ok: true; preempts: M[] } | { ok: false; conflicts: Conflict[] };

/**
 * Art. 4.2: meetings of the provincial committee take priority over departmental ones, even when the
 * department has already sent its invitations. Urgent meetings get the same priority. Nothing
 * pre-empts a provincial or urgent meeting, a departmental one pre-empts nothing, and a meeting that
 * is already live is never pre-empted.
 */
function mayPreempt(candidate: MeetingCandidate, meeting: BookedMeeting): boolean {
  return candidate.kind !== 'departmental' && meeting.kind === 'departmental' && canTransition(meeting.status, 'preempted');
}

/**
 * Among departmental meetings crowding the bridge, the one approved last gives way first, mirroring
 * "first approved wins". A blocking meeting with no approval time has the weakest claim.
 */
function weakestClaimFirst(a: BookedMeeting, b: BookedMeeting): number {
  const approved = (m: BookedMeeting) => m.approvedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return approved(b) - approved(a) || b.startsAt.getTime() - a.startsAt.getTime() || b.id.localeCompare(a.id);
}

/**
 * Whether the Office can approve the candidate now, and which departmental meetings that would
 * pre-empt. Departmental meetings sharing a room must all give way; for the bridge limit only as
 * many as needed give way, weakest claim first. If pre-empting cannot make room, nothing is
 * pre-empted and the decision lists every conflict.
 */
export function decideApproval<M extends BookedMeeting>(candidate: MeetingCandidate, calendar: readonly M[], policy: BookingPolicy): ApprovalDecision<M> {
  const conflicts = findConflicts(candidate, calendar, policy);
  if (conflicts.length === 0) return { ok: true, preempts: [] };
  const refused: ApprovalDecision<M> = { ok: false, conflicts };

  const preempted = new Set<BookedMeeting>();
  for (const { meeting, sharedSiteIds } of conflicts) {
    if (sharedSiteIds.length === 0) continue;
    if (!mayPreempt(candidate, meeting)) return refused;
    preempted.add(meeting);
  }
  for (;;) {
    const remaining = findConflicts(
      candidate,
      calendar.filter((meeting) => !preempted.has(meeting)),
      policy,
    );
    if (remaining.length === 0) {
      // Conflicts name the calendar's own objects, so the pre-empted ones keep the caller's type.
      return { ok: true, preempts: conflicts.map((c) => c.meeting as M).filter((m) => preempted.has(m)) };
    }
    const yielding = remaining.map((c) => c.meeting).filter((m) => mayPreempt(candidate, m));
    const next = yielding.sort(weakestClaimFirst)[0];
    if (!next) return refused;
    preempted.add(next);
  }
}
