import { addSample, emptyCounts, type Measure } from '../../../src/reports/histogram';
import type { History, HistoryMeeting, QualityRecord } from '../../../src/reports/history';

/*
 * A hand-built year of a small province, with answers worked out by hand in
 * aggregate.test.ts. Times are local (Asia/Ho_Chi_Minh, UTC+7).
 */

export const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

export const UNITS = { province: 1, department: 2, districtA: 3, districtB: 4 };
export const SITES = { chair: 10, a: 11, b: 12 };

const meeting = (
  fields: Partial<HistoryMeeting> &
    Pick<HistoryMeeting, 'id' | 'kind' | 'status' | 'hostUnitId' | 'siteIds'> & { from: string; to: string; held?: [string, string] },
): HistoryMeeting => ({
  title: fields.id,
  startsAt: vn(fields.from),
  endsAt: vn(fields.to),
  openedAt: fields.held ? vn(fields.held[0]) : null,
  closedAt: fields.held ? vn(fields.held[1]) : null,
  ...fields,
});

const histogram = (meetingId: string, siteId: number, measure: Measure, values: number[]): QualityRecord => {
  const counts = emptyCounts(measure);
  for (const value of values) addSample(counts, measure, value);
  return { meetingId, siteId, measure, counts };
};

const { province, department, districtA, districtB } = UNITS;
const { chair, a, b } = SITES;

