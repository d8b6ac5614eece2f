import { z } from 'zod';
import { MeetingKind, MeetingStatus } from './meetings';

/*
 * Records and reports (Art. 9, 15): attendance of each meeting, usage and
 * quality over a period, and the yearly report with its budget comparison.
 * Figures only; the screens and the exports put words around them.
 */

const Instant = z.iso.datetime({ offset: true });
const LocalDate = z.iso.date();

export const ReportLanguage = z.enum(['vi', 'en']);
export type ReportLanguage = z.infer<typeof ReportLanguage>;

export const ReportFormat = z.enum(['json', 'csv', 'xlsx', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const ReportKind = z.enum(['usage', 'quality', 'yearly']);
export type ReportKind = z.infer<typeof ReportKind>;

/** A period of local calendar days, both ends included; without one, the current calendar year. */
export const ReportQuery = z
  .object({
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    unitId: z.coerce.number().int().positive().optional(),
    /** Language of the exported document's words; the JSON is the same in both. */
    lang: ReportLanguage.default('vi'),
  })
  .strict()
  .refine((query) => (query.from === undefined) === (query.to === undefined), { message: 'give both from and to, or neither', path: ['from'] })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { message: 'from is after to', path: ['to'] });
export type ReportQuery = z.infer<typeof ReportQuery>;

export const Period = z.object({ from: LocalDate, to: LocalDate });
export type Period = z.infer<typeof Period>;

/** Where a site stands in a meeting's roll call. */
export const RollCallStatus = z.enum(['present', 'late', 'absent']);
export type RollCallStatus = z.infer<typeof RollCallStatus>;

export const AttendanceRow = z.object({
  siteId: z.number().int(),
  siteCode: z.string(),
  siteName: z.string(),
  status: RollCallStatus,
  /** Connected right now (the live roll call). */
  online: z.boolean(),
  firstJoinAt: Instant.nullable(),
  lastLeaveAt: Instant.nullable(),
  minutesPresent: z.number(),
  /** Times it came back online after dropping out. */
  reconnections: z.number().int(),
  /** Whole minutes after the start time it first joined; null when it never joined. */
  lateMinutes: z.number().int().nullable(),
  /** Its pre-session check for this meeting: passed, failed, or none run (null). */
  checkPassed: z.boolean().nullable(),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

export const MeetingAttendance = z.object({
  meetingId: z.string(),
  title: z.string(),
  status: MeetingStatus,
  startsAt: Instant,
  endsAt: Instant,
  sites: z.array(AttendanceRow),
});
export type MeetingAttendance = z.infer<typeof MeetingAttendance>;

const Count = z.number().int().min(0);
/** p50 and p95 of a measure over every sample of the period; null without samples. */
export const Percentiles = z.object({ p50: z.number(), p95: z.number() }).nullable();
export type Percentiles = z.infer<typeof Percentiles>;

export const HeldState = z.enum(['held', 'cancelled', 'preempted', 'rejected']);
export type HeldState = z.infer<typeof HeldState>;

export const UsageReport = z.object({
  period: Period,
  unitId: z.number().int().nullable(),
  meetings: z.object({
    total: Count,
    byHostUnit: z.array(z.object({ unitId: z.number().int().nullable(), unitName: z.string(), count: Count })),
    byKind: z.array(z.object({ kind: MeetingKind, count: Count })),
    byState: z.array(z.object({ state: HeldState, count: Count })),
  }),
  /** Hours the bridge carried meetings, and the most meetings it carried at once. */
  bridgeHours: z.number(),
  peakConcurrent: Count,
  participation: z.array(z.object({ siteId: z.number().int(), siteName: z.string(), invited: Count, attended: Count, rate: z.number().nullable() })),
});
export type UsageReport = z.infer<typeof UsageReport>;

export const SiteQuality = z.object({
  siteId: z.number().int(),
  siteName: z.string(),
  incidents: Count,
  downtimeMinutes: z.number(),
  checks: Count,
  checksPassed: Count,
  checkPassRate: z.number().nullable(),
  packetLossPct: Percentiles,
  rttMs: Percentiles,
  bitrateInKbps: Percentiles,
});
export type SiteQuality = z.infer<typeof SiteQuality>;

export const QualityReport = z.object({ period: Period, unitId: z.number().int().nullable(), sites: z.array(SiteQuality) });
export type QualityReport = z.infer<typeof QualityReport>;

export const FeedbackCategory = z.enum(['image', 'sound', 'line', 'equipment', 'scheduling', 'regulation', 'other']);
export type FeedbackCategory = z.infer<typeof FeedbackCategory>;

export const FeedbackStatus = z.enum(['open', 'answered', 'forwarded', 'closed']);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

export const YearlyReport = z.object({
  period: Period,
  unit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  usage: UsageReport,
  quality: QualityReport,
  months: z.array(z.object({ month: z.string(), meetings: Count, hours: z.number() })),
  feedback: z.object({
    byCategory: z.array(z.object({ category: FeedbackCategory, count: Count })),
    byStatus: z.array(z.object({ status: FeedbackStatus, count: Count })),
  }),
  /** Art. 9.2: what the hours would have cost at a hired MCU service, beside this system's running cost. */
  budget: z.object({
    siteHours: z.number(),
    ratePerSiteHour: z.number(),
    rentalCost: z.number(),
    runningCost: z.number(),
    saving: z.number(),
    currency: z.string(),
  }),
});
export type YearlyReport = z.infer<typeof YearlyReport>;
