import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditEntryView,
  FeedbackView,
  MeetingAttendance,
  MeetingView,
  MonitorSample,
  NotificationList,
  ProtocolError,
  QualityReport,
  SiteView,
  UnitView,
  UsageReport,
  YearlyReport,
} from '@diemcau/shared';
import { passingMeasurements } from '../support/checkMeasurements';
import { apiClient, joinMedia, nextEvent, startTestPlatform, TestClock, waitFor, type KioskClient, type TestPlatform } from './harness';

/*
 * One day of the province on an injected clock, Wednesday 9 December 2026:
 * three meetings, kiosks joining late and one dropping out once (its
 * incident), one failed check, two feedback items answered; then every
 * figure of the reports, and the CSV and XLSX cell by cell.
 */

const at = (local: string) => new Date(`2026-12-${local}:00+07:00`);
const clock = new TestClock(at('07T07:00'));
const DAY = 'from=2026-12-09&to=2026-12-09';
let platform: TestPlatform;
/** Each user's API, logged in again whenever the clock moved past the access token's life. */
const api = new Proxy<Record<string, ReturnType<typeof apiClient>>>(
  {},
  {
    get:
      (_target, user: string) =>
      async (...args: Parameters<ReturnType<typeof apiClient>>) =>
        apiClient(platform.url, await tokenOf(user))(...args),
  },
);
const tokens = new Map<string, { token: string; at: number }>();
async function tokenOf(user: string): Promise<string> {
  const cached = tokens.get(user);
  if (cached && Math.abs(clock.now().getTime() - cached.at) < 10 * 60_000) return cached.token;
  const token = await platform.login(user);
  tokens.set(user, { token, at: clock.now().getTime() });
  return token;
}
let sites: Record<string, number>;
let units: Record<string, number>;
const meetings: Record<'A' | 'B' | 'C', MeetingView> = {} as never;
const kiosks: KioskClient[] = [];

const passing = passingMeasurements;
const failing: typeof passing = { ...passing, ice: { ...passing.ice, udp: { connected: false } } };

const attendanceOf = async (meeting: 'A' | 'B' | 'C') => (await api.sotttt!<MeetingAttendance>('GET', `/meetings/${meetings[meeting].id}/attendance`)).body;
const siteRow = async (meeting: 'A' | 'B' | 'C', code: string) => (await attendanceOf(meeting)).sites.find((row) => row.siteCode === code)!;

/** A kiosk joins the live meeting's room at the clock's time; returns once its presence is recorded. */
async function join(meeting: 'A' | 'B' | 'C', code: string): Promise<KioskClient> {
  const kiosk = platform.connectKiosk({ token: await platform.kioskToken(code) });
  kiosks.push(kiosk);
  await nextEvent(kiosk, 'session:state');
  await joinMedia(kiosk);
  await waitFor(async () => (await siteRow(meeting, code)).online);
  return kiosk;
}

async function leave(meeting: 'A' | 'B' | 'C', code: string, kiosk: KioskClient): Promise<void> {
  kiosk.disconnect();
  await waitFor(async () => !(await siteRow(meeting, code)).online);
}

async function book(title: string, kind: MeetingView['kind'], host: string, from: string, to: string, codes: string[]): Promise<MeetingView> {
  const response = await api.vanphong!<MeetingView>('POST', '/meetings', {
    title,
    kind,
    hostUnitId: units[host],
    chairPerson: 'Chủ tịch UBND tỉnh',
    startsAt: at(from).toISOString(),
    endsAt: at(to).toISOString(),
    siteIds: codes.map((code) => sites[code]),
    attestsNotSecret: true,
    approve: true,
  });
  expect(response.status).toBe(201);
  return response.body;
}

async function startDue(local: string, expected: number): Promise<void> {
  clock.set(at(local));
  expect(await platform.meetings.startDue()).toBe(expected);
}

async function close(meeting: 'A' | 'B' | 'C'): Promise<void> {
  expect((await api.chutoa!('POST', `/meetings/${meetings[meeting].id}/close`)).status).toBe(200);
  await waitFor(async () => (await attendanceOf(meeting)).sites.every((row) => !row.online));
}

