import { z } from 'zod';
import { FeedbackCategory, FeedbackStatus } from './reports';

/*
 * Feedback and proposals of the units to the Department of Information and
 * Communications (Art. 12.3, 15.3), and the Department's handling of them.
 */

const Instant = z.iso.datetime({ offset: true });

export const FeedbackInput = z
  .object({
    category: FeedbackCategory,
    text: z.string().trim().min(3).max(4000),
    meetingId: z.string().min(1).max(40).nullable().default(null),
    siteId: z.number().int().positive().nullable().default(null),
  })
  .strict();
export type FeedbackInput = z.infer<typeof FeedbackInput>;

/** Where the Department sends what it cannot settle itself. */
export const FeedbackRecipient = z.enum(['telecom', 'office']);
export type FeedbackRecipient = z.infer<typeof FeedbackRecipient>;

export const FeedbackAnswer = z.object({ answer: z.string().trim().min(3).max(4000) }).strict();
export const FeedbackForward = z.object({ to: FeedbackRecipient, note: z.string().trim().min(3).max(4000) }).strict();
export const FeedbackClose = z.object({ answer: z.string().trim().min(3).max(4000).optional() }).strict();

export const FeedbackView = z.object({
  id: z.number().int(),
  category: FeedbackCategory,
  text: z.string(),
  status: FeedbackStatus,
  unitId: z.number().int(),
  siteId: z.number().int().nullable(),
  meetingId: z.string().nullable(),
  submittedBy: z.string(),
  submittedAt: Instant,
  answer: z.string().nullable(),
  answeredAt: Instant.nullable(),
  forwardedTo: FeedbackRecipient.nullable(),
  closedAt: Instant.nullable(),
});
export type FeedbackView = z.infer<typeof FeedbackView>;
