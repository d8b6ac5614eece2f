import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConferenceState, KioskView, Result } from '@diemcau/shared';
import { addCommunesToLiveMeeting, joinWithoutMedia, type Commune } from './provinceMeeting';
import { apiClient, startTestPlatform, waitFor, type KioskClient, type TestPlatform } from './harness';

/*
 * The chair console at province scale (issue 8): a 150-site meeting, bulk
 * actions as one request and one change, and automatic scanning driven by the
 * conference's own timer, seen by the rooms.
 */

let platform: TestPlatform;
let meetingId: string;
let added: Commune[];
let chair: Socket;
let latest: ConferenceState;
/** Every state the bridge pushed to the console, in order. */
const pushed: ConferenceState[] = [];
const kiosks = new Map<string, { client: KioskClient; views: KioskView[] }>();

beforeAll(async () => {
  platform = await startTestPlatform();
  added = await addCommunesToLiveMeeting(platform.db, 142);
  chair = platform.connect('/chair', { token: await platform.login('chutoa') });
  meetingId = (await platform.db('meetings').where('status', 'live').first('id')).id as string;
  const attached = (await chair.emitWithAck('chair:attach', { meetingId })) as Result<ConferenceState>;
  if (!attached.ok) throw new Error(attached.error.message);
  latest = attached.data;
  chair.on('conference:state', (state: ConferenceState) => {
    pushed.push(state);
    latest = state;
  });
  // A few rooms online, kiosks speaking the socket protocol without media: enough for presence and views.
  for (const code of ['chair', ...added.slice(0, 5).map((commune) => commune.code)]) {
    const client = platform.connectKiosk({ token: await platform.kioskToken(code) });
    const views: KioskView[] = [];
    client.on('conference:view', (view: KioskView) => views.push(view));
    kiosks.set(code, { client, views });
    await joinWithoutMedia(client);
  }
  await waitFor(() => latest.sites.filter((site) => site.online).length === 6);
});
afterAll(async () => {
  await platform?.close();
});

const ask = async (event: string, payload: unknown) => (await chair.emitWithAck(event, payload)) as Result<unknown>;
const siteOf = (code: string) => latest.sites.find((site) => site.siteCode === code)!;
const paneSites = (view: KioskView | undefined) => view?.panes.map((pane) => (pane.content && 'siteCode' in pane.content ? pane.content.siteCode : null)) ?? [];
const lastView = (code: string) => kiosks.get(code)!.views.at(-1);

describe('a 150-site meeting on the console', () => {
  it('gives the console every site, the chair first, with who is online', () => {
    expect(latest.sites).toHaveLength(150);
    expect(latest.sites[0]!.siteCode).toBe('chair');
    expect(
      latest.sites
        .filter((site) => site.online)
        .map((site) => site.siteCode)
        .sort(),
    ).toEqual([...kiosks.keys()].sort());
  });
});

