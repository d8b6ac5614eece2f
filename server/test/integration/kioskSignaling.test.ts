import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmEvent, Result, SessionState } from '@diemcau/shared';
import { connectError, joinMedia, nextEvent, startTestPlatform, waitFor, type KioskClient, type TestPlatform } from './harness';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

async function liveKiosk(siteCode: string): Promise<{ client: KioskClient; state: SessionState }> {
  const client = platform.connectKiosk({ token: await platform.kioskToken(siteCode) });
  const state = await nextEvent<SessionState>(client, 'session:state');
  return { client, state };
}

describe('kiosk authentication', () => {
  it('refuses a connection without a token', async () => {
    const error = await connectError(platform.connectKiosk({}));
    expect(error.data?.code).toBe('unauthenticated');
  });

  it('refuses a forged token', async () => {
    const forged = jwt.sign({ gen: 1 }, 'not-the-secret-not-the-secret-not-the-secret', {
      audience: 'diemcau-kiosk',
      subject: 'bac-ai',
    });
    expect((await connectError(platform.connectKiosk({ token: forged }))).data?.code).toBe('token-invalid');
  });

  it('refuses an expired token', async () => {
    const secret = (await import('node:fs')).readFileSync(`${platform.dataDir}/jwt-secret`, 'utf8');
    const expired = jwt.sign({ gen: 1, exp: Math.floor(Date.now() / 1000) - 5 }, secret, {
      audience: 'diemcau-kiosk',
      subject: 'bac-ai',
    });
    expect((await connectError(platform.connectKiosk({ token: expired }))).data?.code).toBe('token-expired');
  });

  it('refuses a token of an older credential generation as revoked', async () => {
    const token = await platform.kioskToken('ninh-hai');
    await platform.db('sites').where({ code: 'ninh-hai' }).increment('kiosk_generation', 1);
    expect((await connectError(platform.connectKiosk({ token }))).data?.code).toBe('token-revoked');
  });
});

describe('kiosk session', () => {
  it('tells a kiosk of a site in the live demo meeting that it is live, with every site of the meeting', async () => {
    const { state } = await liveKiosk('bac-ai');
    expect(state.phase).toBe('live');
    if (state.phase !== 'live') return;
    expect(state.site.code).toBe('bac-ai');
    expect(state.sites.map((s) => s.code).sort()).toEqual(['bac-ai', 'chair', 'ninh-hai', 'ninh-phuoc', 'ninh-son', 'phan-rang', 'thuan-bac', 'thuan-nam']);
  });

  it('tells a kiosk of a site with no meeting to wait', async () => {
    const unit = await platform.db('units').first();
    await platform.db('sites').insert({ code: 'xa-moi', name: 'Xã Mới', kind: 'endpoint', unit_id: unit.id });
    const { state } = await liveKiosk('xa-moi');
    expect(state).toMatchObject({ phase: 'waiting', site: { code: 'xa-moi' }, next: null });
  });

  it('tells every kiosk of a meeting change from one read of the store, however many kiosks there are (issue 12)', async () => {
    const kiosks = await Promise.all(['ninh-son', 'phan-rang', 'thuan-bac', 'thuan-nam', 'ninh-phuoc'].map(liveKiosk));
    let queries = 0;
    const count = () => void queries++;
    platform.db.on('query', count);
    try {
      const told = kiosks.map(({ client }) => nextEvent<SessionState>(client, 'session:state'));
      platform.meetings.emit('changed', []);
      expect((await Promise.all(told)).map((state) => state.phase)).toEqual(['live', 'live', 'live', 'live', 'live']);
    } finally {
      platform.db.off('query', count);
    }
    // The live meetings and the next ones of every connected site, and their records: not one read per kiosk.
    expect(queries).toBeLessThanOrEqual(4);
    for (const { client } of kiosks) client.close();
  });
});

