import { z } from 'zod';
import { PageQuery } from './paging';

export const MeetingKind = z.enum(['provincial', 'departmental', 'emergency']);
export type MeetingKind = z.infer<typeof MeetingKind>;

export const MeetingStatus = z.enum(['requested', 'approved', 'prepared', 'live', 'ended', 'rejected', 'cancelled', 'preempted']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

const Instant = z.iso.datetime({ offset: true });
const LocalDate = z.iso.date();

export const MeetingRequest = z
  .object({
    title: z.string().trim().min(3).max(300),
    kind: MeetingKind,
    hostUnitId: z.number().int().positive(),
    chairPerson: z.string().trim().min(1).max(200),
    startsAt: Instant,
    endsAt: Instant,
    siteIds: z.array(z.number().int().positive()).min(1).max(500),
    /** Art. 4.2: a departmental meeting's content is neither secret nor sensitive. */
    attestsNotSecret: z.boolean().default(false),
    /** The Office booking its own meeting approves it in the same step. */
    approve: z.boolean().default(false),
  })
  .strict()
  .refine((request) => new Set(request.siteIds).size === request.siteIds.length, {
    message: 'a site is listed twice',
    path: ['siteIds'],
  });
export type MeetingRequest = z.infer<typeof MeetingRequest>;

/** What the live conflict feedback needs; the rest of a request may still be blank while the user types. */
export const BookingCheckRequest = z.object({
  kind: MeetingKind,
  startsAt: Instant,
  endsAt: Instant,
  siteIds: z.array(z.number().int().positive()).min(1).max(500),
  attestsNotSecret: z.boolean().default(false),
});
export type BookingCheckRequest = z.infer<typeof BookingCheckRequest>;

export const Decision = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const Invitation = z.object({ number: z.string().trim().min(1).max(60), date: LocalDate }).strict();

/** A range of the calendar, or, without one, every meeting in a status (the approval queue's requests). */
export const CalendarQuery = z
  .object({
    from: Instant.optional(),
    to: Instant.optional(),
    siteId: z.coerce.number().int().positive().optional(),
    status: MeetingStatus.optional(),
    ...PageQuery.shape,
  })
  .strict()
  .refine(
    (query) => (query.from !== undefined && query.to !== undefined) || (query.from === undefined && query.to === undefined && query.status !== undefined),
    {
      message: 'give both from and to, or a status alone',
      path: ['from'],
    },
  );

/**
 * Why a meeting had to give way, as a code with its parameters; each reader's screen puts it in
 * words (Art. 4.2: provincial and urgent meetings take priority over a department's).
 */
export const PreemptionReason = z.object({
  code: z.literal('preempted-by-priority'),
  article: z.literal('4.2'),
  /** The meeting that took the slot; unknown for pre-emptions recorded before the code existed. */
  byMeetingId: z.string().nullable(),
  byTitle: z.string(),
  byKind: MeetingKind.nullable(),
});
export type PreemptionReason = z.infer<typeof PreemptionReason>;

export const MeetingView = z.object({
  id: z.string(),
  title: z.string(),
  kind: MeetingKind,
  status: MeetingStatus,
  hostUnitId: z.number().int().nullable(),
  chairPerson: z.string(),
  organizerId: z.number().int().nullable(),
  startsAt: Instant,
  endsAt: Instant,
  siteIds: z.array(z.number().int()),
  attestsNotSecret: z.boolean(),
  invitation: Invitation.nullable(),
  /** Art. 4.2, 11.2: the invitation went out before the Office approved the booking. */
  invitationBeforeApproval: z.boolean(),
  requestedAt: Instant.nullable(),
  approvedAt: Instant.nullable(),
  /** The Office's own words when it rejected or cancelled the meeting. */
  decisionReason: z.string().nullable(),
  preemption: PreemptionReason.nullable(),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const ConflictView = z.object({
  meeting: MeetingView.pick({ id: true, title: true, kind: true, status: true, startsAt: true, endsAt: true }),
  sharedSiteIds: z.array(z.number().int()),
  overBridgeLimit: z.boolean(),
});
export type ConflictView = z.infer<typeof ConflictView>;

export const Slot = z.object({ startsAt: Instant, endsAt: Instant });
export type Slot = z.infer<typeof Slot>;

/** What the request form shows as the user types: nothing is written. */
export const BookingCheck = z.object({
  problems: z.array(z.object({ code: z.string(), article: z.string().optional(), message: z.string() })),
  leadTime: z.object({ ok: z.boolean(), deadline: Instant, article: z.string() }),
  conflicts: z.array(ConflictView),
  /** Departmental meetings this one would pre-empt if approved (Art. 4.2). */
  wouldPreempt: z.array(ConflictView.shape.meeting),
  suggestions: z.array(Slot),
});
export type BookingCheck = z.infer<typeof BookingCheck>;

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: Instant,
  actorId: z.number().int().nullable(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const NotificationView = z.object({
  id: z.number().int(),
  at: Instant,
  kind: z.string(),
  meetingId: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationList = z.object({ items: z.array(NotificationView), unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;
