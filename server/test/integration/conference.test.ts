import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConferenceState, KioskView, MeetingView, ProtocolError, Result, SiteView } from '@diemcau/shared';
import { apiClient, connectError, nextEvent, startTestPlatform, waitFor, type KioskClient, type TestPlatform } from './harness';

let platform: TestPlatform;
let meetingId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const live = await apiClient(platform.url, await platform.login('vanphong'))<MeetingView[]>(
    'GET',
    `/meetings?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}&status=live`,
  );
  meetingId = live.body[0]!.id;
});
afterAll(async () => {
  await platform?.close();
});

const openConsole = (token?: string) => platform.connect('/chair', token ? { token } : {}) as unknown as Socket;

async function attachedConsole(): Promise<{ socket: Socket; state: ConferenceState }> {
  const socket = openConsole(await platform.login('chutoa'));
  const result = (await socket.emitWithAck('chair:attach', { meetingId })) as Result<ConferenceState>;
  if (!result.ok) throw new Error(result.error.message);
  return { socket, state: result.data };
}

async function kioskWithView(siteCode: string): Promise<{ kiosk: KioskClient; view: KioskView }> {
  const kiosk = platform.connectKiosk({ token: await platform.kioskToken(siteCode) });
  const view = await nextEvent<KioskView>(kiosk, 'conference:view');
  return { kiosk, view };
}

/** The first view the kiosk receives that satisfies the check (other changes, like sites joining, re-send views too). */
function viewWhen(kiosk: KioskClient, check: (view: KioskView) => boolean): Promise<KioskView> {
  return new Promise((resolve) => {
    const listener = (view: KioskView) => {
      if (!check(view)) return;
      kiosk.off('conference:view', listener);
      resolve(view);
    };
    kiosk.on('conference:view', listener);
  });
}

const paneSites = (view: KioskView) =>
  view.panes.map((pane) => (pane.content && 'siteCode' in pane.content ? `${pane.content.kind}:${pane.content.siteCode}` : null));

describe('chair console access', () => {
  it('is refused without a login and to roles other than the chair operator', async () => {
    expect((await connectError(openConsole() as unknown as KioskClient)).data?.code).toBe('unauthenticated');
    expect((await connectError(openConsole(await platform.login('sotttt')) as unknown as KioskClient)).data?.code).toBe('forbidden');
  });

  it('attaches to the live meeting and gets every site with a default layout', async () => {
    const { state } = await attachedConsole();
    expect(state.sites).toHaveLength(8);
    expect(state.layout.template).toBe('grid-3x3');
    expect(state.layout.panes[0]).toEqual({ kind: 'site', siteCode: 'chair' });
  });
});

describe('layouts pushed to every room (Art. 7.1.c)', () => {
  it('a kiosk gets the current layout as soon as it connects, and every change after', async () => {
    const { socket } = await attachedConsole();
    const { kiosk, view } = await kioskWithView('ninh-son');
    expect(view.template).toBe('grid-3x3');
    expect(paneSites(view)).toContain('self:ninh-son');

    const next = nextEvent<KioskView>(kiosk, 'conference:view');
    const sent = Date.now();
    await socket.emitWithAck('chair:setLayout', { layout: { template: 'single', panes: [{ kind: 'site', siteCode: 'bac-ai' }] }, target: 'all' });
    const changed = await next;
    console.log(`layout reached the kiosk over signaling in ${Date.now() - sent} ms`);
    expect(changed.template).toBe('single');
    expect(paneSites(changed)).toEqual(['site:bac-ai']);
    expect(changed.panes[0]!.layer).toBe(2);
  });

  it('a per-site override changes only that room: the chair sees the districts, the districts see the chair', async () => {
    const { socket } = await attachedConsole();
    const { kiosk: chairKiosk } = await kioskWithView('chair');
    const { kiosk: district } = await kioskWithView('thuan-nam');
    await socket.emitWithAck('chair:setLayout', { layout: { template: 'single', panes: [{ kind: 'site', siteCode: 'chair' }] }, target: 'all' });
    const chairView = viewWhen(chairKiosk, (view) => view.template === 'grid-2x2');
    let districtSawChange = false;
    district.once('conference:view', () => (districtSawChange = true));
    const districtView = viewWhen(district, (view) => view.template === 'single');
    const districts = ['phan-rang', 'bac-ai', 'ninh-son', 'ninh-hai'].map((siteCode) => ({ kind: 'site' as const, siteCode }));
    const reply = (await socket.emitWithAck('chair:setLayout', {
      layout: { template: 'grid-2x2', panes: districts },
      target: { siteCode: 'chair' },
    })) as Result<unknown>;
    expect(reply.ok).toBe(true);
    expect(paneSites(await chairView)).toEqual(['site:phan-rang', 'site:bac-ai', 'site:ninh-son', 'site:ninh-hai']);
    // The district's view is re-sent (the conference changed) but still shows the chair alone.
    await waitFor(() => districtSawChange);
    expect(paneSites(await districtView)).toEqual(['site:chair']);
    const state = (await socket.emitWithAck('chair:attach', { meetingId })) as Result<ConferenceState>;
    expect(state.ok && Object.keys(state.data.overrides)).toEqual(['chair']);
  });

  it('refuses a layout naming a site outside the meeting, and a malformed one, without disturbing anything', async () => {
    const { socket } = await attachedConsole();
    const unknown = (await socket.emitWithAck('chair:setLayout', {
      layout: { template: 'single', panes: [{ kind: 'site', siteCode: 'xa-khac' }] },
      target: 'all',
    })) as Result<unknown>;
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const malformed = (await socket.emitWithAck('chair:setLayout', { layout: { template: 'grid-9x9', panes: [] }, target: 'all' })) as Result<unknown>;
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
  });
});

