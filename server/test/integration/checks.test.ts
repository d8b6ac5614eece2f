import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckView, MeetingView, NotificationView, ProtocolError, Result, SiteView } from '@diemcau/shared';
import { passingMeasurements } from '../support/checkMeasurements';
import { apiClient, connectError, startTestPlatform, TestClock, type TestPlatform } from './harness';

/** Monday 7 December 2026, 09:00 in Vietnam. */
const clock = new TestClock(new Date('2026-12-07T09:00:00+07:00'));
const at = (local: string) => new Date(`${local}+07:00`).toISOString();
let platform: TestPlatform;
let siteIds: Record<string, number>;

const measurements = passingMeasurements;

beforeAll(async () => {
  platform = await startTestPlatform({ now: clock.now, manualScheduler: true });
  siteIds = Object.fromEntries((await apiClient(platform.url, await platform.login('admin'))<SiteView[]>('GET', '/sites')).body.map((s) => [s.code, s.id]));
});
afterAll(async () => {
  await platform?.close();
});

describe('pre-session checks (Art. 6.4)', () => {
  it('stores a check with who ran it, judged by the bridge against the documented thresholds', async () => {
    const technician = apiClient(platform.url, await platform.login('kythuat.bacai'));
    const stored = await technician<CheckView>('POST', `/sites/${siteIds['bac-ai']}/checks`, { measurements });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ verdict: 'pass', runBy: 'kythuat.bacai', runAt: clock.now().toISOString() });
    const failing = await technician<CheckView>('POST', `/sites/${siteIds['bac-ai']}/checks`, {
      measurements: { ...measurements, ice: { ...measurements.ice, udp: { connected: false } } },
    });
    expect(failing.body.verdict).toBe('fail');
    expect(failing.body.items.find((item) => item.item === 'ice-udp')?.verdict).toBe('fail');
  });

  it('lets a site technician check only its own site, and refuses malformed measurements', async () => {
    const technician = apiClient(platform.url, await platform.login('kythuat.bacai'));
    expect((await technician('POST', `/sites/${siteIds['ninh-son']}/checks`, { measurements })).status).toBe(403);
    const bad = await technician<{ error: ProtocolError }>('POST', `/sites/${siteIds['bac-ai']}/checks`, {
      measurements: { ...measurements, signaling: { rttMs: -1 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('measurements.signaling.rttMs');
  });
});

describe('readiness and preparation (Art. 6.4, 6.5)', () => {
  let meeting: MeetingView;
  beforeAll(async () => {
    const office = apiClient(platform.url, await platform.login('vanphong'));
    const unit = (await office<Array<{ id: number }>>('GET', '/units')).body[0]!;
    meeting = (
      await office<MeetingView>('POST', '/meetings', {
        title: 'Họp chuẩn bị mùa mưa bão',
        kind: 'provincial',
        hostUnitId: unit.id,
        chairPerson: 'Phó Chủ tịch UBND tỉnh',
        startsAt: at('2026-12-09T08:00:00'),
        endsAt: at('2026-12-09T10:00:00'),
        siteIds: [siteIds.chair, siteIds['bac-ai']],
        approve: true,
      })
    ).body;
  });

  it('reminds the technicians of the meeting’s sites once its preparation session begins, and once only', async () => {
    expect(await platform.meetings.remindDue()).toBe(0);
    clock.set(new Date(at('2026-12-08T13:00:00')));
    await apiClient(platform.url, await platform.login('kythuat.bacai'))('POST', `/sites/${siteIds['bac-ai']}/checks`, { measurements });
    expect(await platform.meetings.remindDue()).toBe(1);
    expect(await platform.meetings.remindDue()).toBe(0);
    const inbox = await apiClient(platform.url, await platform.login('kythuat.bacai'))<{ items: NotificationView[] }>('GET', '/notifications');
    expect(inbox.body.items.some((n) => n.kind === 'check-reminder' && n.meetingId === meeting.id)).toBe(true);
  });

  it('shows each site’s latest check on the readiness board', async () => {
    const board = await apiClient(platform.url, await platform.login('vnpt'))<
      Array<{ meeting: MeetingView; sites: Array<{ code: string; readiness: string }> }>
    >('GET', '/readiness');
    const row = board.body.find((entry) => entry.meeting.id === meeting.id)!;
    expect(Object.fromEntries(row.sites.map((site) => [site.code, site.readiness]))).toEqual({ chair: 'missing', 'bac-ai': 'ready' });
  });

  it('refuses to mark the meeting prepared until every site passed, unless the Office overrides with a reason (audited)', async () => {
    const office = apiClient(platform.url, await platform.login('vanphong'));
    const refused = await office<{ error: ProtocolError & { details: { unreadySiteIds: number[] } } }>('POST', `/meetings/${meeting.id}/prepare`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.unreadySiteIds).toEqual([siteIds.chair]);
    const overridden = await office<MeetingView>('POST', `/meetings/${meeting.id}/prepare`, {
      overrideReason: 'Phòng họp chủ tọa đã kiểm tra bằng điện thoại với VNPT',
    });
    expect(overridden.body.status).toBe('prepared');
    const audit = await apiClient(platform.url, await platform.login('thanhtra'))<Array<{ action: string; after: { preparation_override?: string } }>>(
      'GET',
      `/audit?entityType=meeting&entityId=${meeting.id}`,
    );
    expect(audit.body[0]).toMatchObject({
      action: 'meeting.prepare-override',
      after: { preparation_override: 'Phòng họp chủ tọa đã kiểm tra bằng điện thoại với VNPT' },
    });
  });
});

describe('the check channel', () => {
  const open = (auth: Record<string, string>) => platform.connect('/check', auth);

  it('is open only to the site’s technicians and the bridge', async () => {
    expect((await connectError(open({ siteCode: 'bac-ai' }))).data?.code).toBe('unauthenticated');
    const token = await platform.login('kythuat.bacai');
    expect((await connectError(open({ token, siteCode: 'ninh-son' }))).data?.code).toBe('forbidden');
    const socket = open({ token, siteCode: 'bac-ai' });
    const start = (await socket.emitWithAck('check:start', {})) as Result<{ requiredKbps: number; iceServers: unknown[] }>;
    expect(start).toEqual({ ok: true, data: { requiredKbps: 600, iceServers: [] } });
    const ping = (await socket.emitWithAck('check:ping', {})) as Result<{ serverTime: number }>;
    expect(ping.ok).toBe(true);
    const transport = (await socket.emitWithAck('media:createTransport', { direction: 'send', protocols: ['tcp'] })) as Result<{
      iceCandidates: Array<{ protocol: string }>;
    }>;
    expect(transport.ok && transport.data.iceCandidates.map((candidate) => candidate.protocol)).toEqual(['tcp']);
  });
});
