/**
 * Run inside the bridge's namespace by the network tests (`ip netns exec … node --import tsx probe.ts`), over
 * loopback, as a user of the bridge:
 *
 *   probe.ts <port> observe <username> <password>
 *     prints, as JSON, what the bridge's monitoring shows: the alarm timeline and latest sample of /monitor,
 *     the incident log, and the sites' ids;
 *   probe.ts <port> layout <username> <password> <siteCode> <shownSiteCode>
 *     as the chair, shows one site full screen in one room.
 */
import { io } from 'socket.io-client';
import type { AlarmEvent, IncidentView, MonitorSample } from '@diemcau/shared';

const [port, mode, username, password, siteCode, shownSiteCode] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password }),
});
if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
const { accessToken } = (await login.json()) as { accessToken: string };

if (mode === 'layout') {
  const [meeting] = (await (await fetch(`${base}/api/meetings?status=live`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as Array<{
    id: string;
  }>;
  const chair = io(`${base}/chair`, { auth: { token: accessToken }, transports: ['websocket'], reconnection: false });
  const attached = (await chair.timeout(10_000).emitWithAck('chair:attach', { meetingId: meeting!.id })) as { ok: boolean };
  const layout = { template: 'single', panes: [{ kind: 'site', siteCode: shownSiteCode }] };
  const set = (await chair.timeout(10_000).emitWithAck('chair:setLayout', { layout, target: { siteCode } })) as { ok: boolean };
  chair.close();
  console.log(JSON.stringify({ attached: attached.ok, set: set.ok }));
  process.exit(attached.ok && set.ok ? 0 : 1);
}

const incidents = (await (await fetch(`${base}/api/incidents?limit=100`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as IncidentView[];
// Incidents name their site by id: the directory tells which site that is.
const sites = (
  (await (await fetch(`${base}/api/sites`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as Array<{ id: number; code: string }>
).map(({ id, code }) => ({ id, code }));

const alarms: AlarmEvent[] = [];
const socket = io(`${base}/monitor`, { auth: { token: accessToken }, transports: ['websocket'], reconnection: false });
socket.on('monitor:alarm', (alarm: AlarmEvent) => alarms.push(alarm));
// The timeline comes first on connecting, then the latest sample.
const sample = await new Promise<MonitorSample | undefined>((resolve) => {
  const timer = setTimeout(() => resolve(undefined), 5_000);
  socket.once('monitor:sample', (latest: MonitorSample) => {
    clearTimeout(timer);
    resolve(latest);
  });
  socket.once('connect_error', (error) => {
    clearTimeout(timer);
    console.error(error.message);
    resolve(undefined);
  });
});
socket.close();
console.log(JSON.stringify({ alarms, sample, incidents, sites }));
