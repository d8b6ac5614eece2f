import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingCheck, ConflictView, MeetingView, NotificationView, ProtocolError, SessionState, SiteView, UserView } from '@diemcau/shared';
import { apiClient, connectError, nextEvent, startTestPlatform, TestClock, waitFor, type TestPlatform } from './harness';

/** Monday 7 December 2026, 09:00 in Vietnam. */
const clock = new TestClock(new Date('2026-12-07T09:00:00+07:00'));
const at = (local: string) => new Date(`${local}+07:00`).toISOString();

let platform: TestPlatform;
let api: Record<string, ReturnType<typeof apiClient>>;
let siteIds: Record<string, number>;
let hostUnitId: number;

beforeAll(async () => {
  platform = await startTestPlatform({ now: clock.now, manualScheduler: true });
  api = { anonymous: apiClient(platform.url) };
  for (const user of ['admin', 'vanphong', 'sotttt', 'chutoa', 'kythuat.bacai', 'vnpt', 'thanhtra']) {
    api[user] = apiClient(platform.url, await platform.login(user));
  }
  const sites = await api.admin!<SiteView[]>('GET', '/sites');
  siteIds = Object.fromEntries(sites.body.map((site) => [site.code, site.id]));
  hostUnitId = (await api.admin!<Array<{ id: number; code: string }>>('GET', '/units')).body.find((u) => u.code === 'stttt')!.id;
  // The seeded demo meeting is live; end it so these tests start from an empty calendar.
  const [demo] = (await api.vanphong!<MeetingView[]>('GET', `/meetings?from=${at('2026-12-07T00:00:00')}&to=${at('2026-12-08T00:00:00')}`)).body;
  await api.chutoa!('POST', `/meetings/${demo!.id}/close`);
});
afterAll(async () => {
  await platform?.close();
});

/** After the test clock jumps, earlier access tokens have expired, as they would in real life. */
async function relogin(...users: string[]) {
  for (const user of users) api[user] = apiClient(platform.url, await platform.login(user));
}

const departmental = (overrides: Record<string, unknown> = {}) => ({
  title: 'Giao ban chuyển đổi số',
  kind: 'departmental',
  hostUnitId,
  chairPerson: 'Giám đốc Sở TT&TT',
  startsAt: at('2026-12-09T08:00:00'),
  endsAt: at('2026-12-09T10:00:00'),
  siteIds: [siteIds.chair, siteIds['bac-ai'], siteIds['ninh-son']],
  attestsNotSecret: true,
  ...overrides,
});

