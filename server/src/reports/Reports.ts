import type { MeetingAttendance, QualityReport, ReportKind, ReportQuery, UsageReport, YearlyReport } from '@diemcau/shared';
import { can, type Principal } from '../auth/permissions';
import { DomainError } from '../errors';
import { attendanceRows, qualityReport, usageReport, yearlyReport, type BudgetRates, type ReportContext } from './aggregate';
import { attendanceDocument, qualityDocument, usageDocument, yearlyDocument, type ReportDocument } from './document';
import type { HistoryStore } from './HistoryStore';
import { resolvePeriod } from './period';

export interface ReportOptions {
  timeZone: string;
  checkValidMs: number;
  budget: BudgetRates;
}

type Reported = { kind: 'usage'; report: UsageReport } | { kind: 'quality'; report: QualityReport } | { kind: 'yearly'; report: YearlyReport };

/**
 * The reports of Art. 9 and 15 over any period (the calendar year by default):
 * a unit sees its own figures; the Department, the Office and the auditor see
 * every unit's, and the province's as a whole.
 */
export class Reports {
  constructor(
    private readonly history: HistoryStore,
    private readonly options: ReportOptions,
    private readonly now: () => Date,
  ) {}

  /** Which unit the principal may report on: any (or all) with `report:all`, else only its own. */
  scopeOf(principal: Principal, unitId: number | undefined): { unitId: number | null } {
    if (can(principal, 'report:all')) return { unitId: unitId ?? null };
    if (principal.unitId === null) throw new DomainError('forbidden', 'an account without a unit has no figures of its own');
    if (unitId !== undefined && unitId !== principal.unitId) throw new DomainError('forbidden', 'a unit sees only its own figures');
    return { unitId: principal.unitId };
  }

  async report(principal: Principal, kind: ReportKind, query: ReportQuery): Promise<{ reported: Reported; document: ReportDocument }> {
    const scope = this.scopeOf(principal, query.unitId);
    const now = this.now();
    const period = resolvePeriod(query, now, this.options.timeZone);
    const history = await this.history.load(period);
    if (scope.unitId !== null && !history.units.some((unit) => unit.id === scope.unitId)) throw new DomainError('not-found', 'no such unit');
    const context: ReportContext = { period, scope, timeZone: this.options.timeZone, now };
    const documentContext = {
      lang: query.lang,
      unitName: history.units.find((unit) => unit.id === scope.unitId)?.name ?? null,
      generatedAt: now.toISOString(),
      timeZone: this.options.timeZone,
    };
    switch (kind) {
      case 'usage': {
        const report = usageReport(history, context);
        return { reported: { kind, report }, document: usageDocument(report, documentContext) };
      }
      case 'quality': {
        const report = qualityReport(history, context);
        return { reported: { kind, report }, document: qualityDocument(report, documentContext) };
      }
      case 'yearly': {
        const report = yearlyReport(history, context, this.options.budget);
        return { reported: { kind, report }, document: yearlyDocument(report, documentContext) };
      }
    }
  }

  async attendance(meetingId: string, lang: ReportQuery['lang']): Promise<{ attendance: MeetingAttendance; document: ReportDocument }> {
    const loaded = await this.history.meeting(meetingId, this.options.checkValidMs);
    if (!loaded) throw new DomainError('not-found', 'no such meeting');
    const { meeting, sites, presence, checks } = loaded;
    const attendance: MeetingAttendance = {
      meetingId: meeting.id,
      title: meeting.title,
      status: meeting.status,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      sites: attendanceRows(meeting, sites, presence, checks, { now: this.now(), checkValidMs: this.options.checkValidMs }),
    };
    const document = attendanceDocument(attendance, { lang, unitName: null, generatedAt: this.now().toISOString(), timeZone: this.options.timeZone });
    return { attendance, document };
  }
}
