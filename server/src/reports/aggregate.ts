import {
  FeedbackCategory,
  FeedbackStatus,
  HeldState,
  MeetingKind,
  type AttendanceRow,
  type Percentiles,
  type QualityReport,
  type UsageReport,
  type YearlyReport,
} from '@diemcau/shared';
import { emptyCounts, measures, mergeCounts, quantile, type Measure } from './histogram';
import { checkPassed, type History, type HistoryCheck, type HistoryMeeting, type HistorySite, type PresenceRecord } from './history';
import { localMonth, type ResolvedPeriod } from './period';

/*
 * The reports' figures, as pure functions of a loaded history (Art. 9, 15).
 * Rounding happens here, once, so every export shows the same numbers.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const rate = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));

/** Whom a report is about: one unit (its hosted meetings and its sites), or the whole province. */
export interface ReportScope {
  unitId: number | null;
}

export interface ReportContext {
  period: ResolvedPeriod;
  scope: ReportScope;
  timeZone: string;
  now: Date;
}

export interface BudgetRates {
  /** What a hired MCU service charges for one site connected for one hour. */
  ratePerSiteHour: number;
  /** This system's running cost for a whole year (hosting, line, maintenance). */
  runningCostPerYear: number;
  currency: string;
}

/** A meeting the bridge carried: it was opened. */
const wasHeld = (meeting: HistoryMeeting) => meeting.openedAt !== null && (meeting.status === 'live' || meeting.status === 'ended');

function stateOf(meeting: HistoryMeeting): HeldState | undefined {
  if (wasHeld(meeting)) return 'held';
  return meeting.status === 'cancelled' || meeting.status === 'preempted' || meeting.status === 'rejected' ? meeting.status : undefined;
}

const heldInterval = (meeting: HistoryMeeting, now: Date) => ({
  start: meeting.openedAt!.getTime(),
  end: (meeting.closedAt ?? new Date(Math.min(now.getTime(), meeting.endsAt.getTime()))).getTime(),
});

const sitesInScope = (history: History, scope: ReportScope) => history.sites.filter((site) => scope.unitId === null || site.unitId === scope.unitId);

/** Meetings starting in the period that concern the scope: hosted by the unit, or with one of its sites. */
function meetingsInScope(history: History, context: ReportContext): HistoryMeeting[] {
  const { start, end } = context.period;
  const ownSites = new Set(sitesInScope(history, context.scope).map((site) => site.id));
  return history.meetings.filter(
    (meeting) =>
      meeting.startsAt >= start &&
      meeting.startsAt < end &&
      (context.scope.unitId === null || meeting.hostUnitId === context.scope.unitId || meeting.siteIds.some((id) => ownSites.has(id))),
  );
}

