import type { Page } from 'playwright-core';
import type { CheckMeasurements, CheckView } from '@diemcau/shared';
import { apiClient, type TestPlatform } from '../../server/test/integration/harness';
import type {} from '../../client/src/technician/check/ConnectivityCheck';
import { screenshotFullPage } from './officePage';

export interface FinishedCheck {
  measured: Partial<CheckMeasurements>;
  result: CheckView;
}

/**
 * Runs a connectivity check on the technician page the way a technician does: "Run check", watch
 * the camera and the test picture, say the beep was heard, wait for the stored result. Screenshots
 * the camera test (`<name>-camera`), the loopback (`<name>-running`) and the result (`<name>`).
 */
export async function runCheck(page: Page, name: string): Promise<FinishedCheck> {
  await page.getByRole('button', { name: /^(Chạy kiểm tra|Chạy lại)$/ }).click();
  await page.locator('.check-videos [data-video="camera"] video').waitFor({ timeout: 30_000 });
  await screenshotFullPage(page, `${name}-camera`);
  const returned = page.locator('.check-videos [data-video="returned"] video');
  await returned.waitFor({ timeout: 60_000 });
  await returned.evaluate(
    (video: HTMLVideoElement) => new Promise((resolve) => (video.videoWidth > 0 ? resolve(true) : video.addEventListener('resize', resolve, { once: true }))),
  );
  await screenshotFullPage(page, `${name}-running`);
  const heard = page.getByRole('group', { name: 'Bạn có nghe thấy tiếng bíp không?' });
  await heard.waitFor({ timeout: 90_000 });
  await heard.getByRole('button', { name: 'Có', exact: true }).click();
  await page.getByTestId('check-result').waitFor({ timeout: 30_000 });
  await screenshotFullPage(page, name);
  return page.evaluate(() => {
    const { measured, progress } = window.diemcauCheck!.state;
    if (progress.phase !== 'done') throw new Error(`check ${progress.phase}`);
    return { measured, result: progress.result };
  });
}

export async function storedChecks(platform: TestPlatform, siteId: number): Promise<CheckView[]> {
  const bridge = apiClient(platform.url, await platform.login('vnpt'));
  return (await bridge<CheckView[]>('GET', `/sites/${siteId}/checks`)).body;
}

/** A site's readiness for a meeting, as the bridge answers the board. */
export async function readinessOf(platform: TestPlatform, meetingId: string, siteCode: string): Promise<string | undefined> {
  const office = apiClient(platform.url, await platform.login('vanphong'));
  const board = (await office<Array<{ meeting: { id: string }; sites: Array<{ code: string; readiness: string }> }>>('GET', '/readiness')).body;
  return board.find((row) => row.meeting.id === meetingId)?.sites.find((site) => site.code === siteCode)?.readiness;
}

declare global {
  interface Window {
    tonesPlayed?: number;
  }
}

/** Counts the tones the page plays through Web Audio (the alarm beep), which a headless browser cannot be heard to play. */
export async function countTones(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.tonesPlayed = 0;
    // Kept to be called with the oscillator as `this` below.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      window.tonesPlayed! += 1;
      return start.apply(this, args);
    };
  });
}

export const tonesPlayed = (page: Page): Promise<number> => page.evaluate(() => window.tonesPlayed ?? 0);
