import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '@diemcau/shared';
import { joinMedia, nextEvent, startTestPlatform, type TestPlatform } from './harness';

const TURN_SECRET = 'a-turn-secret-for-the-tests-only';
const TURN_URLS = 'turn:bridge.test:3478?transport=tcp,turns:bridge.test:5349?transport=tcp';
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ env: { TURN_URLS, TURN_SECRET } });
});
afterAll(async () => {
  await platform?.close();
});

describe('a kiosk behind a strict firewall (issue 9, part 4)', () => {
  it('gets the relay with each transport, with credentials of its own that outlast a meeting day and then expire', async () => {
    const kiosk = platform.connectKiosk({ token: await platform.kioskToken('bac-ai') });
    expect((await nextEvent<SessionState>(kiosk, 'session:state')).phase).toBe('live');
    const joined = await joinMedia(kiosk);
    expect(joined.send?.iceServers).toEqual(joined.recv.iceServers);
    const [relay] = joined.recv.iceServers ?? [];
    expect(relay?.urls).toEqual(TURN_URLS.split(','));
    // coturn's REST-API scheme: "<expiry>:<site>", signed with the shared secret.
    const [expiry, user] = relay!.username.split(':');
    expect(user).toBe('bac-ai');
    const hoursLeft = (Number(expiry) * 1000 - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(11.9);
    expect(hoursLeft).toBeLessThanOrEqual(12);
    expect(relay!.credential).toBe(crypto.createHmac('sha1', TURN_SECRET).update(relay!.username).digest('base64'));
  });
});
