import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertClientBuilt, screenshot } from '../browser';
import { expectReceivingFrom } from '../kioskPage';
import { BRIDGE_NAME, BRIDGE_ORIGIN, NetworkLab, PLAIN_PORT, type BridgeServer } from './lab';

/**
 * Issue 9, part 3: the bridge and two room PCs in network namespaces of their own, on a switch of veth
 * links, reached by name over HTTPS with the bridge's CA trusted as deploy/kiosk/setup-room-pc.sh trusts it.
 */
let lab: NetworkLab;
let bridge: BridgeServer;
const rooms = { k1: 'bac-ai', k2: 'ninh-son' } as const;

beforeAll(async () => {
  assertClientBuilt();
  lab = await NetworkLab.create(Object.keys(rooms));
  bridge = await lab.startBridge();
  await lab.setUpRooms(bridge, rooms);
}, 180_000);
afterAll(async () => {
  await lab?.close();
});

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(url);
  return page;
}

describe('room PCs on their own network', () => {
  it('open the kiosk link over HTTPS by name, publish, and decode each other', async () => {
    expect(lab.link('k1')).toMatch(new RegExp(`^${BRIDGE_ORIGIN}/kiosk\\?token=`));
    const pages = await Promise.all(Object.keys(rooms).map(async (role) => openPage(await lab.launchChromium(role, lab.home(role)), lab.link(role))));
    await expectReceivingFrom(pages[0]!, [rooms.k2], 90_000);
    await expectReceivingFrom(pages[1]!, [rooms.k1], 90_000);
    for (const page of pages) {
      expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
      expect(await page.locator('[data-warning="insecure"]').count()).toBe(0);
    }
    await screenshot(pages[0]!, 'network-kiosk-https');
  });

  it('are sent from plain HTTP to HTTPS on the same name', async () => {
    const answer = await lab.exec('k1', 'curl', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code} %{redirect_url}',
      `http://${BRIDGE_NAME}:${PLAIN_PORT}/kiosk?token=x`,
    ]);
    expect(answer).toBe(`308 ${BRIDGE_ORIGIN}/kiosk?token=x`);
    const ca = await lab.exec('k1', 'curl', ['-sf', `http://${BRIDGE_NAME}:${PLAIN_PORT}/ca.crt`]);
    expect(ca).toContain('BEGIN CERTIFICATE');
  });

  it('fail with a profile that does not trust the CA', async () => {
    const browser = await lab.launchChromium('k2', lab.freshHome('k2'));
    const page = await (await browser.newContext()).newPage();
    await expect(page.goto(lab.link('k2'))).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    await browser.close();
  });

  it('over plain HTTP on a network name, the page says the connection must be secure, in Vietnamese and English', async () => {
    // As in the issue: a browser reaching the bridge by name over HTTP. It runs beside the bridge (the server
    // sees a loopback client and serves the page), yet the page's origin is a network name, not localhost.
    const browser = await lab.launchChromium('bridge', lab.freshHome('bridge'), [`--host-resolver-rules=MAP ${BRIDGE_NAME} 127.0.0.1`]);
    const insecureLink = lab.link('k1').replace(BRIDGE_ORIGIN, `http://${BRIDGE_NAME}:${PLAIN_PORT}`);
    const errors: string[] = [];
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(insecureLink);
    const warning = page.locator('[data-warning="insecure"]');
    await expect.poll(() => warning.textContent(), { timeout: 30_000 }).toContain('Kết nối chưa an toàn');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await page.locator('body').textContent()).not.toMatch(/getUserMedia|Cannot read properties/);
    expect(errors).toEqual([]);
    await screenshot(page, 'network-kiosk-insecure-vi');
    await page.goto(`${insecureLink}&lang=en`);
    await expect.poll(() => warning.textContent(), { timeout: 30_000 }).toContain('The connection is not secure');
    await screenshot(page, 'network-kiosk-insecure-en');
  });
});