describe('authentication', () => {
  it('refuses a wrong password with a plain 401', async () => {
    const response = await api.anonymous!<{ error: ProtocolError }>('POST', '/auth/login', { username: 'thanhtra', password: 'wrong-password' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('invalid-credentials');
  });

  it('limits login attempts per account (login rate limiting)', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      statuses.push((await api.anonymous!('POST', '/auth/login', { username: 'vnpt', password: 'guess' + attempt })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('access tokens expire after 15 minutes', async () => {
    const token = await platform.login('thanhtra');
    clock.advance(16 * 60_000);
    const response = await apiClient(platform.url, token)<{ error: ProtocolError }>('GET', '/auth/me');
    clock.advance(-16 * 60_000);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('token-expired');
  });
});

describe('roles and site scope on every route', () => {
  it('changing a role ends every session of the user at once, and both are audited; the same role ends nothing', async () => {
    const created = await api.admin!<UserView>('POST', '/users', {
      username: 'doivaitro',
      displayName: 'Đổi vai trò',
      role: 'organizer',
      password: 'mat-khau-du-dai-1',
    });
    expect(created.status).toBe(201);
    const login = async () =>
      (await api.anonymous!<{ accessToken: string; refreshToken: string }>('POST', '/auth/login', { username: 'doivaitro', password: 'mat-khau-du-dai-1' }))
        .body;
    const first = await login();
    const user = apiClient(platform.url, first.accessToken);
    expect((await user('GET', '/meetings?status=requested')).status).toBe(200);

    expect((await api.admin!<UserView>('PATCH', `/users/${created.body.id}`, { role: 'organizer' })).status).toBe(200);
    expect((await user('GET', '/auth/me')).status).toBe(200);

    const changed = await api.admin!<UserView>('PATCH', `/users/${created.body.id}`, { role: 'auditor' });
    expect(changed.body.role).toBe('auditor');
    expect((await user('GET', '/auth/me')).status).toBe(401);
    expect((await api.anonymous!('POST', '/auth/refresh', { refreshToken: first.refreshToken })).status).toBe(401);
    const entries = (
      await api.admin!<Array<{ actor: string; action: string; before: { role?: string } | null; after: { role?: string } | null }>>(
        'GET',
        `/audit?entityType=user&entityId=${created.body.id}`,
      )
    ).body;
    expect(entries.slice(0, 2).map((entry) => entry.action)).toEqual(['user.update', 'user.sessions-ended']);
    expect(entries[0]).toMatchObject({ actor: 'user:admin', before: { role: 'organizer' }, after: { role: 'auditor' } });
    // Only one sessions-ended entry: saving the same role did not end anything.
    expect(entries.filter((entry) => entry.action === 'user.sessions-ended')).toHaveLength(1);

    const again = apiClient(platform.url, (await login()).accessToken);
    expect((await again<UserView>('GET', '/auth/me')).body.role).toBe('auditor');
    expect((await again('POST', '/meetings/check', {})).status).toBe(403);
  });

  it('refuses anonymous callers', async () => {
    expect((await api.anonymous!('GET', '/sites')).status).toBe(401);
    expect((await api.anonymous!('POST', '/meetings', departmental())).status).toBe(401);
  });

  it('lets only the Office approve (Art. 10.2) and only admins and auditors read the audit log (Art. 14)', async () => {
    expect((await api.sotttt!('POST', '/meetings/any/approve')).status).toBe(403);
    expect((await api['kythuat.bacai']!('GET', '/audit')).status).toBe(403);
    expect((await api.thanhtra!('GET', '/audit')).status).toBe(200);
    expect((await api.thanhtra!('POST', '/units', { code: 'x-unit', name: 'X', kind: 'department' })).status).toBe(403);
  });

  it('lets a site technician keep only its own site’s on-duty contacts (Art. 12.2)', async () => {
    const contact = { name: 'Nguyễn Văn A', phone: '0912 345 678' };
    expect((await api['kythuat.bacai']!('POST', `/sites/${siteIds['bac-ai']}/contacts`, contact)).status).toBe(201);
    expect((await api['kythuat.bacai']!('POST', `/sites/${siteIds['ninh-son']}/contacts`, contact)).status).toBe(403);
  });

  it('answers invalid input with 400 and a message per field, and writes nothing', async () => {
    const auditBefore = (await api.admin!<unknown[]>('GET', '/audit?limit=500')).body.length;
    const response = await api.admin!<{ error: ProtocolError }>('POST', '/sites', { code: 'Bad Code', name: '', kind: 'room', unitId: -1 });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields ?? {}).sort()).toEqual(['code', 'kind', 'name', 'unitId']);
    expect((await api.admin!('POST', '/sites', '{not json')).status).toBe(400);
    expect((await api.admin!<unknown[]>('GET', '/audit?limit=500')).body.length).toBe(auditBefore);
  });
});

describe('booking workflow', () => {
  it('Art. 4.2: refuses a departmental request that does not attest the content is not secret', async () => {
    const response = await api.sotttt!<{ error: ProtocolError }>('POST', '/meetings', departmental({ attestsNotSecret: false }));
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty('attestsNotSecret');
  });

  it('Art. 6.4: refuses a request that leaves no half-day session to prepare, naming the deadline', async () => {
    const response = await api.sotttt!<{ error: ProtocolError }>(
      'POST',
      '/meetings',
      departmental({ startsAt: at('2026-12-07T14:00:00'), endsAt: at('2026-12-07T15:00:00') }),
    );
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'lead-time', details: { article: '6.4', deadline: at('2026-12-07T07:00:00') } });
  });

  let approvedId: string;
  it('Art. 10.2: the Office approves a request, and the organizer is notified', async () => {
    const requested = await api.sotttt!<MeetingView>('POST', '/meetings', departmental());
    expect(requested.status).toBe(201);
    expect(requested.body.status).toBe('requested');
    approvedId = requested.body.id;
    const approved = await api.vanphong!<MeetingView>('POST', `/meetings/${approvedId}/approve`);
    expect(approved.body.status).toBe('approved');
    const inbox = await api.sotttt!<{ items: NotificationView[]; unread: number }>('GET', '/notifications');
    expect(inbox.body.items.map((n) => n.kind)).toContain('meeting-approved');
    expect(inbox.body.unread).toBeGreaterThan(0);
  });

  it('Art. 4.2: a departmental request colliding with an approved meeting is answered with the collision and free slots', async () => {
    const overlapping = departmental({
      title: 'Họp Sở Nội vụ',
      startsAt: at('2026-12-09T09:00:00'),
      endsAt: at('2026-12-09T11:00:00'),
      siteIds: [siteIds['ninh-son']],
    });
    const check = await api.sotttt!<BookingCheck>('POST', '/meetings/check', overlapping);
    expect(check.body.conflicts.map((c) => c.meeting.id)).toEqual([approvedId]);
    expect(check.body.suggestions.length).toBeGreaterThan(0);

    const response = await api.sotttt!<{ error: ProtocolError & { details: { conflicts: ConflictView[]; suggestions: unknown[] } } }>(
      'POST',
      '/meetings',
      overlapping,
    );
    expect(response.status).toBe(409);
    expect(response.body.error.details.conflicts[0]).toMatchObject({ meeting: { id: approvedId }, sharedSiteIds: [siteIds['ninh-son']] });
    expect(response.body.error.details.suggestions.length).toBeGreaterThan(0);
  });

  it('Art. 4.2: a provincial meeting pre-empts the departmental one; its organizer is told why, with free slots', async () => {
    const provincial = await api.vanphong!<MeetingView>('POST', '/meetings', {
      ...departmental({ title: 'Họp UBND tỉnh khẩn về bão', kind: 'provincial', startsAt: at('2026-12-09T08:30:00'), endsAt: at('2026-12-09T09:30:00') }),
      approve: true,
    });
    expect(provincial.status).toBe(201);
    expect(provincial.body.status).toBe('approved');
    const victim = (await api.sotttt!<MeetingView>('GET', `/meetings/${approvedId}`)).body;
    expect(victim.status).toBe('preempted');
    // The reason is kept as a code with parameters, for each reader's screen to put in words.
    expect(victim.preemption).toEqual({
      code: 'preempted-by-priority',
      article: '4.2',
      byMeetingId: provincial.body.id,
      byTitle: 'Họp UBND tỉnh khẩn về bão',
      byKind: 'provincial',
    });
    expect(victim.decisionReason).toBeNull();
    const inbox = await api.sotttt!<{ items: NotificationView[] }>('GET', '/notifications');
    const notice = inbox.body.items.find((n) => n.kind === 'meeting-preempted');
    expect(notice?.params).toMatchObject({ reasonCode: 'preempted-by-priority', article: '4.2', by: 'Họp UBND tỉnh khẩn về bão', byKind: 'provincial' });
    expect(notice?.params).not.toHaveProperty('reason');
    expect((notice?.params.suggestions as unknown[]).length).toBeGreaterThan(0);
  });

  it('Art. 6.5: an emergency meeting 3 hours ahead is accepted and the bridge technicians are told at once', async () => {
    const emergency = await api.vanphong!<MeetingView>('POST', '/meetings', {
      ...departmental({
        title: 'Ứng phó sự cố đê',
        kind: 'emergency',
        startsAt: at('2026-12-07T12:30:00'),
        endsAt: at('2026-12-07T13:30:00'),
        siteIds: [siteIds.chair, siteIds['thuan-nam']],
      }),
    });
    expect(emergency.status).toBe(201);
    const inbox = await api.vnpt!<{ items: NotificationView[] }>('GET', '/notifications');
    expect(inbox.body.items.some((n) => n.kind === 'emergency-requested' && n.meetingId === emergency.body.id)).toBe(true);
    const tooLate = await api.vanphong!(
      'POST',
      '/meetings',
      departmental({ kind: 'emergency', startsAt: at('2026-12-07T11:00:00'), endsAt: at('2026-12-07T12:00:00'), siteIds: [siteIds['phan-rang']] }),
    );
    expect(tooLate.status).toBe(422);
  });

  it('Art. 4.2, 11.2: an invitation dated before approval is flagged', async () => {
    const requested = await api.sotttt!<MeetingView>(
      'POST',
      '/meetings',
      departmental({ startsAt: at('2026-12-10T08:00:00'), endsAt: at('2026-12-10T09:00:00'), siteIds: [siteIds['thuan-bac']] }),
    );
    const early = await api.sotttt!<MeetingView>('PUT', `/meetings/${requested.body.id}/invitation`, { number: '123/GM-STTTT', date: '2026-12-06' });
    expect(early.body.invitationBeforeApproval).toBe(true);
    const approved = await api.vanphong!<MeetingView>('POST', `/meetings/${requested.body.id}/approve`);
    expect(approved.body.invitationBeforeApproval).toBe(true);
    const onTime = await api.sotttt!<MeetingView>('PUT', `/meetings/${requested.body.id}/invitation`, { number: '124/GM-STTTT', date: '2026-12-07' });
    expect(onTime.body.invitationBeforeApproval).toBe(false);
  });

  it('of parallel bookings of the same slot, exactly one wins and the losers leave nothing behind', async () => {
    const auditBefore = (await api.admin!<unknown[]>('GET', '/audit?limit=500&entityType=meeting')).body.length;
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.vanphong!<MeetingView>('POST', '/meetings', {
          ...departmental({
            title: `Đặt song song ${i}`,
            kind: 'provincial',
            startsAt: at('2026-12-11T08:00:00'),
            endsAt: at('2026-12-11T09:00:00'),
            siteIds: [siteIds['phan-rang']],
          }),
          approve: true,
        }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const booked = await api.vanphong!<MeetingView[]>('GET', `/meetings?from=${at('2026-12-11T00:00:00')}&to=${at('2026-12-12T00:00:00')}`);
    expect(booked.body).toHaveLength(1);
    // One request and one approval entry for the winner; nothing for the refused ones.
    expect((await api.admin!<unknown[]>('GET', '/audit?limit=500&entityType=meeting')).body.length).toBe(auditBefore + 2);
  });

  it('of parallel approvals of colliding requests, exactly one wins (first approved wins, Art. 4.2)', async () => {
    const requests = await Promise.all(
      [0, 1, 2].map((i) =>
        api.sotttt!<MeetingView>(
          'POST',
          '/meetings',
          departmental({ title: `Yêu cầu ${i}`, startsAt: at('2026-12-14T08:00:00'), endsAt: at('2026-12-14T09:00:00'), siteIds: [siteIds['ninh-phuoc']] }),
        ),
      ),
    );
    expect(requests.map((r) => r.status)).toEqual([201, 201, 201]);
    const approvals = await Promise.all(requests.map((r) => api.vanphong!('POST', `/meetings/${r.body.id}/approve`)));
    expect(approvals.map((a) => a.status).sort()).toEqual([200, 409, 409]);
  });

  it('records every change in the append-only audit log with who, before and after (Art. 14)', async () => {
    const entries = (
      await api.thanhtra!<Array<{ actor: string; action: string; before: unknown; after: unknown }>>('GET', `/audit?entityType=meeting&entityId=${approvedId}`)
    ).body;
    expect(entries.map((e) => e.action).reverse()).toEqual(['meeting.request', 'meeting.approve', 'meeting.preempt']);
    expect(entries[0]).toMatchObject({ actor: 'user:vanphong', before: { status: 'approved' }, after: { status: 'preempted' } });
  });
});

describe('kiosks follow the register', () => {
  it('a kiosk with no meeting now waits, names the next one, and joins when it starts', async () => {
    const requested = await api.vanphong!<MeetingView>('POST', '/meetings', {
      ...departmental({
        title: 'Họp giao ban tuần',
        kind: 'provincial',
        startsAt: at('2026-12-08T08:00:00'),
        endsAt: at('2026-12-08T09:00:00'),
        siteIds: [siteIds.chair, siteIds['ninh-hai']],
      }),
      approve: true,
    });
    const kiosk = platform.connectKiosk({ token: await platform.kioskToken('ninh-hai') });
    const waiting = await nextEvent<SessionState>(kiosk, 'session:state');
    expect(waiting).toMatchObject({ phase: 'waiting', next: { id: requested.body.id, title: 'Họp giao ban tuần' } });

    clock.set(new Date(at('2026-12-08T08:00:00')));
    await relogin('chutoa', 'vanphong');
    const live = nextEvent<SessionState>(kiosk, 'session:state');
    expect(await platform.meetings.startDue()).toBe(1);
    expect(await live).toMatchObject({ phase: 'live', meeting: { id: requested.body.id } });

    const ended = nextEvent<SessionState>(kiosk, 'session:state');
    await api.chutoa!('POST', `/meetings/${requested.body.id}/close`);
    expect((await ended).phase).toBe('waiting');
  });

  it('a revoked kiosk is dropped at once and told why; rotating issues a working link', async () => {
    const kiosk = platform.connectKiosk({ token: await platform.kioskToken('thuan-bac') });
    await nextEvent(kiosk, 'session:state');
    const dropped = nextEvent(kiosk, 'disconnect');
    const revoked = await api.vanphong!<{ revoked: boolean; url: string }>('POST', `/sites/${siteIds['thuan-bac']}/kiosk-link/revoke`);
    expect(revoked.body).toMatchObject({ revoked: true, url: '' });
    await dropped;
    expect((await connectError(platform.connectKiosk({ token: await platform.kioskToken('thuan-bac') }))).data?.code).toBe('token-revoked');

    const rotated = await api.vanphong!<{ url: string }>('POST', `/sites/${siteIds['thuan-bac']}/kiosk-link/rotate`);
    const token = new URL(rotated.body.url).searchParams.get('token')!;
    const renewed = platform.connectKiosk({ token });
    expect((await nextEvent<SessionState>(renewed, 'session:state')).site.code).toBe('thuan-bac');
    await waitFor(() => renewed.connected);
  });
});
