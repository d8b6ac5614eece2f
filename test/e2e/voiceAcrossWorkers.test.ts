import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConferenceState, Result } from '@diemcau/shared';
import { startTestPlatform, type TestPlatform } from '../../server/test/integration/harness';
import { assertClientBuilt, launchChromium } from './browser';
import { expectReceivingFrom, openKiosk } from './kioskPage';
import { speechLikeWav } from './speechLikeAudio';

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform({ workers: 2 });
  // Speech, not Chromium's steady beep: the bridge's speaker detection learns a steady sound as background.
  browser = await launchChromium({ microphoneFile: speechLikeWav() });
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe('one meeting on two workers', () => {
  it('forwards across the workers, and voice activation follows a speaker on the other worker', async () => {
    // The chair's room joins first: its microphone is the first the room observes, so voice activation sits on its worker.
    const chair = await openKiosk(browser, platform, 'chair');
    await expect.poll(() => platform.bridge.openRooms()[0]?.peerList().length ?? 0, { timeout: 30_000 }).toBe(1);
    const district = await openKiosk(browser, platform, 'bac-ai');
    await expectReceivingFrom(chair, ['bac-ai']);
    await expectReceivingFrom(district, ['chair']);
    const room = platform.bridge.openRooms()[0]!;
    const workerOf = (site: string) => room.peerList().find((peer) => peer.site.code === site)!.router.worker.pid;
    expect(workerOf('chair')).not.toBe(workerOf('bac-ai'));

    const console = platform.connect('/chair', { token: await platform.login('chutoa') });
    let state: ConferenceState | undefined;
    console.on('conference:state', (next) => (state = next));
    const attached: Result<ConferenceState> = await console.emitWithAck('chair:attach', { meetingId: room.meetingId });
    expect(attached.ok).toBe(true);
    await console.emitWithAck('chair:setVoice', { enabled: true, pinChair: false, holdSeconds: 1, minSpeechDb: -70 });
    // The chair's room speaks alone, then hands over to the district: each time only one room is unmuted.
    await console.emitWithAck('chair:mute', { siteCode: 'bac-ai', muted: true });
    await expect.poll(() => state?.activeSpeaker, { timeout: 30_000, interval: 250 }).toBe('chair');
    await console.emitWithAck('chair:mute', { siteCode: 'chair', muted: true });
    await console.emitWithAck('chair:mute', { siteCode: 'bac-ai', muted: false });
    await expect.poll(() => state?.activeSpeaker, { timeout: 30_000, interval: 250 }).toBe('bac-ai');
    expect(state?.audible).toEqual(['bac-ai']);
  });
});
