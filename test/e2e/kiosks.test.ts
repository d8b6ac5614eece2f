import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import type { Result } from '@diemcau/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium, screenshot } from './browser';
import { expectReceivingFrom, openKiosk, receivedBySite } from './kioskPage';

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform({ workers: 2 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe('three kiosks in the live demo meeting', () => {
  const sites = ['chair', 'bac-ai', 'ninh-son'] as const;
  const names: Record<string, string> = { chair: 'Văn phòng UBND tỉnh', 'bac-ai': 'Huyện Bác Ái', 'ninh-son': 'Huyện Ninh Sơn' };

  it('each sees the other two sites decoding video and receives their audio', async () => {
    const pages = await Promise.all(sites.map((code) => openKiosk(browser, platform, code)));

    for (const [index, page] of pages.entries()) {
      const others = sites.filter((_, i) => i !== index);
      // Every other site decodes frames and delivers audio packets…
      await expectReceivingFrom(page, others);
      // …and its tile carries that site's name.
      for (const code of others) {
        await expect.poll(() => page.locator(`[data-site-code="${code}"] figcaption`).textContent()).toBe(names[code]);
      }
    }

    // Counters keep rising: the media is live, not a single frame that got through.
    const before = await Promise.all(pages.map(receivedBySite));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const after = await Promise.all(pages.map(receivedBySite));
    for (const [index] of pages.entries()) {
      for (const code of sites.filter((_, i) => i !== index)) {
        expect(after[index]!.get(code)!.frames).toBeGreaterThan(before[index]!.get(code)!.frames);
        expect(after[index]!.get(code)!.audioPackets).toBeGreaterThan(before[index]!.get(code)!.audioPackets);
      }
    }

    // The tiles really play: the video elements have picture dimensions.
    const widths = await pages[0]!.locator('.kiosk-tile video').evaluateAll((videos) => videos.map((video) => (video as HTMLVideoElement).videoWidth));
    expect(widths.length).toBe(2);
    expect(widths.every((width) => width > 0)).toBe(true);
    await screenshot(pages[0]!, 'kiosk-chair-live');
    await Promise.all(pages.map((page) => page.context().close()));
  });

  it('a kiosk whose link was forged shows the reason on screen, in Vietnamese', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const forged = (await platform.kioskToken('bac-ai')).replace(/\.[^.]+$/, '.Zm9yZ2Vk');
    await page.goto(`${platform.url}/kiosk?token=${forged}`);
    const reason = page.locator('[data-error-code="token-invalid"]');
    await expect.poll(() => reason.textContent(), { timeout: 15_000 }).toContain('Đường dẫn điểm cầu không hợp lệ');
    await screenshot(page, 'kiosk-forged-link');
    await context.close();
  });

  it('a kiosk opened without a token says the link has no access code', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${platform.url}/kiosk?lang=en`);
    await expect
      .poll(() => page.locator('[data-error-code="unauthenticated"]').textContent(), { timeout: 15_000 })
      .toContain('The site link has no access code');
    await context.close();
  });

  it('loads its device from the capabilities in its page, before its socket is up (issue 14)', async () => {
    const context = await browser.newContext();
    // The signaling socket opens but the bridge never answers on it: whatever the kiosk learns, it learns from its page.
    await context.routeWebSocket(/\/socket\.io\//, () => undefined);
    const page = await context.newPage();
    await page.goto(`${platform.url}/kiosk?token=${await platform.kioskToken('ninh-hai')}`);
    const marks = () => page.evaluate(() => performance.getEntriesByType('mark').map((mark) => mark.name));
    await expect.poll(marks, { timeout: 15_000 }).toContain('join:device-loaded');
    expect(await marks()).not.toContain('join:capabilities');
    expect(await marks()).not.toContain('join:socket-open');
    // With nothing from the bridge, the screen is drawn all the same, a moment later, and says it is connecting.
    await expect.poll(() => page.locator('.kiosk[data-phase="connecting"] h1').textContent(), { timeout: 5_000 }).toBe('Đang kết nối tới điểm cầu trung tâm…');
    await context.close();
  });

  it('a restarted kiosk skips finding its browser capabilities, and finds them again if what it kept is spoilt (issue 14)', async () => {
    const sender = await openKiosk(browser, platform, 'thuan-nam');
    const profile = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    // Each peer connection the page makes, by when: those before the join request are mediasoup-client's probes.
    await profile.addInitScript(() => {
      const Native = window.RTCPeerConnection;
      const made: number[] = [];
      Object.assign(window, { peerConnectionsMade: made });
      window.RTCPeerConnection = class extends Native {
        constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
          super(...args);
          made.push(performance.now());
        }
      };
    });
    const address = `${platform.url}/kiosk?token=${await platform.kioskToken('thuan-bac')}`;
    /** Opens the kiosk in the profile, waits until it shows the other room's picture and sound, and closes it. */
    const start = async () => {
      const page = await profile.newPage();
      await page.goto(address);
      await expectReceivingFrom(page, ['thuan-nam']);
      const probes = await page.evaluate(() => {
        const requested = performance.getEntriesByName('join:requested')[0]!.startTime;
        return (window as unknown as { peerConnectionsMade: number[] }).peerConnectionsMade.filter((at) => at < requested).length;
      });
      await page.close();
      return probes;
    };
    expect(await start()).toBe(2);
    expect(await start()).toBe(0);
    const spoil = await profile.newPage();
    await spoil.goto(`${platform.url}/kiosk`);
    await spoil.evaluate(() =>
      localStorage.setItem('diemcau.nativeRtpCapabilities', localStorage.getItem('diemcau.nativeRtpCapabilities')!.replaceAll('"mimeType"', '"mime"')),
    );
    await spoil.close();
    expect(await start()).toBe(2);
    expect(await start()).toBe(0);
    await profile.close();
    await sender.context().close();
  });

  it('a restarted kiosk whose remembered capabilities pass the check but cannot send finds them afresh, and sends (issue 14)', async () => {
    const receiver = await openKiosk(browser, platform, 'ninh-hai');
    const profile = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const address = `${platform.url}/kiosk?token=${await platform.kioskToken('thuan-bac')}`;
    const first = await profile.newPage();
    await first.goto(address);
    await expectReceivingFrom(receiver, ['thuan-bac']);
    await first.close();
    await expect.poll(async () => (await receivedBySite(receiver)).has('thuan-bac'), { timeout: 30_000 }).toBe(false);

    // As after a browser update that kept its user agent string: what it remembers sends no video.
    const sendsVideo = (page: Page) =>
      page.evaluate(() => {
        const kept = JSON.parse(localStorage.getItem('diemcau.nativeRtpCapabilities') ?? 'null') as {
          sendonly: { codecs: { kind: string }[] };
        } | null;
        return kept?.sendonly.codecs.some((codec) => codec.kind === 'video') ?? false;
      });
    const page = await profile.newPage();
    await page.goto(`${platform.url}/kiosk`);
    expect(await sendsVideo(page)).toBe(true);
    await page.evaluate(() => {
      const kept = JSON.parse(localStorage.getItem('diemcau.nativeRtpCapabilities')!) as { sendonly: { codecs: { kind: string }[] } };
      kept.sendonly.codecs = kept.sendonly.codecs.filter((codec) => codec.kind !== 'video');
      localStorage.setItem('diemcau.nativeRtpCapabilities', JSON.stringify(kept));
    });
    expect(await sendsVideo(page)).toBe(false);
    const failures: string[] = [];
    page.on('console', (message) => {
      if (message.text().startsWith('media start failed')) failures.push(message.text());
    });
    await page.goto(address);
    await expectReceivingFrom(receiver, ['thuan-bac']);
    expect(failures.length).toBe(1);
    expect(await sendsVideo(page)).toBe(true);
    await profile.close();
    await receiver.context().close();
  });

  it('connects its media before the bridge has taken its DTLS parameters (issue 14)', async () => {
    const sender = await openKiosk(browser, platform, 'phan-rang');
    const context = await browser.newContext();
    // The kiosk's requests pass, except that the transport's DTLS parameters are held back until released.
    let holding = true;
    const held: (() => void)[] = [];
    await context.routeWebSocket(/\/socket\.io\//, (page) => {
      const bridge = page.connectToServer();
      page.onMessage((message) => {
        if (holding && typeof message === 'string' && message.includes('"media:connectTransport"')) held.push(() => bridge.send(message));
        else bridge.send(message);
      });
      bridge.onMessage((message) => page.send(message));
    });
    const page = await context.newPage();
    await page.goto(`${platform.url}/kiosk?token=${await platform.kioskToken('ninh-phuoc')}`);
    const marks = () => page.evaluate(() => performance.getEntriesByType('mark').map((mark) => mark.name));
    // Before, mediasoup-client waited for the answer to that request before it even started ICE.
    await expect.poll(marks, { timeout: 30_000 }).toContain('join:recv-connected');
    expect(held.length).toBeGreaterThan(0);
    holding = false;
    for (const release of held) release();
    await expectReceivingFrom(page, ['phan-rang']);
    await context.close();
    await sender.context().close();
  });

  it("plays the room's sound at the level the chair set, before and after the room joined", async () => {
    const chair = platform.connect('/chair', { token: await platform.login('chutoa') }) as unknown as Socket;
    const command = async (name: string, payload: unknown) => {
      const result = (await chair.emitWithAck(name, payload)) as Result<unknown>;
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    };
    await command('chair:attach', { meetingId: await platform.liveMeetingId() });
    await command('chair:setAudio', { siteCode: 'ninh-phuoc', speakerVolume: 0.25 });
    const page = await openKiosk(browser, platform, 'ninh-phuoc');
    const level = () => page.evaluate(() => window.diemcauKiosk?.speakerLevel ?? null);
    await expect.poll(level, { timeout: 30_000 }).toBeCloseTo(0.25, 5);
    await command('chair:setAudio', { siteCode: 'ninh-phuoc', speakerVolume: 0.75 });
    await expect.poll(level, { timeout: 10_000 }).toBeCloseTo(0.75, 5);
    chair.close();
    await page.context().close();
  });
});
