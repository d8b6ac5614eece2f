import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolError } from '@diemcau/shared';
import { apiClient, startTestPlatform, type TestPlatform } from './harness';

let platform: TestPlatform | undefined;
afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

async function start(env: Record<string, string> = {}) {
  platform = await startTestPlatform({ manualScheduler: true, env });
  return apiClient(platform.url);
}

const login = (api: ReturnType<typeof apiClient>, username: string, password: string) =>
  api<{ error?: ProtocolError; accessToken?: string }>('POST', '/auth/login', { username, password });

describe('login limits (issue 11, defect 8)', () => {
  it('counts spellings of one name that login treats alike against that one account', async () => {
    const api = await start();
    const statuses: number[] = [];
    for (const spelling of ['vnpt', ' vnpt', 'vnpt\t', 'VNPT ', '\tVnpt', 'vnpt  ']) {
      statuses.push((await login(api, spelling, 'a-wrong-guess')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // The right password is refused too while the account's budget is spent.
    const locked = await login(api, 'vnpt', platform!.passwordOf('vnpt'));
    expect(locked.status).toBe(429);
    expect(locked.body.error?.code).toBe('rate-limited');
    // Another account is not affected.
    expect((await login(api, 'thanhtra', platform!.passwordOf('thanhtra'))).status).toBe(200);
  });

  it('limits one address walking through many accounts', async () => {
    const api = await start({ LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '8' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) statuses.push((await login(api, `nobody${attempt}`, 'a-wrong-guess')).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it('refuses logins beyond the running and waiting password checks instead of queueing them all', async () => {
    const api = await start({ LOGIN_CONCURRENT_HASHES: '1' });
    const responses = await Promise.all(Array.from({ length: 12 }, (_, attempt) => login(api, `random${attempt}`, 'a-wrong-guess')));
    const refused = responses.filter((response) => response.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const response of refused) expect(response.body.error?.code).toBe('rate-limited');
    expect(responses.every((response) => response.status === 401 || response.status === 429)).toBe(true);
    // Once the burst is over, a real login goes through.
    expect((await login(api, 'vnpt', platform!.passwordOf('vnpt'))).status).toBe(200);
  });
});
