/*
 * Booking rules of the meeting register: pure functions of their arguments (no clock, no I/O), so
 * the Office's decisions can be replayed and explained article by article.
 */
export type { BookedMeeting, MeetingCandidate, MeetingKind, MeetingStatus } from './types';
export { defaultBookingPolicy, type BookingPolicy } from './policy';
export { blockingStatuses, findConflicts, isBlocking, type Conflict } from './calendar';
export { decideApproval, type ApprovalDecision } from './approval';
export { leadTimeCheck, requestDeadline, type LeadTimeResult, type RequestDeadline } from './leadTime';
export { suggestFreeSlots, type TimeSlot } from './freeSlots';
export { isWorkingDay, noExceptions, withinOfficeHours, type WorkCalendar } from './workDays';
export { invitationBeforeApproval, validateRequest, type InvitationFacts, type MeetingRequestFacts, type RequestProblem } from './requestValidation';
export { assertTransition, canTransition, meetingTransitions } from './transitions';
