import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertClientBuilt } from '../browser';
import { expectReceivingFrom } from '../kioskPage';
import { runCheck } from '../technicianPage';
import { connectionPaths, recordPeerConnections } from './mediaStats';
import { BRIDGE_ADDRESS, BRIDGE_NAME, HTTPS_PORT, NetworkLab, type BridgeServer } from './lab';

/**
 * Issue 9, part 4: a room whose network blocks UDP to the bridge joins over ICE-TCP; with the bridge's media
 * port blocked too, it joins through Debian's coturn, run with the project's configuration, over TCP and over
 * TLS, and its connection check says which path it used.
 */
let lab: NetworkLab;
let bridge: BridgeServer;
const rooms = { k1: 'bac-ai', k2: 'ninh-son' } as const;
const TURN_SECRET = crypto.randomBytes(24).toString('base64url');

beforeAll(async () => {
  assertClientBuilt();
  lab = await NetworkLab.create(Object.keys(rooms));
  bridge = await lab.startBridge({
    TURN_URLS: `turn:${BRIDGE_NAME}:3478?transport=tcp,turns:${BRIDGE_NAME}:5349?transport=tcp`,
    TURN_SECRET,
  });
  await lab.startCoturn(TURN_SECRET, bridge.dataDir);
  await lab.setUpRooms(bridge, rooms);
}, 180_000);
afterAll(async () => {
  await lab?.close();
});

const browsers = new Map<string, Browser>();
async function openKioskIn(role: keyof typeof rooms): Promise<Page> {
  const browser = browsers.get(role) ?? (await lab.launchChromium(role, lab.home(role)));
  browsers.set(role, browser);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  page.on('pageerror', (error) => console.error(`[${role}] page error:`, error));
  await recordPeerConnections(page);
  await page.goto(lab.link(role));
  return page;
}

/** Everything UDP on the room's link is dropped, both ways. */
const NO_UDP = ['iifname "$port" meta l4proto udp counter drop comment "udp-out"', 'oifname "$port" meta l4proto udp counter drop comment "udp-in"'];
/** Of TCP to the bridge, only these ports pass: the pages and signaling, and the TURN ports given. */
const onlyTcpTo = (ports: number[]) => [`iifname "$port" ip daddr ${BRIDGE_ADDRESS} tcp dport != { ${ports.join(', ')} } counter drop comment "tcp-blocked"`];

async function checkFromKiosk(name: string) {
  const page = await openKioskIn('k1');
  // Technician mode opens once the kiosk knows its site.
  await expect.poll(() => page.evaluate(() => window.diemcauKiosk?.view.phase), { timeout: 60_000 }).toBe('live');
  await page.keyboard.press('Control+Alt+K');
  const dialog = page.getByRole('dialog', { name: 'Chế độ kỹ thuật — kiểm tra kết nối' });
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.locator('input[name=username]').fill('kythuat.bacai');
  await dialog.locator('input[name=password]').fill(bridge.passwordOf('kythuat.bacai'));
  await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
  const check = await runCheck(page, name);
  await page.context().close();
  return check;
}

describe('a room behind a strict firewall', () => {
  it('with UDP to the bridge dropped, joins over ICE-TCP: it publishes and receives', async () => {
    // The relay's ports closed too, so the media can only take the bridge's own TCP port.
    await lab.setLinkRules('k1', [...NO_UDP, `iifname "$port" ip daddr ${BRIDGE_ADDRESS} tcp dport { 3478, 5349 } drop`]);
    const [blocked, other] = [await openKioskIn('k1'), await openKioskIn('k2')];
    await expectReceivingFrom(blocked, [rooms.k2], 90_000);
    await expectReceivingFrom(other, [rooms.k1], 90_000);
    // UDP was tried and dropped: the media went over TCP.
    expect(await lab.ruleCount('k1', 'udp-out')).toBeGreaterThan(0);
    expect(await connectionPaths(blocked)).toEqual(['tcp', 'tcp']);
    await blocked.context().close();
    await other.context().close();
  });

  /** The room joins with its own TURN credentials: it publishes and receives through the relay. */
  async function expectJoinedThrough(path: string): Promise<void> {
    const [blocked, other] = [await openKioskIn('k1'), await openKioskIn('k2')];
    await expectReceivingFrom(blocked, [rooms.k2], 90_000);
    await expectReceivingFrom(other, [rooms.k1], 90_000);
    expect(await connectionPaths(blocked)).toEqual([path, path]);
    await blocked.context().close();
    await other.context().close();
  }

  it('with the media port blocked too, joins through TURN over TCP, and the check says so', async () => {
    await lab.setLinkRules('k1', [...NO_UDP, ...onlyTcpTo([HTTPS_PORT, 3478])]);
    await expectJoinedThrough('relay/tcp');
    const { measured, result } = await checkFromKiosk('network-check-turn-tcp');
    expect(measured.ice).toEqual({ udp: { connected: false }, tcp: { connected: false }, turn: { connected: true } });
    expect(measured.loopback?.path).toBe('turn-tcp');
    expect(measured.loopback!.bitrateKbps).toBeGreaterThan(0);
    expect(result.items.find((item) => item.item === 'media-path')).toMatchObject({ verdict: 'warn', measured: 'TURN/TCP' });
    expect(await lab.ruleCount('k1', 'tcp-blocked')).toBeGreaterThan(0);
  });

  it('with only HTTPS and TURN over TLS open, joins through TURN over TLS, and the check says so', async () => {
    await lab.setLinkRules('k1', [...NO_UDP, ...onlyTcpTo([HTTPS_PORT, 5349])]);
    await expectJoinedThrough('relay/tls');
    const { measured, result } = await checkFromKiosk('network-check-turn-tls');
    expect(measured.ice?.turn).toEqual({ connected: true });
    expect(measured.loopback?.path).toBe('turn-tls');
    expect(result.items.find((item) => item.item === 'media-path')).toMatchObject({ verdict: 'warn', measured: 'TURN/TLS' });
  });
});
