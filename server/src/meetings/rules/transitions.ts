import type { MeetingStatus } from './types';

/**
 * The life of a booking. Requests are decided by the Office (approve/reject); an approved meeting
 * may go live without having been marked prepared, because the chair operator may open it early or
 * it may simply reach its start time. Only meetings not yet live can be cancelled or pre-empted: a
 * live meeting is ended, never swept away.
 */
export const meetingTransitions: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = Object.freeze({
  requested: Object.freeze(['approved', 'rejected', 'cancelled'] as const),
  approved: Object.freeze(['prepared', 'live', 'cancelled', 'preempted'] as const),
  prepared: Object.freeze(['live', 'cancelled', 'preempted'] as const),
  live: Object.freeze(['ended'] as const),
  ended: Object.freeze([] as const),
  rejected: Object.freeze([] as const),
  cancelled: Object.freeze([] as const),
  preempted: Object.freeze([] as const),
});

export function canTransition(from: MeetingStatus, to: MeetingStatus): boolean {
  return meetingTransitions[from]?.includes(to) ?? false;
}

export function assertTransition(from: MeetingStatus, to: MeetingStatus): void {
  if (canTransition(from, to)) return;
  const allowed = meetingTransitions[from] ?? [];
  throw new Error(
    `A meeting cannot go from '${from}' to '${to}'; from '${from}' it can only go to ` +
      (allowed.length > 0 ? allowed.map((s) => `'${s}'`).join(', ') : 'nothing (it is final)'),
  );
}