describe('floor and audio (Art. 7.1.d)', () => {
  it('a muted room is told so; a raised hand reaches the console; granting the floor unmutes it', async () => {
    const { socket } = await attachedConsole();
    const { kiosk } = await kioskWithView('phan-rang');
    const muted = nextEvent<KioskView>(kiosk, 'conference:view');
    await socket.emitWithAck('chair:muteAll', {});
    expect((await muted).self.muted).toBe(true);

    const queued = new Promise<ConferenceState>((resolve) => {
      socket.on('conference:state', (state: ConferenceState) => {
        if (state.floor.queue.includes('phan-rang')) resolve(state);
      });
    });
    expect(await kiosk.emitWithAck('kiosk:raiseHand', { raised: true })).toEqual({ ok: true, data: {} });
    expect((await queued).sites.find((site) => site.siteCode === 'phan-rang')?.handRaised).toBe(true);

    const granted = nextEvent<KioskView>(kiosk, 'conference:view');
    await socket.emitWithAck('chair:grantFloor', { siteCode: 'phan-rang', toMainPane: true });
    const view = await granted;
    expect(view.self).toMatchObject({ muted: false, floor: true, handRaised: false });
  });

  it('records every control with who did it (Art. 14)', async () => {
    const audit = await apiClient(platform.url, await platform.login('thanhtra'))<Array<{ actor: string; action: string }>>(
      'GET',
      `/audit?entityType=meeting&entityId=${meetingId}`,
    );
    expect(audit.body.some((entry) => entry.action === 'chair.muteAll' && entry.actor === 'user:chutoa')).toBe(true);
    expect(audit.body.some((entry) => entry.action === 'chair.grantFloor')).toBe(true);
  });
});

describe('configuration lock (Art. 7.2.d)', () => {
  it('refuses a site technician changing its room during the live meeting, records it, and lets the bridge do it', async () => {
    const sites = (await apiClient(platform.url, await platform.login('admin'))<SiteView[]>('GET', '/sites')).body;
    const bacAi = sites.find((site) => site.code === 'bac-ai')!.id;
    const change = { equipment: ['Camera PTZ', 'Micrô cổ ngỗng'] };
    const technician = await apiClient(platform.url, await platform.login('kythuat.bacai'))<{ error: ProtocolError }>(
      'PATCH',
      `/sites/${bacAi}/configuration`,
      change,
    );
    expect(technician.status).toBe(423);
    expect(technician.body.error.code).toBe('config-locked');
    expect((await apiClient(platform.url, await platform.login('vnpt'))('PATCH', `/sites/${bacAi}/configuration`, change)).status).toBe(200);
    const refused = await apiClient(platform.url, await platform.login('thanhtra'))<Array<{ action: string; actor: string }>>(
      'GET',
      `/audit?entityType=site&entityId=${bacAi}`,
    );
    expect(refused.body.map((entry) => `${entry.actor} ${entry.action}`)).toEqual(['user:vnpt site.configure', 'user:kythuat.bacai site.config.refused']);
  });
});

describe('voice activation settings (Art. 7.1.c)', () => {
  it('the chair sets the hold time and the minimum speech level; the bridge keeps them with the conference and refuses values out of range', async () => {
    const { socket } = await attachedConsole();
    const voice = { enabled: true, pinChair: false, holdSeconds: 4.5, minSpeechDb: -40 };
    expect(await socket.emitWithAck('chair:setVoice', voice)).toEqual({ ok: true, data: {} });
    const wrong = [
      { ...voice, holdSeconds: 0.5 },
      { ...voice, holdSeconds: 11 },
      { ...voice, holdSeconds: 2.25 },
      { ...voice, minSpeechDb: -80 },
      { enabled: true, pinChair: false },
    ];
    for (const settings of wrong) {
      expect(await socket.emitWithAck('chair:setVoice', settings)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    // A console attaching later finds the settings as the bridge kept them.
    const { state } = await attachedConsole();
    expect(state.voice).toEqual(voice);
    await socket.emitWithAck('chair:setVoice', { enabled: false, pinChair: true, holdSeconds: 2, minSpeechDb: -50 });
  });
});