describe('bad input on the signaling channel', () => {
  it('answers a malformed request with invalid-request and the field, and keeps serving everyone', async () => {
    const { client: intruder } = await liveKiosk('thuan-bac');
    const { client: bystander } = await liveKiosk('thuan-nam');
    await joinMedia(intruder);

    const reply = (await intruder.emitWithAck('media:createTransport', { direction: 'sideways' } as never)) as Result<unknown>;
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid-request');
      expect(reply.error.fields).toHaveProperty('direction');
    }

    const garbage = await Promise.all([
      intruder.emitWithAck('media:connectTransport', null as never),
      intruder.emitWithAck('media:produce', 'x'.repeat(1000) as never),
      intruder.emitWithAck('media:connectTransport', { transportId: 'nope', dtlsParameters: { fingerprints: [{ algorithm: 'a', value: 'b' }] } }),
      intruder.emitWithAck('media:requestKeyFrame', { consumerId: 7 } as never),
      intruder.emitWithAck('media:requestKeyFrame', { consumerId: 'someone-elses' }),
    ]);
    expect(garbage.map((r) => (r as Result<unknown>).ok)).toEqual([false, false, false, false, false]);
    expect((garbage[2] as Result<unknown> & { ok: false }).error.code).toBe('not-found');
    expect((garbage[3] as Result<unknown> & { ok: false }).error.code).toBe('invalid-request');
    expect((garbage[4] as Result<unknown> & { ok: false }).error.code).toBe('not-found');

    const caps = (await bystander.emitWithAck('media:routerCapabilities', {})) as Result<{ codecs: unknown[] }>;
    expect(caps.ok).toBe(true);
    expect(intruder.connected && bystander.connected).toBe(true);
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
  });

  it('answers an unknown message and a request without acknowledgement with protocol:error', async () => {
    const { client } = await liveKiosk('ninh-son');
    const unknown = await (client as unknown as { emitWithAck(e: string, p: unknown): Promise<Result<unknown>> }).emitWithAck('media:launchMissiles', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    const notice = nextEvent<{ event: string; error: { code: string } }>(client, 'protocol:error');
    (client as unknown as { emit(e: string, p: unknown): void }).emit('media:createTransport', { direction: 42 });
    expect(await notice).toMatchObject({ event: 'media:createTransport', error: { code: 'invalid-request' } });
  });

  it('drops only the connection that sends an oversized message', async () => {
    const { client: flooder } = await liveKiosk('ninh-phuoc');
    const { client: bystander } = await liveKiosk('phan-rang');
    const gone = nextEvent(flooder, 'disconnect');
    (flooder as unknown as { emit(e: string, p: unknown): void }).emit('media:join', {
      rtpCapabilities: { codecs: [], padding: 'x'.repeat(512 * 1024) },
    });
    await gone;
    const caps = (await bystander.emitWithAck('media:routerCapabilities', {})) as Result<unknown>;
    expect(caps.ok).toBe(true);
  });
});

describe('one PC per room', () => {
  it('tells a kiosk that another PC took its link, and lets the new one in (defect: the two took turns)', async () => {
    const { client: first } = await liveKiosk('ninh-hai');
    await joinMedia(first);
    const replaced = nextEvent(first, 'session:replaced');
    const alarms: AlarmEvent[] = [];
    platform.monitor.on('alarm', (alarm) => alarms.push(alarm));
    const { client: second } = await liveKiosk('ninh-hai');
    await replaced;
    expect(alarms).toContainEqual(expect.objectContaining({ siteCode: 'ninh-hai', code: 'replaced', raised: true }));
    await waitFor(() => !first.connected);
    await joinMedia(second);
    expect(second.connected).toBe(true);
    const room = platform.bridge.openRooms().find((candidate) => candidate.purpose === 'meeting')!;
    expect(room.peerList().filter((peer) => peer.site.code === 'ninh-hai')).toHaveLength(1);
  });
});

describe('a kiosk that drops during its own join', () => {
  it('is not left online, so its dropout is seen (defect: it stayed online for good)', async () => {
    const { client } = await liveKiosk('bac-ai');
    const capabilities = ((await client.emitWithAck('media:routerCapabilities', {})) as Result<unknown> & { ok: true }).data;
    client.emit('media:join', { rtpCapabilities: capabilities as never, send: true }, () => undefined);
    client.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const room = platform.bridge.openRooms().find((candidate) => candidate.purpose === 'meeting')!;
    expect(room.onlineSiteCodes().has('bac-ai')).toBe(false);
  });
});

describe('health', () => {
  it('reports status and the number of live SFU workers', async () => {
    const response = await fetch(`${platform.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', workers: 1 });
  });
});
