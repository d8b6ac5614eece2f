import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE } from '@diemcau/shared';
import { apiClient, startTestPlatform, type TestPlatform } from './harness';

/** Issue 11, deliver 6: the refresh token travels only in an HttpOnly, SameSite=Strict cookie. */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ manualScheduler: true });
});
afterAll(async () => {
  await platform?.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** The refresh cookie as set by this answer: its value and attributes. */
  cookie: string | undefined;
}

async function post(path: string, options: { body?: unknown; cookie?: string } = {}): Promise<Answer> {
  const response = await fetch(`${platform.url}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.cookie && { cookie: `${REFRESH_COOKIE.name}=${options.cookie}` }) },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith(`${REFRESH_COOKIE.name}=`));
  return { status: response.status, body: text ? JSON.parse(text) : {}, cookie };
}

const valueOf = (cookie: string | undefined) => /^[^=]+=([^;]*)/.exec(cookie ?? '')?.[1] ?? '';
const login = (username: string) => post('/login', { body: { username, password: platform.passwordOf(username) } });

describe('refresh token cookie (issue 11, deliver 6)', () => {
  it('sets the refresh token as an HttpOnly SameSite=Strict cookie for the session endpoints only, never in the body', async () => {
    const answer = await login('thanhtra');
    expect(answer.status).toBe(200);
    expect(answer.body).not.toHaveProperty('refreshToken');
    expect(answer.body.accessToken).toEqual(expect.any(String));
    expect(answer.cookie).toMatch(/; HttpOnly/);
    expect(answer.cookie).toMatch(/; SameSite=Strict/);
    expect(answer.cookie).toMatch(/; Path=\/api\/auth/);
    expect(valueOf(answer.cookie).length).toBeGreaterThanOrEqual(40);
  });

  it('rotates the cookie on refresh, and a reused one ends every session of the user', async () => {
    const first = valueOf((await login('kythuat.bacai')).cookie);
    const refreshed = await post('/refresh', { cookie: first });
    expect(refreshed.status).toBe(200);
    const second = valueOf(refreshed.cookie);
    expect(second).not.toBe(first);
    const accessToken = refreshed.body.accessToken as string;
    expect((await apiClient(platform.url, accessToken)('GET', '/auth/me')).status).toBe(200);

    expect((await post('/refresh', { cookie: first })).status).toBe(401);
    // The theft response voids the tokens handed out after the stolen one too.
    expect((await apiClient(platform.url, accessToken)('GET', '/auth/me')).status).toBe(401);
    expect((await post('/refresh', { cookie: second })).status).toBe(401);
  });

  it('refuses a refresh without the cookie, and ignores a token in the body', async () => {
    const token = valueOf((await login('vnpt')).cookie);
    expect((await post('/refresh')).status).toBe(401);
    expect((await post('/refresh', { body: { refreshToken: token } })).status).toBe(401);
    expect((await post('/refresh', { cookie: token })).status).toBe(200);
  });

  it('ends the session at logout and clears the cookie', async () => {
    const token = valueOf((await login('sotttt')).cookie);
    const logout = await post('/logout', { cookie: token });
    expect(logout.status).toBe(204);
    expect(logout.cookie).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await post('/refresh', { cookie: token })).status).toBe(401);
  });
});
