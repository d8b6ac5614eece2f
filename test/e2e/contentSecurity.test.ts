import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium, screenshot } from './browser';
import { openChairConsole } from './conferencePages';
import { expectReceivingFrom } from './kioskPage';
import { logIn, openOfficeApp } from './officePage';

/**
 * Issue 11, deliver 6: the built client runs under the strict Content-Security-Policy (no violation
 * on the kiosk, the chair console with media, the office application), and the refresh token is
 * out of page scripts' reach.
 */
let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

type ViolationWindow = Window & { cspViolations?: string[] };

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    (window as ViolationWindow).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as ViolationWindow).cspViolations!.push(
        `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      ),
    );
  });
  return console;
}

const violationsIn = (page: Page) => page.evaluate(() => (window as ViolationWindow).cspViolations ?? []);

describe('strict Content-Security-Policy (issue 11, deliver 6)', () => {
  it('is sent with the pages', async () => {
    const response = await fetch(`${platform.url}/kiosk`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets the kiosks and the chair console run with their media and no violation', async () => {
    const kiosks: Page[] = [];
    const consoleMessages: string[][] = [];
    for (const site of ['chair', 'bac-ai']) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      consoleMessages.push(await watchViolations(page));
      await page.goto(`${platform.url}/kiosk?token=${await platform.kioskToken(site)}`);
      kiosks.push(page);
    }
    await expectReceivingFrom(kiosks[1]!, ['chair']);
    await expectReceivingFrom(kiosks[0]!, ['bac-ai']);

    const chairConsole = await openChairConsole(browser, platform, async (page) => consoleMessages.push(await watchViolations(page)));
    await expect.poll(() => chairConsole.locator('.site-thumb video').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(chairConsole, 'csp-chair-console');
    for (const page of [...kiosks, chairConsole]) expect(await violationsIn(page)).toEqual([]);
    expect(consoleMessages.flat()).toEqual([]);
    for (const page of [...kiosks, chairConsole]) await page.context().close();
  });

  it('runs the office application without violation, and keeps the refresh token out of page scripts', async () => {
    const page = await openOfficeApp(browser, platform, 'csp-office');
    const messages = await watchViolations(page);
    await page.reload();
    await logIn(page, platform, 'admin');
    for (const screen of ['/admin/users', '/admin/kiosks', '/admin/audit', '/']) {
      await page.goto(`${platform.url}${screen}`);
      await page.getByTestId('current-user').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await violationsIn(page), screen).toEqual([]);
    }
    await screenshot(page, 'csp-office-calendar');
    expect(messages).toEqual([]);
    const stored = await page.evaluate(() => Object.values(localStorage).join('\n'));
    expect(stored).toContain('accessToken');
    expect(stored).not.toContain('refreshToken');
    expect(await page.evaluate(() => document.cookie)).not.toContain('diemcau_refresh');
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'diemcau_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    await page.context().close();
  });
});
