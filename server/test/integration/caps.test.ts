import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, MeetingView, ProtocolError, Result, SiteView, UnitView, UserView } from '@diemcau/shared';
import { runCli } from '../support/cli';
import { apiClient, nextEvent, startTestPlatform, waitFor, type TestPlatform } from './harness';

/** Issue 11, deliver 6: kiosk links handed out are audited; check rooms and listings are capped. */
let platform: TestPlatform;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  platform = await startTestPlatform({ manualScheduler: true });
  admin = apiClient(platform.url, await platform.login('admin'));
});
afterAll(async () => {
  await platform?.close();
});

describe('kiosk links handed out are on record', () => {
  it('audits every kiosk link taken, in the admin pages and on the command line', async () => {
    const site = (await admin<SiteView[]>('GET', '/sites')).body.find((candidate) => candidate.code === 'ninh-hai')!;
    expect((await admin('GET', `/sites/${site.id}/kiosk-link`)).status).toBe(200);
    expect((await runCli(platform, ['kiosk-link', 'ninh-hai'])).code).toBe(0);
    const entries = (await admin<AuditEntryView[]>('GET', `/audit?entityType=site&entityId=${site.id}`)).body;
    expect(entries.filter((entry) => entry.action === 'site.kiosk.issue').map((entry) => entry.actor)).toEqual(['system:cli', 'user:admin']);
  });
});

describe('check rooms per technician', () => {
  it('lets one technician hold at most two check rooms at once', async () => {
    const token = await platform.login('kythuat.bacai');
    const open = async () => {
      const socket = platform.connect('/check', { token, siteCode: 'bac-ai' });
      await nextEvent(socket, 'connect');
      return { socket, room: (await socket.emitWithAck('media:createTransport', { direction: 'send' })) as Result<unknown> };
    };
    const first = await open();
    const second = await open();
    const third = await open();
    expect([first.room.ok, second.room.ok]).toEqual([true, true]);
    expect(third.room).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    expect(platform.bridge.roomCount).toBe(2);
    // A finished check frees its place.
    first.socket.disconnect();
    await waitFor(() => platform.bridge.roomCount === 1);
    expect((await open()).room.ok).toBe(true);
  });
});

describe('listings come in pages', () => {
  it('answers at most the page asked for, and refuses pages beyond the largest size', async () => {
    const users = (await admin<UserView[]>('GET', '/users')).body;
    expect(users.length).toBe(7);
    const page = (await admin<UserView[]>('GET', '/users?limit=3&offset=2')).body;
    expect(page.map((user) => user.id)).toEqual(users.slice(2, 5).map((user) => user.id));
    expect((await admin<SiteView[]>('GET', '/sites?limit=2')).body).toHaveLength(2);
    expect((await admin<UnitView[]>('GET', '/units?limit=4')).body).toHaveLength(4);
    const office = apiClient(platform.url, await platform.login('vanphong'));
    expect((await office<MeetingView[]>('GET', '/meetings?status=live&limit=1')).body).toHaveLength(1);
    expect((await office<MeetingView[]>('GET', '/meetings?status=live&offset=1')).body).toHaveLength(0);
    for (const path of ['/users?limit=501', '/sites?limit=0', '/units?offset=-1', '/users?page=2']) {
      const refused = await admin<{ error: ProtocolError }>('GET', path);
      expect(refused.status, path).toBe(400);
      expect(refused.body.error.code).toBe('invalid-request');
    }
  });
});