describe('bulk actions: one gesture, one request, one change (Art. 7.1 "adjust the sound at the sites")', () => {
  it('mutes a selection of rooms in one change that every selected room obeys, and records it once (Art. 14)', async () => {
    const selection = added.slice(0, 3).map((commune) => commune.code);
    const before = pushed.length;
    expect(await ask('chair:muteSites', { siteCodes: selection, muted: true })).toEqual({ ok: true, data: {} });
    await waitFor(() => selection.every((code) => lastView(code)?.self.muted === true));
    // Give any further push time to arrive: there must be none.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const changes = pushed.slice(before);
    expect(changes).toHaveLength(1);
    expect(
      changes[0]!.sites
        .filter((site) => site.muted)
        .map((site) => site.siteCode)
        .sort(),
    ).toEqual([...selection].sort());
    expect(lastView(added[3]!.code)?.self.muted).toBe(false);

    const audit = await apiClient(platform.url, await platform.login('thanhtra'))<Array<{ action: string; actor: string; after: unknown }>>(
      'GET',
      `/audit?entityType=meeting&entityId=${meetingId}`,
    );
    const entries = audit.body.filter((entry) => entry.action === 'chair.muteSites');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'user:chutoa', after: { siteCodes: selection, muted: true } });
  });

  it('turns cameras off and on for a selection', async () => {
    const selection = [added[1]!.code, added[4]!.code];
    expect(await ask('chair:setCameras', { siteCodes: selection, enabled: false })).toEqual({ ok: true, data: {} });
    await waitFor(() => selection.every((code) => lastView(code)?.self.cameraOff === true));
    await ask('chair:setCameras', { siteCodes: selection, enabled: true });
    await waitFor(() => selection.every((code) => lastView(code)?.self.cameraOff === false));
  });

  it('refuses a selection with a site outside the meeting, or twice the same site, changing nothing', async () => {
    const before = pushed.length;
    const outside = await ask('chair:muteSites', { siteCodes: [added[5]!.code, 'xa-khac'], muted: true });
    expect(outside).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const twice = await ask('chair:muteSites', { siteCodes: [added[5]!.code, added[5]!.code], muted: true });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const malformed = await ask('chair:setCameras', { siteCodes: [], enabled: false });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(siteOf(added[5]!.code).muted).toBe(false);
    expect(pushed.length).toBe(before);
  });

  it('puts a selection on every room’s screen in the smallest grid that holds it', async () => {
    const selection = ['chair', ...added.slice(0, 4).map((commune) => commune.code)];
    await ask('chair:showSites', { siteCodes: selection });
    await waitFor(() => lastView(added[4]!.code)?.template === 'one-plus-five');
    expect(paneSites(lastView(added[4]!.code))).toEqual([...selection, null]);
  });
});

describe('automatic scanning, the same in every room (Art. 7.1 "adjust the layout shown as the meeting goes")', () => {
  it('cycles a pane through the online rooms of the list, pauses, resumes and stops', async () => {
    await ask('chair:setLayout', { layout: { template: 'grid-2x2', panes: [{ kind: 'site', siteCode: 'chair' }] }, target: 'all' });
    // An offline commune in the list is skipped; the rooms already fixed in a pane too.
    const list = [added[0]!.code, added[10]!.code, added[1]!.code, 'chair', added[2]!.code];
    const started = Date.now();
    expect(await ask('chair:setScan', { scan: { panes: [3], siteCodes: list, intervalSeconds: 3 } })).toEqual({ ok: true, data: {} });
    const watcher = added[3]!.code;
    await waitFor(() => paneSites(lastView(watcher))[3] === added[0]!.code, 2_000);
    await waitFor(() => paneSites(lastView(watcher))[3] === added[1]!.code, 5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    // Every room shows the same scanned pane.
    expect(paneSites(lastView(added[4]!.code))[3]).toBe(added[1]!.code);
    expect(latest.scan).toMatchObject({ panes: [3], siteCodes: list, intervalSeconds: 3, paused: false, step: 1 });

    await ask('chair:pauseScan', { paused: true });
    await waitFor(() => latest.scan?.paused === true);
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(paneSites(lastView(watcher))[3]).toBe(added[1]!.code);
    expect(latest.scan?.step).toBe(1);

    await ask('chair:pauseScan', { paused: false });
    await waitFor(() => paneSites(lastView(watcher))[3] === added[2]!.code, 5_000);

    await ask('chair:setScan', { scan: null });
    await waitFor(() => latest.scan === null);
    const stopped = paneSites(lastView(watcher));
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(paneSites(lastView(watcher))).toEqual(stopped);
  });

  it('refuses a scan with an interval out of range, a pane twice, or a site outside the meeting', async () => {
    const refused = [
      await ask('chair:setScan', { scan: { panes: [1], siteCodes: [added[0]!.code], intervalSeconds: 1 } }),
      await ask('chair:setScan', { scan: { panes: [1, 1], siteCodes: [added[0]!.code], intervalSeconds: 5 } }),
      await ask('chair:setScan', { scan: { panes: [1], siteCodes: ['xa-khac'], intervalSeconds: 5 } }),
      await ask('chair:pauseScan', { paused: true }),
    ];
    expect(refused.map((result) => !result.ok && result.error.code)).toEqual(['invalid-request', 'invalid-request', 'invalid-request', 'invalid-state']);
    expect(latest.scan).toBeNull();
  });
});