export const history: History = {
  units: [
    { id: province, name: 'UBND tỉnh' },
    { id: department, name: 'Sở Thông tin và Truyền thông' },
    { id: districtA, name: 'UBND huyện A' },
    { id: districtB, name: 'UBND huyện B' },
  ],
  sites: [
    { id: chair, code: 'chair', name: 'Điểm cầu chủ tọa', unitId: province },
    { id: a, code: 'a', name: 'Huyện A', unitId: districtA },
    { id: b, code: 'b', name: 'Huyện B', unitId: districtB },
  ],
  meetings: [
    meeting({
      id: 'M1',
      kind: 'provincial',
      status: 'ended',
      hostUnitId: province,
      siteIds: [chair, a, b],
      from: '2026-03-10 08:00',
      to: '2026-03-10 10:00',
      held: ['2026-03-10 08:00', '2026-03-10 10:00'],
    }),
    meeting({
      id: 'M2',
      kind: 'departmental',
      status: 'ended',
      hostUnitId: department,
      siteIds: [chair, a],
      from: '2026-03-10 09:00',
      to: '2026-03-10 11:00',
      held: ['2026-03-10 09:00', '2026-03-10 10:30'],
    }),
    meeting({
      id: 'M3',
      kind: 'emergency',
      status: 'ended',
      hostUnitId: province,
      siteIds: [chair, b],
      from: '2026-07-05 14:00',
      to: '2026-07-05 15:00',
      held: ['2026-07-05 14:00', '2026-07-05 15:00'],
    }),
    meeting({ id: 'M4', kind: 'departmental', status: 'cancelled', hostUnitId: districtA, siteIds: [a], from: '2026-04-01 08:00', to: '2026-04-01 09:00' }),
    meeting({
      id: 'M5',
      kind: 'departmental',
      status: 'preempted',
      hostUnitId: department,
      siteIds: [chair, b],
      from: '2026-05-02 08:00',
      to: '2026-05-02 09:00',
    }),
    meeting({ id: 'M6', kind: 'departmental', status: 'rejected', hostUnitId: districtB, siteIds: [b], from: '2026-06-03 08:00', to: '2026-06-03 09:00' }),
    // Last year, half an hour before the period opens in local time.
    meeting({
      id: 'M7',
      kind: 'provincial',
      status: 'ended',
      hostUnitId: province,
      siteIds: [chair, a, b],
      from: '2025-12-31 23:30',
      to: '2026-01-01 00:30',
      held: ['2025-12-31 23:30', '2026-01-01 00:30'],
    }),
    meeting({ id: 'M8', kind: 'departmental', status: 'approved', hostUnitId: department, siteIds: [a], from: '2026-12-20 08:00', to: '2026-12-20 09:00' }),
  ],
  presence: [
    {
      meetingId: 'M1',
      siteId: chair,
      firstJoinAt: vn('2026-03-10 07:55'),
      lastLeaveAt: vn('2026-03-10 10:00'),
      presentSeconds: 125 * 60,
      reconnections: 0,
      onlineSince: null,
    },
    // 7 minutes late, dropped out 09:00–09:02: 53 + 58 minutes present.
    {
      meetingId: 'M1',
      siteId: a,
      firstJoinAt: vn('2026-03-10 08:07'),
      lastLeaveAt: vn('2026-03-10 10:00'),
      presentSeconds: 111 * 60,
      reconnections: 1,
      onlineSince: null,
    },
    {
      meetingId: 'M2',
      siteId: chair,
      firstJoinAt: vn('2026-03-10 09:00'),
      lastLeaveAt: vn('2026-03-10 10:30'),
      presentSeconds: 90 * 60,
      reconnections: 0,
      onlineSince: null,
    },
    {
      meetingId: 'M2',
      siteId: a,
      firstJoinAt: vn('2026-03-10 09:00'),
      lastLeaveAt: vn('2026-03-10 10:30'),
      presentSeconds: 90 * 60,
      reconnections: 0,
      onlineSince: null,
    },
    {
      meetingId: 'M3',
      siteId: chair,
      firstJoinAt: vn('2026-07-05 14:00'),
      lastLeaveAt: vn('2026-07-05 15:00'),
      presentSeconds: 60 * 60,
      reconnections: 0,
      onlineSince: null,
    },
    {
      meetingId: 'M3',
      siteId: b,
      firstJoinAt: vn('2026-07-05 14:03'),
      lastLeaveAt: vn('2026-07-05 15:00'),
      presentSeconds: 57 * 60,
      reconnections: 0,
      onlineSince: null,
    },
    {
      meetingId: 'M7',
      siteId: a,
      firstJoinAt: vn('2025-12-31 23:30'),
      lastLeaveAt: vn('2026-01-01 00:30'),
      presentSeconds: 3600,
      reconnections: 0,
      onlineSince: null,
    },
  ],
  incidents: [
    { siteId: a, openedAt: vn('2026-03-10 09:00'), downtimeSeconds: 120 },
    { siteId: b, openedAt: vn('2026-07-05 13:00'), downtimeSeconds: 600 },
    { siteId: b, openedAt: vn('2025-11-01 08:00'), downtimeSeconds: 9999 },
  ],
  checks: [
    { siteId: chair, meetingId: 'M1', runAt: vn('2026-03-09 16:00'), verdict: 'pass' },
    { siteId: chair, meetingId: null, runAt: vn('2026-07-05 10:00'), verdict: 'pass' },
    { siteId: a, meetingId: 'M1', runAt: vn('2026-03-09 16:00'), verdict: 'fail' },
    { siteId: a, meetingId: null, runAt: vn('2026-03-10 07:30'), verdict: 'warn' },
    { siteId: b, meetingId: null, runAt: vn('2026-07-05 13:30'), verdict: 'pass' },
  ],
  quality: [
    histogram('M1', a, 'rttMs', [20, 20, 30, 50, 100]),
    histogram('M2', a, 'rttMs', [20, 20, 20, 20, 20]),
    histogram('M1', a, 'packetLossPct', [0, 0, 0.5, 2]),
    histogram('M1', a, 'bitrateInKbps', [1200, 1200, 1500, 600]),
    histogram(
      'M7',
      a,
      'rttMs',
      Array.from({ length: 100 }, () => 5000),
    ),
  ],
  feedback: [
    { unitId: districtA, category: 'line', status: 'open', submittedAt: vn('2026-03-11 08:00') },
    { unitId: districtA, category: 'sound', status: 'answered', submittedAt: vn('2026-03-12 08:00') },
    { unitId: districtB, category: 'equipment', status: 'closed', submittedAt: vn('2026-07-06 08:00') },
    { unitId: districtB, category: 'line', status: 'closed', submittedAt: vn('2025-12-01 08:00') },
  ],
};
