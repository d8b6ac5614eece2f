import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVoiceActivation, type SiteView } from '@diemcau/shared';
import { apiClient, joinMedia, nextEvent, startTestPlatform, waitFor, type KioskClient, type TestPlatform } from './harness';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ manualScheduler: true });
});
afterAll(async () => {
  await platform?.close();
});

async function scrape(): Promise<string> {
  const token = fs.readFileSync(path.join(platform.dataDir, 'metrics-token'), 'utf8').trim();
  const response = await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one series in the exposition text, or undefined when it is absent. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A kiosk that joined its meeting's media: a receiving and a sending transport, nothing sent yet. */
async function kioskWithTransport(siteCode: string): Promise<KioskClient> {
  const kiosk = platform.connectKiosk({ token: await platform.kioskToken(siteCode) });
  await nextEvent(kiosk, 'session:state');
  await joinMedia(kiosk);
  return kiosk;
}

const liveMeetingId = async () => (await platform.db('meetings').where({ status: 'live' }).first<{ id: string }>()).id;

describe('/metrics for the operators (issue 15)', () => {
  it('counts joins, rejoins and drops by site, and the media each room holds per worker', async () => {
    const meeting = await liveMeetingId();
    const pid = platform.pool.workers()[0]!.pid;
    const first = await kioskWithTransport('bac-ai');
    let text = await scrape();
    expect(valueOf(text, 'diemcau_kiosk_joins_total{site="bac-ai"}')).toBe(1);
    expect(valueOf(text, 'diemcau_kiosk_rejoins_total{site="bac-ai"}')).toBeUndefined();
    expect(valueOf(text, `diemcau_media_rooms{meeting="${meeting}",worker="${pid}"}`)).toBe(1);
    expect(valueOf(text, `diemcau_media_peers{meeting="${meeting}",worker="${pid}"}`)).toBe(1);
    expect(valueOf(text, `diemcau_media_transports{meeting="${meeting}",worker="${pid}"}`)).toBe(2);
    expect(valueOf(text, `diemcau_media_producers{meeting="${meeting}",worker="${pid}"}`)).toBe(0);

    first.disconnect();
    await waitFor(async () => valueOf(await scrape(), 'diemcau_kiosk_drops_total{site="bac-ai"}') === 1);
    const again = await kioskWithTransport('bac-ai');
    text = await scrape();
    expect(valueOf(text, 'diemcau_kiosk_joins_total{site="bac-ai"}')).toBe(1);
    expect(valueOf(text, 'diemcau_kiosk_rejoins_total{site="bac-ai"}')).toBe(1);
    again.disconnect();
  });

  it('counts signaling requests, times them, and counts their errors by request and code', async () => {
    const kiosk = platform.connectKiosk({ token: await platform.kioskToken('ninh-son') });
    await nextEvent(kiosk, 'session:state');
    const before = await scrape();
    const count = (text: string, series: string) => valueOf(text, series) ?? 0;
    await kiosk.emitWithAck('media:routerCapabilities', {});
    await kiosk.emitWithAck('media:createTransport', { direction: 'sideways' } as never);
    await (kiosk as unknown as Socket).emitWithAck('made:up', {});
    const after = await scrape();
    expect(count(after, 'diemcau_signaling_requests_total{request="media:routerCapabilities"}')).toBe(
      count(before, 'diemcau_signaling_requests_total{request="media:routerCapabilities"}') + 1,
    );
    expect(count(after, 'diemcau_signaling_request_duration_seconds_count{request="media:routerCapabilities"}')).toBe(
      count(before, 'diemcau_signaling_request_duration_seconds_count{request="media:routerCapabilities"}') + 1,
    );
    expect(count(after, 'diemcau_signaling_request_errors_total{request="media:createTransport",code="invalid-request"}')).toBe(
      count(before, 'diemcau_signaling_request_errors_total{request="media:createTransport",code="invalid-request"}') + 1,
    );
    // A made-up event name is counted, but never becomes a label of its own.
    expect(count(after, 'diemcau_signaling_request_errors_total{request="unknown",code="invalid-request"}')).toBe(1);
    expect(after).not.toContain('made:up');
    kiosk.disconnect();
  });

  it('takes the kiosks’ own reports of media ready and layout applied, and refuses a malformed one', async () => {
    const kiosk = platform.connectKiosk({ token: await platform.kioskToken('ninh-phuoc') });
    await nextEvent(kiosk, 'session:state');
    expect(await kiosk.emitWithAck('kiosk:report', { kind: 'media-ready', ms: 1800 })).toEqual({ ok: true, data: {} });
    expect(await kiosk.emitWithAck('kiosk:report', { kind: 'layout-applied', ms: 120 })).toEqual({ ok: true, data: {} });
    const refused = (await kiosk.emitWithAck('kiosk:report', { kind: 'media-ready', ms: -5 })) as { ok: boolean; error?: { code: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const text = await scrape();
    expect(valueOf(text, 'diemcau_kiosk_media_ready_seconds_count')).toBe(1);
    expect(valueOf(text, 'diemcau_kiosk_media_ready_seconds_sum')).toBeCloseTo(1.8);
    expect(valueOf(text, 'diemcau_kiosk_media_ready_seconds_bucket{le="1"}')).toBe(0);
    expect(valueOf(text, 'diemcau_kiosk_media_ready_seconds_bucket{le="2"}')).toBe(1);
    expect(valueOf(text, 'diemcau_kiosk_layout_apply_seconds_count')).toBe(1);
    expect(valueOf(text, 'diemcau_kiosk_layout_apply_seconds_sum')).toBeCloseTo(0.12);
    kiosk.disconnect();
  });

  it('counts the layouts the chair pushes, and not its other controls', async () => {
    // The untyped socket: the chair's requests are not in the kiosk client's event map.
    const console = platform.connect('/chair', { token: await platform.login('chutoa') }) as unknown as Socket;
    expect(await console.emitWithAck('chair:attach', { meetingId: await liveMeetingId() })).toMatchObject({ ok: true });
    const layout = { template: 'single', panes: [{ kind: 'site', siteCode: 'chair' }] };
    expect(await console.emitWithAck('chair:setLayout', { layout, target: 'all' })).toEqual({ ok: true, data: {} });
    expect(await console.emitWithAck('chair:clearOverride', { siteCode: 'bac-ai' })).toEqual({ ok: true, data: {} });
    expect(await console.emitWithAck('chair:setVoice', { ...defaultVoiceActivation, pinChair: false })).toEqual({ ok: true, data: {} });
    expect(valueOf(await scrape(), 'diemcau_layout_pushes_total')).toBe(2);
    console.disconnect();
  });

  it('counts refused actions: a room changed while its meeting is live, a role beyond its rights', async () => {
    const admin = apiClient(platform.url, await platform.login('admin'));
    const bacAi = (await admin<SiteView[]>('GET', '/sites')).body.find((site) => site.code === 'bac-ai')!.id;
    const technician = apiClient(platform.url, await platform.login('kythuat.bacai'));
    expect((await technician('PATCH', `/sites/${bacAi}/configuration`, { equipment: ['Camera'] })).status).toBe(423);
    expect((await technician('GET', '/audit')).status).toBe(403);
    const text = await scrape();
    expect(valueOf(text, 'diemcau_refused_actions_total{code="config-locked"}')).toBe(1);
    expect(valueOf(text, 'diemcau_refused_actions_total{code="forbidden"}')).toBeGreaterThanOrEqual(1);
  });

  it('serves the process, the workers, the store and the register', async () => {
    const text = await scrape();
    const pid = platform.pool.workers()[0]!.pid;
    expect(valueOf(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(valueOf(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, `diemcau_worker_cpu_seconds_total{pid="${pid}"}`)).toBeGreaterThan(0);
    // A mediasoup worker is a native process of several MB.
    expect(valueOf(text, `diemcau_worker_max_resident_memory_bytes{pid="${pid}"}`)).toBeGreaterThan(1_000_000);
    expect(valueOf(text, 'diemcau_media_workers')).toBe(1);
    expect(valueOf(text, 'diemcau_db_query_duration_seconds_count{operation="select"}')).toBeGreaterThan(10);
    const live = await platform.db('meetings').where({ status: 'live' }).count<Array<{ count: number }>>({ count: '*' });
    expect(valueOf(text, 'diemcau_meetings{state="live"}')).toBe(Number(live[0]!.count));
    const open = await platform.db('incidents').whereNull('closed_at').count<Array<{ count: number }>>({ count: '*' });
    expect(valueOf(text, 'diemcau_open_incidents')).toBe(Number(open[0]!.count));
  });

  it('serves when the served certificate and the bridge CA expire, for the expiry alert', async () => {
    const text = await scrape();
    const { validTo, caValidTo } = platform.tls.info;
    expect(valueOf(text, 'diemcau_tls_certificate_expiry_timestamp_seconds{certificate="server"}')).toBe(validTo.getTime() / 1000);
    expect(valueOf(text, 'diemcau_tls_certificate_expiry_timestamp_seconds{certificate="ca"}')).toBe(caValidTo!.getTime() / 1000);
    // A fresh server certificate lasts 90 days: far from the 14-day alert.
    expect(validTo.getTime() - Date.now()).toBeGreaterThan(80 * 86_400_000);
  });

  it('passes `promtool check metrics` with live sites, in base units', async () => {
    const kiosk = await kioskWithTransport('thuan-nam');
    await platform.monitor.sample();
    const text = await scrape();
    expect(text).toMatch(/diemcau_site_online\{meeting="[^"]+",site="thuan-nam"\} 1/);
    expect(text).toMatch(/diemcau_site_rtt_seconds\{meeting="[^"]+",site="thuan-nam"\} /);
    expect(text).toMatch(/diemcau_site_jitter_seconds\{meeting="[^"]+",site="thuan-nam"\} /);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stderr + check.stdout).toBe('');
    expect(check.status).toBe(0);
    kiosk.disconnect();
  });
});
