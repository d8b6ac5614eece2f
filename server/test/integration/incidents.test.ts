import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentView, ProtocolError, SiteView } from '@diemcau/shared';
import { AuditLog } from '../../src/audit/AuditLog';
import { IncidentLog } from '../../src/incidents/IncidentLog';
import { apiClient, nextEvent, startTestPlatform, TestClock, waitFor, type KioskClient, type TestPlatform, joinMedia } from './harness';

const clock = new TestClock(new Date());
let platform: TestPlatform;
let bridgeApi: ReturnType<typeof apiClient>;
let siteIds: Record<string, number>;

beforeAll(async () => {
  platform = await startTestPlatform({ now: clock.now, env: { INCIDENT_GRACE_SECONDS: '0' } });
  bridgeApi = apiClient(platform.url, await platform.login('vnpt'));
  siteIds = Object.fromEntries((await bridgeApi<SiteView[]>('GET', '/sites')).body.map((site) => [site.code, site.id]));
});
afterAll(async () => {
  await platform?.close();
});

/** A kiosk in the live meeting's room: it has asked for media, as a real kiosk does right after connecting. */
async function kioskInRoom(siteCode: string): Promise<KioskClient> {
  const kiosk = platform.connectKiosk({ token: await platform.kioskToken(siteCode) });
  await nextEvent(kiosk, 'session:state');
  await joinMedia(kiosk);
  return kiosk;
}

const openIncidents = async () => (await bridgeApi<IncidentView[]>('GET', '/incidents?open=true')).body;

describe('incident log (Art. 7.1.d, 8.2)', () => {
  it('opens an incident when a kiosk drops out mid-meeting, and closes it with the downtime when it returns', async () => {
    const kiosk = await kioskInRoom('bac-ai');
    const droppedAt = clock.now();
    kiosk.disconnect();
    await waitFor(async () => (await openIncidents()).some((incident) => incident.siteId === siteIds['bac-ai']));
    const [opened] = (await openIncidents()).filter((incident) => incident.siteId === siteIds['bac-ai']);
    // The bridge writes codes, not sentences: the screens say what happened in the user's language (issue 12).
    expect(opened).toMatchObject({
      type: 'transmission',
      automatic: true,
      openedBy: 'system',
      closedAt: null,
      cause: 'dropout',
      summary: '',
      closedBecause: null,
    });
    expect(opened!.openedAt).toBe(droppedAt.toISOString());

    clock.advance(95_000);
    await kioskInRoom('bac-ai');
    await waitFor(async () => (await openIncidents()).every((incident) => incident.siteId !== siteIds['bac-ai']));
    const closed = (await bridgeApi<IncidentView[]>('GET', `/incidents?siteId=${siteIds['bac-ai']}`)).body[0]!;
    expect(closed.downtimeSeconds).toBe(95);
    expect(closed.closedAt).toBe(new Date(droppedAt.getTime() + 95_000).toISOString());
    expect(closed).toMatchObject({ closedBecause: 'reconnected', resolution: '' });
  });

  it('opens nothing for a kiosk that was never in the meeting', async () => {
    expect((await openIncidents()).filter((incident) => incident.siteId === siteIds['thuan-nam'])).toEqual([]);
  });

  it('is opened by hand with a type, annotated, and closed with its downtime', async () => {
    const opened = await bridgeApi<IncidentView>('POST', '/incidents', { siteId: siteIds['ninh-son'], type: 'audio', summary: 'Micrô chủ tọa huyện bị rè' });
    expect(opened.status).toBe(201);
    await bridgeApi('PATCH', `/incidents/${opened.body.id}`, { handledBy: 'Trần Văn B (VNPT)', actions: 'Thay dây micrô' });
    clock.advance(10 * 60_000);
    const closed = await bridgeApi<IncidentView>('POST', `/incidents/${opened.body.id}/close`, { resolution: 'Đã thay dây, tiếng rõ' });
    expect(closed.body).toMatchObject({ handledBy: 'Trần Văn B (VNPT)', actions: 'Thay dây micrô', resolution: 'Đã thay dây, tiếng rõ', downtimeSeconds: 600 });
    expect((await bridgeApi<{ error: ProtocolError }>('POST', `/incidents/${opened.body.id}/close`, { resolution: 'again' })).status).toBe(409);
  });

  it('shows site technicians only their own site’s incidents, and the bridge all of them', async () => {
    const technician = apiClient(platform.url, await platform.login('kythuat.bacai'));
    const seen = (await technician<IncidentView[]>('GET', '/incidents')).body;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((incident) => incident.siteId === siteIds['bac-ai'])).toBe(true);
    expect((await bridgeApi<IncidentView[]>('GET', '/incidents')).body.some((incident) => incident.siteId === siteIds['ninh-son'])).toBe(true);
    const other = await technician('POST', '/incidents', { siteId: siteIds['ninh-son'], type: 'other', summary: 'không phải của tôi' });
    expect(other.status).toBe(403);
    expect((await apiClient(platform.url, await platform.login('sotttt'))('GET', '/incidents')).status).toBe(403);
  });
});

describe('automatic incidents: who closes what, and when (issue 11, defect 9)', () => {
  it("keeps the monitor's degraded-line incident open when a dropout of the same site opens and closes", async () => {
    // The monitor's side, through the same log it writes to.
    const log = new IncidentLog(platform.db, new AuditLog(platform.db, clock.now), clock.now);
    const degraded = await log.openAutomatic('degraded', siteIds['ninh-son']!, null, clock.now());
    const kiosk = await kioskInRoom('ninh-son');
    kiosk.disconnect();
    await waitFor(async () => (await openIncidents()).filter((incident) => incident.siteId === siteIds['ninh-son']).length === 2);
    await kioskInRoom('ninh-son');
    await waitFor(async () => (await openIncidents()).filter((incident) => incident.siteId === siteIds['ninh-son']).length === 1);
    expect((await openIncidents()).find((incident) => incident.siteId === siteIds['ninh-son'])?.id).toBe(degraded!.id);
    // And the monitor's clearing leaves a dropout alone.
    await log.closeAutomatic('degraded', siteIds['ninh-son']!, 'recovered');
    expect((await openIncidents()).filter((incident) => incident.siteId === siteIds['ninh-son'])).toEqual([]);
    expect(await log.byId(degraded!.id)).toMatchObject({ cause: 'degraded', closedBecause: 'recovered', summary: '' });
  });

  it("closes a dropout still open when the meeting ends at the meeting's end, not when the site next comes online", async () => {
    const kiosk = await kioskInRoom('thuan-bac');
    const droppedAt = clock.now();
    kiosk.disconnect();
    await waitFor(async () => (await openIncidents()).some((incident) => incident.siteId === siteIds['thuan-bac']));
    clock.advance(120_000);
    const meeting = await platform.liveMeetingId();
    const chair = apiClient(platform.url, await platform.login('chutoa'));
    expect((await chair('POST', `/meetings/${meeting}/close`)).status).toBe(200);
    await waitFor(async () => (await openIncidents()).every((incident) => incident.siteId !== siteIds['thuan-bac']));
    const closed = (await bridgeApi<IncidentView[]>('GET', `/incidents?siteId=${siteIds['thuan-bac']}`)).body[0]!;
    expect(closed.closedAt).toBe(new Date(droppedAt.getTime() + 120_000).toISOString());
    expect(closed.downtimeSeconds).toBe(120);
    expect(closed.closedBecause).toBe('meeting-ended');
  });
});
