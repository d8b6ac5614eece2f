import { describe, expect, it } from 'vitest';
import { attendanceRows, peakConcurrent, qualityReport, usageReport, yearlyReport, type ReportContext } from '../../../src/reports/aggregate';
import { resolvePeriod } from '../../../src/reports/period';
import { history, SITES, UNITS, vn } from './history';

const timeZone = 'Asia/Ho_Chi_Minh';
const now = vn('2026-12-01 12:00');
const year = resolvePeriod({}, now, timeZone);
const province: ReportContext = { period: year, scope: { unitId: null }, timeZone, now };
const districtA: ReportContext = { ...province, scope: { unitId: UNITS.districtA } };
const rates = { ratePerSiteHour: 300_000, runningCostPerYear: 365_000, currency: 'VND' };

describe('the report period', () => {
  it('Art. 15: defaults to the local calendar year, bounded at local midnight', () => {
    expect(year).toMatchObject({ from: '2026-01-01', to: '2026-12-31', days: 365 });
    expect(year.start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(year.end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(year.months).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it('takes any period of local days, both ends included', () => {
    expect(resolvePeriod({ from: '2026-02-27', to: '2026-03-02' }, now, timeZone)).toMatchObject({ days: 4, months: ['2026-02', '2026-03'] });
  });
});

describe('usage statistics (Art. 9, 15)', () => {
  it('counts the province’s meetings by host, kind and state, the bridge hours and the peak', () => {
    const usage = usageReport(history, province);
    expect(usage.meetings.total).toBe(7);
    expect(usage.meetings.byState).toEqual([
      { state: 'held', count: 3 },
      { state: 'cancelled', count: 1 },
      { state: 'preempted', count: 1 },
      { state: 'rejected', count: 1 },
    ]);
    expect(usage.meetings.byKind).toEqual([
      { kind: 'provincial', count: 1 },
      { kind: 'departmental', count: 1 },
      { kind: 'emergency', count: 1 },
    ]);
    expect(usage.meetings.byHostUnit).toEqual([
      { unitId: UNITS.province, unitName: 'UBND tỉnh', count: 2 },
      { unitId: UNITS.department, unitName: 'Sở Thông tin và Truyền thông', count: 1 },
    ]);
    expect(usage.bridgeHours).toBe(4.5);
    expect(usage.peakConcurrent).toBe(2);
    expect(usage.participation).toEqual([
      { siteId: SITES.chair, siteName: 'Điểm cầu chủ tọa', invited: 3, attended: 3, rate: 1 },
      { siteId: SITES.a, siteName: 'Huyện A', invited: 2, attended: 2, rate: 1 },
      { siteId: SITES.b, siteName: 'Huyện B', invited: 2, attended: 1, rate: 0.5 },
    ]);
  });

  it('Art. 15.1: a unit’s report holds the meetings it hosted or took part in, and only its own sites', () => {
    const usage = usageReport(history, districtA);
    expect(usage.meetings.total).toBe(4);
    expect(usage.meetings.byState.map((entry) => entry.count)).toEqual([2, 1, 0, 0]);
    expect(usage.bridgeHours).toBe(3.5);
    expect(usage.participation).toEqual([{ siteId: SITES.a, siteName: 'Huyện A', invited: 2, attended: 2, rate: 1 }]);
  });

  it('counts touching meetings as one after the other, overlapping ones as concurrent', () => {
    expect(
      peakConcurrent([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
      ]),
    ).toBe(1);
    expect(
      peakConcurrent([
        { start: 0, end: 10 },
        { start: 5, end: 20 },
        { start: 6, end: 7 },
      ]),
    ).toBe(3);
    expect(peakConcurrent([])).toBe(0);
  });
});

describe('quality statistics (Art. 7.1.d, 8, 9)', () => {
  it('gives each site its incidents, downtime, check pass rate and the percentiles of the period’s meetings only', () => {
    const [chair, a, b] = qualityReport(history, province).sites;
    expect(chair).toMatchObject({ incidents: 0, downtimeMinutes: 0, checks: 2, checksPassed: 2, checkPassRate: 1, rttMs: null });
    expect(a).toMatchObject({ incidents: 1, downtimeMinutes: 2, checks: 2, checksPassed: 1, checkPassRate: 0.5 });
    // Ten samples: 20 ×7, 30, 50, 100 (last year's 5000 ms meeting stays out).
    expect(a!.rttMs).toEqual({ p50: 20, p95: 100 });
    expect(a!.packetLossPct).toEqual({ p50: 0, p95: 2 });
    expect(a!.bitrateInKbps).toEqual({ p50: 1200, p95: 1500 });
    expect(b).toMatchObject({ incidents: 1, downtimeMinutes: 10, checks: 1, checksPassed: 1, checkPassRate: 1, packetLossPct: null });
  });
});

describe('the yearly report (Art. 15) and its budget (Art. 9.2)', () => {
  it('adds up months, feedback and the cost of the site-hours against the running cost', () => {
    const report = yearlyReport(history, province, rates);
    expect(report.unit).toBeNull();
    expect(report.months.find((entry) => entry.month === '2026-03')).toEqual({ month: '2026-03', meetings: 2, hours: 3.5 });
    expect(report.months.find((entry) => entry.month === '2026-07')).toEqual({ month: '2026-07', meetings: 1, hours: 1 });
    expect(report.months.find((entry) => entry.month === '2026-01')).toEqual({ month: '2026-01', meetings: 0, hours: 0 });
    expect(report.feedback.byCategory.filter((entry) => entry.count > 0)).toEqual([
      { category: 'sound', count: 1 },
      { category: 'line', count: 1 },
      { category: 'equipment', count: 1 },
    ]);
    expect(report.feedback.byStatus).toEqual([
      { status: 'open', count: 1 },
      { status: 'answered', count: 1 },
      { status: 'forwarded', count: 0 },
      { status: 'closed', count: 1 },
    ]);
    // 125 + 111 + 90 + 90 + 60 + 57 minutes = 533 minutes = 8.88 site-hours.
    expect(report.budget).toEqual({
      siteHours: 8.88,
      ratePerSiteHour: 300_000,
      rentalCost: 2_664_000,
      runningCost: 365_000,
      saving: 2_299_000,
      currency: 'VND',
    });
  });

  it('Art. 15.1: prices a unit’s own site-hours, names the unit and prorates the running cost to the period', () => {
    const report = yearlyReport(history, { ...districtA, period: resolvePeriod({ from: '2026-03-01', to: '2026-03-31' }, now, timeZone) }, rates);
    expect(report.unit).toEqual({ id: UNITS.districtA, name: 'UBND huyện A' });
    expect(report.budget).toMatchObject({ siteHours: 3.35, rentalCost: 1_005_000, runningCost: 31_000 });
    expect(report.feedback.byCategory.filter((entry) => entry.count > 0)).toEqual([
      { category: 'sound', count: 1 },
      { category: 'line', count: 1 },
    ]);
  });
});

describe('attendance (roll call)', () => {
  const m1 = history.meetings.find((meeting) => meeting.id === 'M1')!;
  const options = { now, checkValidMs: 24 * 3_600_000 };

  it('Art. 6.4: lists each invited site as present, late or absent, with its time, reconnections and check', () => {
    expect(attendanceRows(m1, history.sites, history.presence, history.checks, options)).toEqual([
      {
        siteId: SITES.chair,
        siteCode: 'chair',
        siteName: 'Điểm cầu chủ tọa',
        status: 'present',
        online: false,
        firstJoinAt: vn('2026-03-10 07:55').toISOString(),
        lastLeaveAt: vn('2026-03-10 10:00').toISOString(),
        minutesPresent: 125,
        reconnections: 0,
        lateMinutes: 0,
        checkPassed: true,
      },
      {
        siteId: SITES.a,
        siteCode: 'a',
        siteName: 'Huyện A',
        status: 'late',
        online: false,
        firstJoinAt: vn('2026-03-10 08:07').toISOString(),
        lastLeaveAt: vn('2026-03-10 10:00').toISOString(),
        minutesPresent: 111,
        reconnections: 1,
        lateMinutes: 7,
        checkPassed: false,
      },
      {
        siteId: SITES.b,
        siteCode: 'b',
        siteName: 'Huyện B',
        status: 'absent',
        online: false,
        firstJoinAt: null,
        lastLeaveAt: null,
        minutesPresent: 0,
        reconnections: 0,
        lateMinutes: null,
        checkPassed: null,
      },
    ]);
  });

  it('counts the interval still open while the meeting runs, for the live roll call', () => {
    const live = [
      {
        meetingId: 'M1',
        siteId: SITES.b,
        firstJoinAt: vn('2026-03-10 08:00'),
        lastLeaveAt: null,
        presentSeconds: 0,
        reconnections: 0,
        onlineSince: vn('2026-03-10 08:00'),
      },
    ];
    const [, , b] = attendanceRows(m1, history.sites, live, [], { ...options, now: vn('2026-03-10 08:30') });
    expect(b).toMatchObject({ status: 'present', online: true, minutesPresent: 30, lateMinutes: 0, checkPassed: null });
  });
});
