import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmEvent, MonitorSample } from '@diemcau/shared';
import { connectError, nextEvent, startTestPlatform, type TestPlatform, joinMedia } from './harness';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ manualScheduler: true });
});
afterAll(async () => {
  await platform?.close();
});

const watch = (token?: string) => platform.connect('/monitor', token ? { token } : {});

describe('live monitoring (Art. 7.1.a, 13)', () => {
  it('samples every site of a live meeting: the one with a kiosk online, the others offline with an alarm', async () => {
    const kiosk = platform.connectKiosk({ token: await platform.kioskToken('bac-ai') });
    await nextEvent(kiosk, 'session:state');
    await joinMedia(kiosk);
    const alarms: AlarmEvent[] = [];
    platform.monitor.on('alarm', (alarm) => alarms.push(alarm));

    const sample = await platform.monitor.sample();
    const sites = sample.meetings[0]!.sites;
    expect(sites).toHaveLength(8);
    expect(sites.find((site) => site.siteCode === 'bac-ai')).toMatchObject({ online: true });
    expect(sites.filter((site) => !site.online)).toHaveLength(7);
    expect(
      alarms
        .filter((alarm) => alarm.raised && alarm.code === 'offline')
        .map((alarm) => alarm.siteCode)
        .sort(),
    ).toHaveLength(7);
    expect(alarms.some((alarm) => alarm.siteCode === 'bac-ai' && alarm.code === 'offline')).toBe(false);

    // The site drops out: its offline alarm is raised at the next sample.
    const before = alarms.length;
    kiosk.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await platform.monitor.sample();
    expect(alarms.slice(before).filter((alarm) => alarm.raised)).toMatchObject([{ siteCode: 'bac-ai', code: 'offline', level: 'critical' }]);
  });

  it('streams samples and the alarm timeline to bridge technicians only', async () => {
    expect((await connectError(watch())).data?.code).toBe('unauthenticated');
    expect((await connectError(watch(await platform.login('sotttt')))).data?.code).toBe('forbidden');
    const watcher = watch(await platform.login('vnpt'));
    const first = await nextEvent<MonitorSample>(watcher, 'monitor:sample');
    expect(first.meetings[0]!.sites).toHaveLength(8);
    const next = nextEvent<MonitorSample>(watcher, 'monitor:sample');
    await platform.monitor.sample();
    expect((await next).at).toBeTruthy();
  });

  it('exposes the same figures to Prometheus behind their own token', async () => {
    expect((await fetch(`${platform.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${await platform.login('vnpt')}` } })).status).toBe(401);
    const token = fs.readFileSync(path.join(platform.dataDir, 'metrics-token'), 'utf8').trim();
    const response = await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('diemcau_media_workers 1');
    expect(text).toMatch(/diemcau_site_online\{meeting="[^"]+",site="bac-ai"\} 0/);
  });
});
