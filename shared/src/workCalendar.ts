import { z } from 'zod';

/*
 * The exceptions to the working week (Art. 6.4 lead times, Labour Code 2019 Art. 112): public
 * holidays and the days off given for them, and make-up working days. Edited by the admin.
 */

export const CalendarDayKind = z.enum(['day-off', 'make-up']);
export type CalendarDayKind = z.infer<typeof CalendarDayKind>;

/** Why the day is an exception; the client names it in the reader's language. */
export const CalendarOccasion = z.enum(['new-year', 'lunar-new-year', 'hung-kings', 'reunification', 'labour-day', 'national-day', 'other']);
export type CalendarOccasion = z.infer<typeof CalendarOccasion>;

export const CalendarDay = z
  .object({
    date: z.iso.date(),
    kind: CalendarDayKind,
    occasion: CalendarOccasion,
    /** The admin's own words, e.g. the decision that set the swap; may be empty. */
    note: z.string().trim().max(200).default(''),
  })
  .strict();
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarDayQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