/** Most intervals open at one time; an interval ending as another starts does not overlap it. */
export function peakConcurrent(intervals: ReadonlyArray<{ start: number; end: number }>): number {
  const edges = intervals.flatMap(({ start, end }) => [
    { at: start, delta: 1 },
    { at: end, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let peak = 0;
  for (const edge of edges) {
    open += edge.delta;
    peak = Math.max(peak, open);
  }
  return peak;
}

const presentMs = (record: PresenceRecord, now: Date) =>
  record.presentSeconds * 1000 + (record.onlineSince ? Math.max(0, now.getTime() - record.onlineSince.getTime()) : 0);

export function usageReport(history: History, context: ReportContext): UsageReport {
  const meetings = meetingsInScope(history, context);
  const held = meetings.filter(wasHeld);
  const unitName = new Map(history.units.map((unit) => [unit.id, unit.name]));
  const byHost = new Map<number | null, number>();
  for (const meeting of held) byHost.set(meeting.hostUnitId, (byHost.get(meeting.hostUnitId) ?? 0) + 1);
  const attended = new Set(history.presence.map((record) => `${record.meetingId}/${record.siteId}`));

  return {
    period: { from: context.period.from, to: context.period.to },
    unitId: context.scope.unitId,
    meetings: {
      total: meetings.length,
      byHostUnit: [...byHost]
        .map(([unitId, count]) => ({ unitId, unitName: unitId === null ? '' : (unitName.get(unitId) ?? ''), count }))
        .sort((a, b) => b.count - a.count || a.unitName.localeCompare(b.unitName, 'vi')),
      byKind: MeetingKind.options.map((kind) => ({ kind, count: held.filter((meeting) => meeting.kind === kind).length })),
      byState: HeldState.options.map((state) => ({ state, count: meetings.filter((meeting) => stateOf(meeting) === state).length })),
    },
    bridgeHours: round(held.reduce((sum, meeting) => sum + durationMs(heldInterval(meeting, context.now)), 0) / HOUR, 2),
    peakConcurrent: peakConcurrent(held.map((meeting) => heldInterval(meeting, context.now))),
    participation: sitesInScope(history, context.scope).map((site) => {
      const invited = held.filter((meeting) => meeting.siteIds.includes(site.id));
      const present = invited.filter((meeting) => attended.has(`${meeting.id}/${site.id}`)).length;
      return { siteId: site.id, siteName: site.name, invited: invited.length, attended: present, rate: rate(present, invited.length) };
    }),
  };
}

const durationMs = ({ start, end }: { start: number; end: number }) => Math.max(0, end - start);

function percentiles(counts: number[], measure: Measure): Percentiles {
  const p50 = quantile(counts, measure, 0.5);
  const p95 = quantile(counts, measure, 0.95);
  return p50 === undefined || p95 === undefined ? null : { p50, p95 };
}

export function qualityReport(history: History, context: ReportContext): QualityReport {
  const { start, end } = context.period;
  const inPeriod = (at: Date) => at >= start && at < end;
  const meetingIds = new Set(meetingsInScope(history, context).map((meeting) => meeting.id));
  return {
    period: { from: context.period.from, to: context.period.to },
    unitId: context.scope.unitId,
    sites: sitesInScope(history, context.scope).map((site) => {
      const incidents = history.incidents.filter((incident) => incident.siteId === site.id && inPeriod(incident.openedAt));
      const downtimeMs = incidents.reduce(
        (sum, incident) =>
          sum + (incident.downtimeSeconds !== null ? incident.downtimeSeconds * 1000 : Math.max(0, context.now.getTime() - incident.openedAt.getTime())),
        0,
      );
      const checks = history.checks.filter((check) => check.siteId === site.id && inPeriod(check.runAt));
      const passed = checks.filter((check) => checkPassed(check.verdict)).length;
      const merged = Object.fromEntries(measures.map((measure) => [measure, emptyCounts(measure)])) as Record<Measure, number[]>;
      for (const record of history.quality) {
        if (record.siteId === site.id && meetingIds.has(record.meetingId)) mergeCounts(merged[record.measure], record.counts);
      }
      return {
        siteId: site.id,
        siteName: site.name,
        incidents: incidents.length,
        downtimeMinutes: round(downtimeMs / MINUTE, 1),
        checks: checks.length,
        checksPassed: passed,
        checkPassRate: rate(passed, checks.length),
        packetLossPct: percentiles(merged.packetLossPct, 'packetLossPct'),
        rttMs: percentiles(merged.rttMs, 'rttMs'),
        bitrateInKbps: percentiles(merged.bitrateInKbps, 'bitrateInKbps'),
      };
    }),
  };
}

export function yearlyReport(history: History, context: ReportContext, rates: BudgetRates): YearlyReport {
  const usage = usageReport(history, context);
  const quality = qualityReport(history, context);
  const held = meetingsInScope(history, context).filter(wasHeld);
  const months = context.period.months.map((month) => {
    const inMonth = held.filter((meeting) => localMonth(meeting.openedAt!, context.timeZone) === month);
    return {
      month,
      meetings: inMonth.length,
      hours: round(inMonth.reduce((sum, meeting) => sum + durationMs(heldInterval(meeting, context.now)), 0) / HOUR, 2),
    };
  });
  const feedback = history.feedback.filter(
    (item) =>
      item.submittedAt >= context.period.start &&
      item.submittedAt < context.period.end &&
      (context.scope.unitId === null || item.unitId === context.scope.unitId),
  );
  const heldIds = new Set(held.map((meeting) => meeting.id));
  const ownSites = new Set(sitesInScope(history, context.scope).map((site) => site.id));
  const siteHours = round(
    history.presence
      .filter((record) => heldIds.has(record.meetingId) && ownSites.has(record.siteId))
      .reduce((sum, record) => sum + presentMs(record, context.now), 0) / HOUR,
    2,
  );
  const rentalCost = Math.round(siteHours * rates.ratePerSiteHour);
  const runningCost = Math.round((rates.runningCostPerYear * context.period.days) / 365);
  const unit = context.scope.unitId === null ? null : history.units.find((candidate) => candidate.id === context.scope.unitId);
  return {
    period: usage.period,
    unit: unit ? { id: unit.id, name: unit.name } : null,
    usage,
    quality,
    months,
    feedback: {
      byCategory: FeedbackCategory.options.map((category) => ({ category, count: feedback.filter((item) => item.category === category).length })),
      byStatus: FeedbackStatus.options.map((status) => ({ status, count: feedback.filter((item) => item.status === status).length })),
    },
    budget: { siteHours, ratePerSiteHour: rates.ratePerSiteHour, rentalCost, runningCost, saving: rentalCost - runningCost, currency: rates.currency },
  };
}

/** The check that speaks for a site in a meeting: one run for it, else the latest run before it within validity. */
function checkFor(meeting: HistoryMeeting, siteId: number, checks: readonly HistoryCheck[], validMs: number): HistoryCheck | undefined {
  const own = checks.filter((check) => check.siteId === siteId);
  const latest = (list: HistoryCheck[]) =>
    list.reduce<HistoryCheck | undefined>((best, check) => (!best || check.runAt > best.runAt ? check : best), undefined);
  return (
    latest(own.filter((check) => check.meetingId === meeting.id)) ??
    latest(own.filter((check) => check.runAt <= meeting.startsAt && meeting.startsAt.getTime() - check.runAt.getTime() <= validMs))
  );
}

/** Each invited site's roll call in a meeting: when it came and went, how long it stayed, how often it came back. */
export function attendanceRows(
  meeting: HistoryMeeting,
  sites: readonly HistorySite[],
  presence: readonly PresenceRecord[],
  checks: readonly HistoryCheck[],
  options: { now: Date; checkValidMs: number },
): AttendanceRow[] {
  return sites
    .filter((site) => meeting.siteIds.includes(site.id))
    .map((site) => {
      const record = presence.find((candidate) => candidate.meetingId === meeting.id && candidate.siteId === site.id);
      const check = checkFor(meeting, site.id, checks, options.checkValidMs);
      const lateMinutes = record ? Math.max(0, Math.floor((record.firstJoinAt.getTime() - meeting.startsAt.getTime()) / MINUTE)) : null;
      return {
        siteId: site.id,
        siteCode: site.code,
        siteName: site.name,
        status: lateMinutes === null ? 'absent' : lateMinutes > 0 ? 'late' : 'present',
        online: record?.onlineSince != null,
        firstJoinAt: record?.firstJoinAt.toISOString() ?? null,
        lastLeaveAt: record?.lastLeaveAt?.toISOString() ?? null,
        minutesPresent: record ? round(presentMs(record, options.now) / MINUTE, 1) : 0,
        reconnections: record?.reconnections ?? 0,
        lateMinutes,
        checkPassed: check ? checkPassed(check.verdict) : null,
      };
    });
}
