import type { BookingPolicy } from './policy';
import type { MeetingKind } from './types';
import { formatLocalDate, localParts, parseLocalDate } from './zonedTime';

export interface MeetingRequestFacts {
  kind: MeetingKind;
  startsAt: Date;
  endsAt: Date;
  /** The organiser states the content is neither secret nor sensitive (Art. 4.2). */
  attestsNotSecret: boolean;
}

export type RequestProblem = { code: 'ends-not-after-start'; message: string } | { code: 'secret-not-ruled-out'; article: '4.2'; message: string };

/** Why the request cannot be accepted as it stands; empty when it can. */
export function validateRequest(request: MeetingRequestFacts): RequestProblem[] {
  const problems: RequestProblem[] = [];
  // Written so that an invalid Date (NaN) also fails.
  if (!(request.endsAt.getTime() > request.startsAt.getTime())) {
    problems.push({ code: 'ends-not-after-start', message: 'The meeting must end after it starts.' });
  }
  // Art. 4.2 puts this on meetings a department hosts; the bridge is not a channel for secrets.
  if (request.kind === 'departmental' && !request.attestsNotSecret) {
    problems.push({
      code: 'secret-not-ruled-out',
      article: '4.2',
      message: 'A department may only use the bridge for content that is neither secret nor sensitive (Art. 4.2).',
    });
  }
  return problems;
}

export interface InvitationFacts {
  kind: MeetingKind;
  /** Local calendar date 'YYYY-MM-DD' (policy zone) printed on the invitation; null if none issued yet. */
  invitationDate: string | null;
  approvedAt: Date | null;
}

/**
 * Art. 4.2 and 11.2: a department agrees the time with the Office before it issues invitations. The
 * invitation carries only a date, so one dated the day of approval gets the benefit of the doubt;
 * one dated earlier, or issued while the meeting is still unapproved, is flagged. Provincial
 * meetings are organised from the committee's invitation (Art. 4.1) and urgent ones cannot wait,
 * so only departmental meetings are flagged.
 */
export function invitationBeforeApproval(facts: InvitationFacts, policy: BookingPolicy): boolean {
  if (facts.invitationDate === null) return false;
  const invited = formatLocalDate(parseLocalDate(facts.invitationDate));
  if (facts.kind !== 'departmental') return false;
  if (facts.approvedAt === null) return true;
  return invited < formatLocalDate(localParts(facts.approvedAt, policy.timeZone));
}
