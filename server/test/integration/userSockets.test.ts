import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserView } from '@diemcau/shared';
import { apiClient, connectError, nextEvent, startTestPlatform, TestClock, type KioskClient, type TestPlatform } from './harness';

/** Issue 11, defect 7: a session ended on the server ends its `/chair`, `/check` and `/monitor` sockets too. */
const clock = new TestClock(new Date());
let platform: TestPlatform;
let admin: ReturnType<typeof apiClient>;
let userIds: Record<string, number>;

beforeAll(async () => {
  platform = await startTestPlatform({ now: clock.now, manualScheduler: true });
  admin = apiClient(platform.url, await platform.login('admin'));
  userIds = Object.fromEntries((await admin<UserView[]>('GET', '/users')).body.map((user) => [user.username, user.id]));
});
afterAll(async () => {
  await platform?.close();
});

async function connected(client: KioskClient): Promise<KioskClient> {
  if (!client.connected) await nextEvent(client, 'connect');
  return client;
}

const openChair = async () => connected(platform.connect('/chair', { token: await platform.login('chutoa') }));
const openMonitor = async () => connected(platform.connect('/monitor', { token: await platform.login('vnpt') }));
const openCheck = async () => connected(platform.connect('/check', { token: await platform.login('kythuat.bacai'), siteCode: 'bac-ai' }));

describe('user sockets end with their sessions (issue 11, defect 7)', () => {
  it('disconnects the sockets of a disabled user, and only theirs, and refuses them afterwards', async () => {
    const [chair, monitor, check] = [await openChair(), await openMonitor(), await openCheck()];
    const chairGone = nextEvent<string>(chair, 'disconnect');
    expect((await admin('PATCH', `/users/${userIds.chutoa}`, { active: false })).status).toBe(200);
    expect(await chairGone).toBe('io server disconnect');
    expect(monitor.connected && check.connected).toBe(true);

    // Its token no longer opens anything.
    const again = platform.connect('/chair', { token: (chair as unknown as { auth: { token: string } }).auth.token });
    expect((await connectError(again)).data?.code).toBe('unauthenticated');
    expect((await admin('PATCH', `/users/${userIds.chutoa}`, { active: true })).status).toBe(200);
  });

  it('disconnects on a role change and on a new password', async () => {
    const monitor = await openMonitor();
    const monitorGone = nextEvent<string>(monitor, 'disconnect');
    expect((await admin('PATCH', `/users/${userIds.vnpt}`, { role: 'auditor' })).status).toBe(200);
    expect(await monitorGone).toBe('io server disconnect');
    expect((await admin('PATCH', `/users/${userIds.vnpt}`, { role: 'bridge-technician' })).status).toBe(200);

    const check = await openCheck();
    const checkGone = nextEvent<string>(check, 'disconnect');
    expect((await admin('PATCH', `/users/${userIds['kythuat.bacai']}`, { password: 'another-password-42' })).status).toBe(200);
    expect(await checkGone).toBe('io server disconnect');
  });

  it('disconnects every socket of a user whose refresh token was replayed', async () => {
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chutoa', password: platform.passwordOf('chutoa') }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const refresh = () => fetch(`${platform.url}/api/auth/refresh`, { method: 'POST', headers: { cookie } });
    const chair = await connected(platform.connect('/chair', { token: accessToken }));
    const gone = nextEvent<string>(chair, 'disconnect');
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(401);
    expect(await gone).toBe('io server disconnect');
  });

  it('disconnects a socket when the access token it was opened with expires', async () => {
    const monitor = await openMonitor();
    const gone = nextEvent<string>(monitor, 'disconnect', 5_000);
    clock.advance(16 * 60_000);
    expect(await gone).toBe('io server disconnect');
    // The expired token is refused with the code the clients answer by renewing it.
    const again = platform.connect('/monitor', { token: (monitor as unknown as { auth: { token: string } }).auth.token });
    expect((await connectError(again)).data?.code).toBe('token-expired');
  });
});
