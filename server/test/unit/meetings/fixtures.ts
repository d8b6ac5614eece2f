import type { BookedMeeting, BookingPolicy, MeetingCandidate } from '../../../src/meetings/rules';
import { defaultBookingPolicy } from '../../../src/meetings/rules';

/** A wall-clock time in Vietnam (UTC+7, no DST), e.g. at('2025-06-10 08:00'). */
export const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+07:00`);

export const policy: BookingPolicy = defaultBookingPolicy;

export const CHAIR = 1;

let counter = 0;

export function meeting(overrides: Partial<BookedMeeting> & { from: string; to: string }): BookedMeeting {
  const { from, to, ...rest } = overrides;
  counter += 1;
  return {
    id: `m${counter}`,
    title: `Meeting ${counter}`,
    kind: 'departmental',
    status: 'approved',
    siteIds: [CHAIR],
    approvedAt: at('2025-06-01 09:00'),
    ...rest,
    startsAt: at(from),
    endsAt: at(to),
  };
}

export function candidate(overrides: Partial<MeetingCandidate> & { from: string; to: string }): MeetingCandidate {
  const { from, to, ...rest } = overrides;
  return { kind: 'departmental', siteIds: [CHAIR], ...rest, startsAt: at(from), endsAt: at(to) };
}

export const ids = (meetings: readonly { id: string }[]): string[] => meetings.map((m) => m.id);
