import {
  exportLabels,
  type ExportLabels,
  type MeetingAttendance,
  type Percentiles,
  type QualityReport,
  type ReportLanguage,
  type UsageReport,
  type YearlyReport,
} from '@diemcau/shared';
import { formatLocalDate, localParts } from '../meetings/rules/zonedTime';

/*
 * A report laid out as a document: titled tables of plain cells, and the
 * charts to draw. The CSV, XLSX and PDF writers all render this one layout,
 * so the three exports cannot disagree.
 */

export type Cell = string | number | null;

export interface ReportTable {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface BarChart {
  title: string;
  bars: Array<{ label: string; value: number }>;
  /** The value a full bar stands for (100 for percentages); the largest bar otherwise. */
  max?: number;
}

export interface ReportDocument {
  title: string;
  /** Whom and when the report is about: lines of the cover page. */
  heading: Array<[string, string]>;
  tables: ReportTable[];
  charts: BarChart[];
  labels: ExportLabels;
}

/** 'YYYY-MM' as written in Vietnam and in the charts: '12/2026'. */
const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);
const p = (value: Percentiles, which: 'p50' | 'p95') => value?.[which] ?? null;

export function localTime(instant: string | null, timeZone: string): string | null {
  if (instant === null) return null;
  const parts = localParts(new Date(instant), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatLocalDate(parts)} ${pad(parts.hour)}:${pad(parts.minute)}`;
}

function heading(
  l: ExportLabels,
  period: { from: string; to: string },
  unitName: string | null,
  generatedAt: string,
  timeZone: string,
): Array<[string, string]> {
  return [
    [l.cover.unit, unitName ?? l.cover.province],
    [l.cover.period, `${period.from} – ${period.to}`],
    [l.cover.generated, localTime(generatedAt, timeZone) ?? ''],
  ];
}

function usageTables(report: UsageReport, l: ExportLabels): ReportTable[] {
  const held = report.meetings.byState.find((entry) => entry.state === 'held')?.count ?? 0;
  return [
    {
      title: l.tables.summary,
      columns: [l.columns.item, l.columns.value],
      rows: [
        [l.figures.totalMeetings, report.meetings.total],
        [l.states.held, held],
        [l.figures.bridgeHours, report.bridgeHours],
        [l.figures.peakConcurrent, report.peakConcurrent],
      ],
    },
    {
      title: l.tables.byHostUnit,
      columns: [l.columns.unit, l.columns.meetings],
      rows: report.meetings.byHostUnit.map((entry) => [entry.unitName, entry.count]),
    },
    { title: l.tables.byKind, columns: [l.columns.kind, l.columns.meetings], rows: report.meetings.byKind.map((entry) => [l.kinds[entry.kind], entry.count]) },
    {
      title: l.tables.byState,
      columns: [l.columns.state, l.columns.meetings],
      rows: report.meetings.byState.map((entry) => [l.states[entry.state], entry.count]),
    },
    {
      title: l.tables.participation,
      columns: [l.columns.site, l.columns.invited, l.columns.attended, l.columns.ratePct],
      rows: report.participation.map((entry) => [entry.siteName, entry.invited, entry.attended, percent(entry.rate)]),
    },
  ];
}

function qualityTables(report: QualityReport, l: ExportLabels): ReportTable[] {
  const c = l.columns;
  return [
    {
      title: l.tables.quality,
      columns: [
        c.site,
        c.incidents,
        c.downtimeMinutes,
        c.checks,
        c.checksPassed,
        c.checkPassPct,
        c.lossP50,
        c.lossP95,
        c.rttP50,
        c.rttP95,
        c.bitrateP50,
        c.bitrateP95,
      ],
      rows: report.sites.map((site) => [
        site.siteName,
        site.incidents,
        site.downtimeMinutes,
        site.checks,
        site.checksPassed,
        percent(site.checkPassRate),
        p(site.packetLossPct, 'p50'),
        p(site.packetLossPct, 'p95'),
        p(site.rttMs, 'p50'),
        p(site.rttMs, 'p95'),
        p(site.bitrateInKbps, 'p50'),
        p(site.bitrateInKbps, 'p95'),
      ]),
    },
  ];
}

interface DocumentContext {
  lang: ReportLanguage;
  unitName: string | null;
  generatedAt: string;
  timeZone: string;
}

/** A document of the report's own tables and charts, headed by its period and unit. */
function reportDocument(
  pick: (l: ExportLabels) => { title: string; tables: ReportTable[]; charts: BarChart[] },
  period: { from: string; to: string },
  context: DocumentContext,
): ReportDocument {
  const l = exportLabels[context.lang];
  return { ...pick(l), heading: heading(l, period, context.unitName, context.generatedAt, context.timeZone), labels: l };
}

export const usageDocument = (report: UsageReport, context: DocumentContext) =>
  reportDocument((l) => ({ title: l.reports.usage, tables: usageTables(report, l), charts: [participationChart(report, l)] }), report.period, context);

export const qualityDocument = (report: QualityReport, context: DocumentContext) =>
  reportDocument((l) => ({ title: l.reports.quality, tables: qualityTables(report, l), charts: qualityCharts(report, l) }), report.period, context);

/** Bars of a rate, leaving out the sites it does not apply to (never invited, never checked). */
const rateBars = <T extends { siteName: string }>(entries: T[], rateOf: (entry: T) => number | null) =>
  entries.flatMap((entry) => {
    const value = percent(rateOf(entry));
    return value === null ? [] : [{ label: entry.siteName, value }];
  });

const participationChart = (report: UsageReport, l: ExportLabels): BarChart => ({
  title: l.charts.participation,
  bars: rateBars(report.participation, (entry) => entry.rate),
  max: 100,
});

const qualityCharts = (report: QualityReport, l: ExportLabels): BarChart[] => [
  { title: l.charts.downtime, bars: report.sites.map((site) => ({ label: site.siteName, value: site.downtimeMinutes })) },
  { title: l.charts.checkPassRate, bars: rateBars(report.sites, (site) => site.checkPassRate), max: 100 },
];

export function yearlyDocument(report: YearlyReport, context: DocumentContext): ReportDocument {
  const b = report.budget;
  return reportDocument(
    (l) => ({
      title: l.reports.yearly,
      tables: [
        ...usageTables(report.usage, l),
        ...qualityTables(report.quality, l),
        {
          title: l.tables.months,
          columns: [l.columns.month, l.columns.meetings, l.columns.hours],
          rows: report.months.map((entry) => [entry.month, entry.meetings, entry.hours]),
        },
        {
          title: l.tables.feedbackByCategory,
          columns: [l.columns.category, l.columns.count],
          rows: report.feedback.byCategory.map((entry) => [l.categories[entry.category], entry.count]),
        },
        {
          title: l.tables.feedbackByStatus,
          columns: [l.columns.status, l.columns.count],
          rows: report.feedback.byStatus.map((entry) => [l.feedbackStatuses[entry.status], entry.count]),
        },
        {
          title: l.tables.budget,
          columns: [l.columns.item, `${l.columns.value} (${b.currency})`],
          rows: [
            [l.figures.siteHours, b.siteHours],
            [l.figures.ratePerSiteHour, b.ratePerSiteHour],
            [l.figures.rentalCost, b.rentalCost],
            [l.figures.runningCost, b.runningCost],
            [l.figures.saving, b.saving],
          ],
        },
      ],
      charts: [
        { title: l.charts.meetingsPerMonth, bars: report.months.map((entry) => ({ label: monthLabel(entry.month), value: entry.meetings })) },
        { title: l.charts.hoursPerMonth, bars: report.months.map((entry) => ({ label: monthLabel(entry.month), value: entry.hours })) },
        participationChart(report.usage, l),
        ...qualityCharts(report.quality, l),
        { title: l.charts.feedback, bars: report.feedback.byCategory.map((entry) => ({ label: l.categories[entry.category], value: entry.count })) },
      ],
    }),
    report.period,
    { ...context, unitName: report.unit?.name ?? null },
  );
}

export function attendanceDocument(attendance: MeetingAttendance, context: DocumentContext): ReportDocument {
  const l = exportLabels[context.lang];
  const c = l.columns;
  return {
    title: `${l.reports.attendance}: ${attendance.title}`,
    heading: [[l.cover.period, `${localTime(attendance.startsAt, context.timeZone)} – ${localTime(attendance.endsAt, context.timeZone)}`]],
    tables: [
      {
        title: l.tables.attendance,
        columns: [c.site, c.status, c.firstJoin, c.lastLeave, c.minutesPresent, c.reconnections, c.lateMinutes, c.check],
        rows: attendance.sites.map((site) => [
          site.siteName,
          l.rollCall[site.status],
          localTime(site.firstJoinAt, context.timeZone),
          localTime(site.lastLeaveAt, context.timeZone),
          site.minutesPresent,
          site.reconnections,
          site.lateMinutes,
          site.checkPassed === null ? l.check.none : site.checkPassed ? l.check.passed : l.check.failed,
        ]),
      },
    ],
    charts: [],
    labels: l,
  };
}
