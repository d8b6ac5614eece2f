import type { MeetingView, UserView } from '@diemcau/shared';
import { api } from '../app/api';
import { can } from '../app/permissions';

export type MeetingAction = 'approve' | 'reject' | 'prepare' | 'open' | 'close' | 'cancel' | 'invitation';

const notStarted = (meeting: MeetingView) => ['requested', 'approved', 'prepared'].includes(meeting.status);

/**
 * What this user may do with this meeting now: the role's permission (as on the server) and the
 * meeting's state (as the transitions allow). Organizers act only on their own meetings; the Office on any.
 */
export function actionsFor(meeting: MeetingView, user: UserView): MeetingAction[] {
  const decides = can(user, 'meeting:decide');
  const operates = can(user, 'meeting:operate');
  const owns = can(user, 'meeting:request') && (decides || meeting.organizerId === user.id);
  const allowed: Record<MeetingAction, boolean> = {
    approve: decides && meeting.status === 'requested',
    reject: decides && meeting.status === 'requested',
    prepare: decides && meeting.status === 'approved',
    open: operates && (meeting.status === 'approved' || meeting.status === 'prepared'),
    close: operates && meeting.status === 'live',
    cancel: owns && notStarted(meeting),
    invitation: owns && notStarted(meeting),
  };
  return (Object.keys(allowed) as MeetingAction[]).filter((action) => allowed[action]);
}

/** The actions that need nothing but a click (and perhaps a confirmation). */
export const runSimple: Record<'approve' | 'prepare' | 'open' | 'close', (id: string) => Promise<MeetingView>> = {
  approve: api.meetings.approve,
  prepare: api.meetings.prepare,
  open: api.meetings.open,
  close: api.meetings.close,
};