/** What the monitor saw of a site during a meeting (its event is the recorder's only input). */
function sample(meeting: 'A' | 'B' | 'C', code: string, figures: { rttMs: number; packetLossPct: number; bitrateInKbps: number }): void {
  const event: MonitorSample = {
    at: clock.now().toISOString(),
    workers: [],
    totals: { rooms: 1, peers: 1, transports: 2, producers: 2, consumers: 0 },
    meetings: [
      {
        meetingId: meetings[meeting].id,
        title: meetings[meeting].title,
        sites: [
          {
            siteCode: code,
            name: code,
            online: true,
            connection: 'connected',
            bitrateOutKbps: 900,
            jitterMs: 3,
            score: 10,
            audioLevel: 0,
            receivedLayer: 2,
            receivedFewerFrames: false,
            ...figures,
          },
          // An offline site's zeros must not count.
          {
            siteCode: 'ninh-hai',
            name: 'ninh-hai',
            online: false,
            connection: '',
            bitrateInKbps: 0,
            bitrateOutKbps: 0,
            packetLossPct: 0,
            jitterMs: 0,
            rttMs: 0,
            score: 0,
            audioLevel: 0,
            receivedLayer: null,
            receivedFewerFrames: false,
          },
        ],
      },
    ],
  };
  platform.monitor.emit('sample', event);
}

beforeAll(async () => {
  platform = await startTestPlatform({
    now: clock.now,
    manualScheduler: true,
    env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', INCIDENT_GRACE_SECONDS: '0', REPORT_SITE_HOUR_RATE: '500000', REPORT_RUNNING_COST_PER_YEAR: '36500000' },
  });
  sites = Object.fromEntries((await api.admin!<SiteView[]>('GET', '/sites')).body.map((site) => [site.code, site.id]));
  units = Object.fromEntries((await api.admin!<UnitView[]>('GET', '/units')).body.map((unit) => [unit.code, unit.id]));

  // The demo meeting the first start opened is closed at once, two days before the day.
  const live = (await api.vanphong!<MeetingView[]>('GET', '/meetings?status=live')).body;
  for (const meeting of live) await api.chutoa!('POST', `/meetings/${meeting.id}/close`);

  meetings.A = await book('Giao ban trực tuyến tháng 12', 'provincial', 'ubnd-tinh', '09T08:00', '09T10:00', ['chair', 'bac-ai', 'ninh-son', 'ninh-hai']);
  meetings.B = await book('Tập huấn chuyển đổi số', 'departmental', 'stttt', '09T09:00', '09T10:00', ['phan-rang', 'thuan-bac']);
  meetings.C = await book('Họp khẩn ứng phó bão số 15', 'emergency', 'ubnd-tinh', '09T14:00', '09T15:00', ['chair', 'bac-ai', 'thuan-nam']);

  // 07:00: the pre-session checks, one of them failed.
  clock.set(at('09T07:00'));
  for (const [code, measurements] of [
    ['chair', passing],
    ['bac-ai', passing],
    ['ninh-son', failing],
  ] as const) {
    const check = await api.vnpt!('POST', `/sites/${sites[code]}/checks`, { meetingId: meetings.A.id, measurements });
    expect(check.status).toBe(201);
  }

  // Meeting A: ninh-son 12 minutes late, bac-ai drops out 08:30–08:33, ninh-hai never comes.
  await startDue('09T08:00', 1);
  const chairA = await join('A', 'chair');
  let bacAi = await join('A', 'bac-ai');
  sample('A', 'bac-ai', { rttMs: 40, packetLossPct: 0, bitrateInKbps: 1000 });
  clock.set(at('09T08:12'));
  const ninhSon = await join('A', 'ninh-son');
  sample('A', 'bac-ai', { rttMs: 40, packetLossPct: 0, bitrateInKbps: 1000 });
  clock.set(at('09T08:30'));
  await leave('A', 'bac-ai', bacAi);
  await waitFor(async () =>
    (await api.vnpt!<Array<{ siteId: number }>>('GET', '/incidents?open=true')).body.some((incident) => incident.siteId === sites['bac-ai']),
  );
  clock.set(at('09T08:33'));
  bacAi = await join('A', 'bac-ai');
  sample('A', 'bac-ai', { rttMs: 100, packetLossPct: 1, bitrateInKbps: 1500 });
  await waitFor(async () => (await api.vnpt!<unknown[]>('GET', '/incidents?open=true')).body.length === 0);

  // Meeting B overlaps A: thuan-bac 5 minutes late.
  await startDue('09T09:00', 1);
  const phanRang = await join('B', 'phan-rang');
  clock.set(at('09T09:05'));
  const thuanBac = await join('B', 'thuan-bac');

  clock.set(at('09T10:00'));
  await close('A');
  await close('B');
  for (const kiosk of [chairA, bacAi, ninhSon, phanRang, thuanBac]) kiosk.disconnect();

  // Meeting C: bac-ai two minutes late.
  await startDue('09T14:00', 1);
  await join('C', 'chair');
  await join('C', 'thuan-nam');
  clock.set(at('09T14:02'));
  await join('C', 'bac-ai');
  clock.set(at('09T15:00'));
  await close('C');
}, 120_000);

afterAll(async () => {
  for (const kiosk of kiosks) kiosk.disconnect();
  await platform?.close();
});

describe('attendance of a meeting (roll call)', () => {
  it('records first join, last leave, minutes present, reconnections, lateness and the check of each site', async () => {
    const attendance = await attendanceOf('A');
    expect(attendance).toMatchObject({ meetingId: meetings.A.id, status: 'ended', startsAt: at('09T08:00').toISOString() });
    const iso = (local: string) => at(local).toISOString();
    expect(attendance.sites).toEqual([
      {
        siteId: sites.chair,
        siteCode: 'chair',
        siteName: 'Văn phòng UBND tỉnh',
        status: 'present',
        online: false,
        firstJoinAt: iso('09T08:00'),
        lastLeaveAt: iso('09T10:00'),
        minutesPresent: 120,
        reconnections: 0,
        lateMinutes: 0,
        checkPassed: true,
      },
      {
        siteId: sites['bac-ai'],
        siteCode: 'bac-ai',
        siteName: 'Huyện Bác Ái',
        status: 'present',
        online: false,
        firstJoinAt: iso('09T08:00'),
        lastLeaveAt: iso('09T10:00'),
        minutesPresent: 117,
        reconnections: 1,
        lateMinutes: 0,
        checkPassed: true,
      },
      {
        siteId: sites['ninh-hai'],
        siteCode: 'ninh-hai',
        siteName: 'Huyện Ninh Hải',
        status: 'absent',
        online: false,
        firstJoinAt: null,
        lastLeaveAt: null,
        minutesPresent: 0,
        reconnections: 0,
        lateMinutes: null,
        checkPassed: null,
      },
      {
        siteId: sites['ninh-son'],
        siteCode: 'ninh-son',
        siteName: 'Huyện Ninh Sơn',
        status: 'late',
        online: false,
        firstJoinAt: iso('09T08:12'),
        lastLeaveAt: iso('09T10:00'),
        minutesPresent: 108,
        reconnections: 0,
        lateMinutes: 12,
        checkPassed: false,
      },
    ]);
  });

  it('exports the attendance as CSV with a byte-order mark, cell by cell', async () => {
    const response = await fetch(`${platform.url}/api/meetings/${meetings.A.id}/attendance.csv`, {
      headers: { authorization: `Bearer ${await tokenOf('chutoa')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'Điểm danh cuộc họp: Giao ban trực tuyến tháng 12',
      'Kỳ báo cáo,2026-12-09 08:00 – 2026-12-09 10:00',
      '',
      'Điểm danh',
      'Điểm cầu,Trạng thái,Vào lần đầu,Rời lần cuối,Số phút có mặt,Số lần kết nối lại,Đến muộn (phút),Kiểm tra trước họp',
      'Văn phòng UBND tỉnh,Có mặt,2026-12-09 08:00,2026-12-09 10:00,120,0,0,Đạt',
      'Huyện Bác Ái,Có mặt,2026-12-09 08:00,2026-12-09 10:00,117,1,0,Đạt',
      'Huyện Ninh Hải,Vắng,,,0,0,,Chưa kiểm tra',
      'Huyện Ninh Sơn,Đến muộn,2026-12-09 08:12,2026-12-09 10:00,108,0,12,Không đạt',
    ]);
  });

  it('is refused to a visitor, and a meeting that does not exist is a 404', async () => {
    expect((await apiClient(platform.url)('GET', `/meetings/${meetings.A.id}/attendance`)).status).toBe(401);
    expect((await api.sotttt!<{ error: ProtocolError }>('GET', '/meetings/no-such-meeting/attendance')).status).toBe(404);
  });
});

describe('feedback and proposals (Art. 12.3, 15.3)', () => {
  let line: FeedbackView;
  let scheduling: FeedbackView;

  beforeAll(async () => {
    clock.set(at('09T16:00'));
    line = (
      await api['kythuat.bacai']!<FeedbackView>('POST', '/feedback', {
        category: 'line',
        text: 'Đường truyền chập chờn lúc 8 giờ 30',
        meetingId: meetings.A.id,
        siteId: sites['bac-ai'],
      })
    ).body;
    scheduling = (await api.chutoa!<FeedbackView>('POST', '/feedback', { category: 'scheduling', text: 'Đề nghị báo lịch họp khẩn sớm hơn' })).body;
  });

  it('is written by a unit’s users, answered, forwarded and closed by the Department, with the submitter notified', async () => {
    expect(line).toMatchObject({ status: 'open', unitId: units['ubnd-bac-ai'], siteId: sites['bac-ai'], submittedBy: 'kythuat.bacai' });
    const answered = await api.sotttt!<FeedbackView>('POST', `/feedback/${line.id}/answer`, { answer: 'VNPT đã thay bộ chuyển mạch tại huyện' });
    expect(answered.body).toMatchObject({ status: 'answered', answer: 'VNPT đã thay bộ chuyển mạch tại huyện', answeredAt: clock.now().toISOString() });
    const forwarded = await api.sotttt!<FeedbackView>('POST', `/feedback/${scheduling.id}/forward`, {
      to: 'office',
      note: 'Chuyển Văn phòng UBND tỉnh xem xét',
    });
    expect(forwarded.body).toMatchObject({ status: 'forwarded', forwardedTo: 'office' });
    expect((await api.vanphong!<FeedbackView[]>('GET', '/feedback')).body.map((item) => item.id)).toContain(scheduling.id);
    const closed = await api.sotttt!<FeedbackView>('POST', `/feedback/${scheduling.id}/close`, { answer: 'Văn phòng sẽ báo lịch họp khẩn trước 3 giờ' });
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: clock.now().toISOString() });
    expect((await api.sotttt!('POST', `/feedback/${scheduling.id}/answer`, { answer: 'lần nữa' })).status).toBe(409);

    const seen = (await api['kythuat.bacai']!<FeedbackView[]>('GET', '/feedback')).body;
    expect(seen.map((item) => [item.id, item.status, item.answer])).toEqual([[line.id, 'answered', 'VNPT đã thay bộ chuyển mạch tại huyện']]);
    const inbox = (await api['kythuat.bacai']!<NotificationList>('GET', '/notifications')).body;
    expect(inbox.items[0]).toMatchObject({ kind: 'feedback-answered', params: { id: line.id, status: 'answered' } });
    expect((await api.chutoa!<NotificationList>('GET', '/notifications')).body.items.map((item) => item.kind).slice(0, 2)).toEqual([
      'feedback-closed',
      'feedback-forwarded',
    ]);
  });

  it('is audited at every step, and only the Department handles it', async () => {
    const audit = (await api.sotttt!<AuditEntryView[]>('GET', '/audit?entityType=feedback')).body;
    expect(audit.map((entry) => [entry.action, entry.entityId, entry.actor]).reverse()).toEqual([
      ['feedback.submit', String(line.id), 'user:kythuat.bacai'],
      ['feedback.submit', String(scheduling.id), 'user:chutoa'],
      ['feedback.answer', String(line.id), 'user:sotttt'],
      ['feedback.forward', String(scheduling.id), 'user:sotttt'],
      ['feedback.close', String(scheduling.id), 'user:sotttt'],
    ]);
    expect((await api.vanphong!('POST', `/feedback/${line.id}/answer`, { answer: 'không phải việc của tôi' })).status).toBe(403);
    expect((await api['kythuat.bacai']!('POST', '/feedback', { category: 'line', text: 'Điểm cầu khác', siteId: sites['ninh-son'] })).status).toBe(403);
    const bad = await api.chutoa!<{ error: ProtocolError }>('POST', '/feedback', { category: 'weather', text: 'x' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields ?? {})).toEqual(['category', 'text']);
  });
});

/** The sites as every report lists them: the chair, then the districts by Vietnamese name. */
const SITE_ORDER = ['chair', 'bac-ai', 'ninh-hai', 'ninh-phuoc', 'ninh-son', 'thuan-bac', 'thuan-nam', 'phan-rang'];
const SITE_NAMES = [
  'Văn phòng UBND tỉnh',
  'Huyện Bác Ái',
  'Huyện Ninh Hải',
  'Huyện Ninh Phước',
  'Huyện Ninh Sơn',
  'Huyện Thuận Bắc',
  'Huyện Thuận Nam',
  'TP. Phan Rang–Tháp Chàm',
];

/** Every table of the day's yearly report, as the exports must show it (Vietnamese). */
const expectedTables: Array<{ title: string; columns: string[]; rows: Array<Array<string | number | null>> }> = [
  {
    title: 'Tổng hợp',
    columns: ['Chỉ tiêu', 'Giá trị'],
    rows: [
      ['Tổng số cuộc họp đăng ký', 3],
      ['Đã tổ chức', 3],
      ['Số giờ sử dụng điểm cầu trung tâm', 4],
      ['Số cuộc họp đồng thời cao nhất', 2],
    ],
  },
  {
    title: 'Cuộc họp theo đơn vị chủ trì',
    columns: ['Đơn vị', 'Số cuộc họp'],
    rows: [
      ['UBND tỉnh Ninh Thuận', 2],
      ['Sở Thông tin và Truyền thông', 1],
    ],
  },
  {
    title: 'Cuộc họp theo loại',
    columns: ['Loại', 'Số cuộc họp'],
    rows: [
      ['UBND tỉnh chủ trì', 1],
      ['Sở, ngành chủ trì', 1],
      ['Khẩn cấp', 1],
    ],
  },
  {
    title: 'Cuộc họp theo tình trạng',
    columns: ['Tình trạng', 'Số cuộc họp'],
    rows: [
      ['Đã tổ chức', 3],
      ['Đã hủy', 0],
      ['Bị nhường lịch', 0],
      ['Bị từ chối', 0],
    ],
  },
  {
    title: 'Tỷ lệ tham dự của các điểm cầu',
    columns: ['Điểm cầu', 'Được mời', 'Tham dự', 'Tỷ lệ (%)'],
    rows: [
      ['Văn phòng UBND tỉnh', 2, 2, 100],
      ['Huyện Bác Ái', 2, 2, 100],
      ['Huyện Ninh Hải', 1, 0, 0],
      ['Huyện Ninh Phước', 0, 0, null],
      ['Huyện Ninh Sơn', 1, 1, 100],
      ['Huyện Thuận Bắc', 1, 1, 100],
      ['Huyện Thuận Nam', 1, 1, 100],
      ['TP. Phan Rang–Tháp Chàm', 1, 1, 100],
    ],
  },
  {
    title: 'Chất lượng theo điểm cầu',
    columns: [
      'Điểm cầu',
      'Số sự cố',
      'Thời gian gián đoạn (phút)',
      'Số lần kiểm tra',
      'Đạt',
      'Tỷ lệ đạt (%)',
      'Mất gói p50 (%)',
      'Mất gói p95 (%)',
      'Trễ khứ hồi p50 (ms)',
      'Trễ khứ hồi p95 (ms)',
      'Tốc độ nhận p50 (kbit/s)',
      'Tốc độ nhận p95 (kbit/s)',
    ],
    rows: [
      ['Văn phòng UBND tỉnh', 0, 0, 1, 1, 100, null, null, null, null, null, null],
      // Three samples: 40, 40, 100 ms; 0, 0, 1 %; 1000, 1000, 1500 kbit/s.
      ['Huyện Bác Ái', 1, 3, 1, 1, 100, 0, 1, 40, 100, 1000, 1500],
      ['Huyện Ninh Hải', 0, 0, 0, 0, null, null, null, null, null, null, null],
      ['Huyện Ninh Phước', 0, 0, 0, 0, null, null, null, null, null, null, null],
      ['Huyện Ninh Sơn', 0, 0, 1, 0, 0, null, null, null, null, null, null],
      ['Huyện Thuận Bắc', 0, 0, 0, 0, null, null, null, null, null, null, null],
      ['Huyện Thuận Nam', 0, 0, 0, 0, null, null, null, null, null, null, null],
      ['TP. Phan Rang–Tháp Chàm', 0, 0, 0, 0, null, null, null, null, null, null, null],
    ],
  },
  { title: 'Cuộc họp và số giờ theo tháng', columns: ['Tháng', 'Số cuộc họp', 'Số giờ'], rows: [['2026-12', 3, 4]] },
  {
    title: 'Phản ánh, kiến nghị theo lĩnh vực',
    columns: ['Lĩnh vực', 'Số lượng'],
    rows: [
      ['Hình ảnh', 0],
      ['Âm thanh', 0],
      ['Đường truyền', 1],
      ['Thiết bị', 0],
      ['Đăng ký, xếp lịch', 1],
      ['Quy chế', 0],
      ['Khác', 0],
    ],
  },
  {
    title: 'Phản ánh, kiến nghị theo tình trạng',
    columns: ['Trạng thái', 'Số lượng'],
    rows: [
      ['Chưa xử lý', 0],
      ['Đã trả lời', 1],
      ['Đã chuyển xử lý', 0],
      ['Đã đóng', 1],
    ],
  },
  {
    title: 'Chi phí (Điều 9.2)',
    columns: ['Chỉ tiêu', 'Giá trị (VND)'],
    // Site-minutes: A 120 + 117 + 108, B 60 + 55, C 60 + 60 + 58 = 638 = 10.63 site-hours.
    rows: [
      ['Số giờ điểm cầu (điểm cầu × giờ)', 10.63],
      ['Đơn giá thuê dịch vụ MCU mỗi điểm cầu mỗi giờ', 500_000],
      ['Chi phí nếu thuê dịch vụ MCU', 5_315_000],
      ['Chi phí vận hành hệ thống trong kỳ', 100_000],
      ['Tiết kiệm so với thuê dịch vụ', 5_215_000],
    ],
  },
];

const download = async (user: string, file: string) => {
  const response = await fetch(`${platform.url}/api/reports/${file}`, { headers: { authorization: `Bearer ${await tokenOf(user)}` } });
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
};

describe('usage and quality statistics (Art. 9, 15)', () => {
  it('adds up the day province-wide for the Department', async () => {
    const usage = (await api.sotttt!<UsageReport>('GET', `/reports/usage?${DAY}`)).body;
    expect(usage).toMatchObject({ period: { from: '2026-12-09', to: '2026-12-09' }, unitId: null, bridgeHours: 4, peakConcurrent: 2 });
    expect(usage.meetings).toEqual({
      total: 3,
      byHostUnit: [
        { unitId: units['ubnd-tinh'], unitName: 'UBND tỉnh Ninh Thuận', count: 2 },
        { unitId: units.stttt, unitName: 'Sở Thông tin và Truyền thông', count: 1 },
      ],
      byKind: [
        { kind: 'provincial', count: 1 },
        { kind: 'departmental', count: 1 },
        { kind: 'emergency', count: 1 },
      ],
      byState: [
        { state: 'held', count: 3 },
        { state: 'cancelled', count: 0 },
        { state: 'preempted', count: 0 },
        { state: 'rejected', count: 0 },
      ],
    });
    expect(usage.participation.map((entry) => [entry.siteId, entry.siteName, entry.invited, entry.attended, entry.rate])).toEqual(
      expectedTables[4]!.rows.map((row, index) => [
        sites[SITE_ORDER[index]!],
        SITE_NAMES[index],
        row[1],
        row[2],
        row[3] === null ? null : (row[3] as number) / 100,
      ]),
    );

    const quality = (await api.thanhtra!<QualityReport>('GET', `/reports/quality?${DAY}`)).body;
    expect(quality.sites.find((site) => site.siteId === sites['bac-ai'])).toEqual({
      siteId: sites['bac-ai'],
      siteName: 'Huyện Bác Ái',
      incidents: 1,
      downtimeMinutes: 3,
      checks: 1,
      checksPassed: 1,
      checkPassRate: 1,
      packetLossPct: { p50: 0, p95: 1 },
      rttMs: { p50: 40, p95: 100 },
      bitrateInKbps: { p50: 1000, p95: 1500 },
    });
    expect(quality.sites.find((site) => site.siteId === sites['ninh-son'])).toMatchObject({ checks: 1, checksPassed: 0, checkPassRate: 0, rttMs: null });
  });

  it('Art. 15.1: shows a unit its own figures only; the Office and the auditor see every unit', async () => {
    const own = (await api['kythuat.bacai']!<UsageReport>('GET', `/reports/usage?${DAY}`)).body;
    expect(own.unitId).toBe(units['ubnd-bac-ai']);
    expect(own.participation).toEqual([{ siteId: sites['bac-ai'], siteName: 'Huyện Bác Ái', invited: 2, attended: 2, rate: 1 }]);
    expect(own.meetings.total).toBe(2);
    expect((await api['kythuat.bacai']!('GET', `/reports/usage?${DAY}&unitId=${units['ubnd-ninh-son']}`)).status).toBe(403);
    expect(
      (await api.vanphong!<UsageReport>('GET', `/reports/usage?${DAY}&unitId=${units['ubnd-ninh-son']}`)).body.participation.map((entry) => entry.siteId),
    ).toEqual([sites['ninh-son']]);
    expect((await api.thanhtra!('GET', '/reports/yearly')).status).toBe(200);
    expect((await api.admin!('GET', '/reports/usage')).status).toBe(403);
    expect((await apiClient(platform.url)('GET', '/reports/usage')).status).toBe(401);
  });

  it('refuses bad periods and unknown reports or formats with a clear code', async () => {
    const backwards = await api.sotttt!<{ error: ProtocolError }>('GET', '/reports/usage?from=2026-12-10&to=2026-12-09');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toHaveProperty('to');
    expect((await api.sotttt!<{ error: ProtocolError }>('GET', '/reports/usage?from=2026-13-01&to=2026-12-09')).status).toBe(400);
    expect((await api.sotttt!<{ error: ProtocolError }>('GET', '/reports/usage?from=2026-12-01')).status).toBe(400);
    expect((await api.sotttt!<{ error: ProtocolError }>('GET', '/reports/usage.doc')).status).toBe(404);
    expect((await api.sotttt!<{ error: ProtocolError }>('GET', '/reports/salaries')).status).toBe(404);
    expect((await api.sotttt!<{ error: ProtocolError }>('GET', `/reports/usage?unitId=99999`)).status).toBe(404);
  });
});

describe('the yearly report (Art. 15) and its exports', () => {
  it('defaults to the calendar year and holds every figure of the day, with the budget (Art. 9.2)', async () => {
    const year = (await api.sotttt!<YearlyReport>('GET', '/reports/yearly')).body;
    expect(year.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(year.months.find((month) => month.month === '2026-12')?.meetings).toBe(4);
    const day = (await api.sotttt!<YearlyReport>('GET', `/reports/yearly?${DAY}`)).body;
    expect(day.unit).toBeNull();
    expect(day.months).toEqual([{ month: '2026-12', meetings: 3, hours: 4 }]);
    expect(day.feedback.byCategory.filter((entry) => entry.count > 0)).toEqual([
      { category: 'line', count: 1 },
      { category: 'scheduling', count: 1 },
    ]);
    expect(day.budget).toEqual({ siteHours: 10.63, ratePerSiteHour: 500_000, rentalCost: 5_315_000, runningCost: 100_000, saving: 5_215_000, currency: 'VND' });
  });

  it('exports XLSX with one sheet per table, checked cell by cell', async () => {
    const file = await download('sotttt', `yearly.xlsx?${DAY}`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(expectedTables.map((table) => table.title.slice(0, 31).trim()));
    for (const [index, table] of expectedTables.entries()) {
      const sheet = workbook.worksheets[index]!;
      const cells: unknown[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => cells.push(table.columns.map((_, column) => row.getCell(column + 1).value)));
      expect(cells, table.title).toEqual([table.columns, ...table.rows]);
    }
  });

  it('exports CSV in UTF-8 with a byte-order mark, every table under its title, cell by cell', async () => {
    const file = await download('sotttt', `yearly.csv?${DAY}`);
    expect(file.status).toBe(200);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const quote = (cell: string | number | null) => {
      const text = cell === null ? '' : String(cell);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const lines = file.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      'Báo cáo tình hình vận hành hệ thống',
      'Đơn vị,Toàn tỉnh',
      'Kỳ báo cáo,2026-12-09 – 2026-12-09',
      'Lập lúc,2026-12-09 16:00',
      '',
    ]);
    expect(lines.slice(5)).toEqual(
      expectedTables.flatMap((table, index) => [
        ...(index > 0 ? [''] : []),
        quote(table.title),
        table.columns.map(quote).join(','),
        ...table.rows.map((row) => row.map(quote).join(',')),
      ]),
    );
  });

  it('exports a PDF whose Vietnamese text pdftotext reads back intact, and whose pages render', async () => {
    const file = await download('sotttt', `yearly.pdf?${DAY}`);
    expect(file.status).toBe(200);
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-report-'));
    try {
      const pdfPath = path.join(dir, 'yearly.pdf');
      fs.writeFileSync(pdfPath, file.bytes);
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      for (const heading of [
        'HỆ THỐNG HỘI NGHỊ TRUYỀN HÌNH TRỰC TUYẾN',
        'BÁO CÁO TÌNH HÌNH VẬN HÀNH HỆ THỐNG',
        'Đơn vị: Toàn tỉnh',
        'Kỳ báo cáo: 2026-12-09 – 2026-12-09',
        ...expectedTables.map((table) => table.title),
        'Số cuộc họp theo tháng',
        'Tỷ lệ tham dự theo điểm cầu (%)',
        'Thời gian gián đoạn theo điểm cầu (phút)',
        'Huyện Bác Ái',
        'TP. Phan Rang–Tháp Chàm',
        'Tiết kiệm so với thuê dịch vụ',
      ]) {
        expect(text, heading).toContain(heading);
      }
      // Pages to PNG: the test keeps them when REPORT_PNG_DIR is set, for a person to look at.
      execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, path.join(dir, 'page')]);
      const pages = fs.readdirSync(dir).filter((name) => name.endsWith('.png'));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const page of pages) expect(fs.statSync(path.join(dir, page)).size).toBeGreaterThan(5_000);
      if (process.env.REPORT_PNG_DIR)
        for (const page of [...pages, 'yearly.pdf']) fs.copyFileSync(path.join(dir, page), path.join(process.env.REPORT_PNG_DIR, page));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports usage and quality in every format too, and in English on request', async () => {
    for (const file of ['usage.csv', 'usage.xlsx', 'usage.pdf', 'quality.csv', 'quality.xlsx', 'quality.pdf']) {
      expect((await download('vanphong', `${file}?${DAY}`)).status, file).toBe(200);
    }
    const english = (await download('vanphong', `usage.csv?${DAY}&lang=en`)).bytes.toString('utf8');
    expect(english).toContain('Participation of the sites');
  });
});
