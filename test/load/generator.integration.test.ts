import type { types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediasoup } from '../../server/src/media/mediasoupRuntime';
import { startTestPlatform, waitFor, type TestPlatform } from '../../server/test/integration/harness';
import { ChairConsole } from './ChairConsole';
import { timeLayoutPush, timeUnmuteHeard } from './chairRounds';
import { liveMeetingOfSites, startGeneratorRooms, type LoadGenerator } from './index';

describe('load generator rooms on a real bridge', () => {
  let platform: TestPlatform;
  let rooms: LoadGenerator;
  let siteCodes: string[];
  let chair: ChairConsole;
  /** Muted by the chair before anyone joins: no room has a stream of its sound until it is unmuted. */
  let mutedRoom: string;
  const producers: types.Producer[] = [];

  beforeAll(async () => {
    // The bridge runs in this process: what the rooms publish shows on mediasoup's observer (pipes aside).
    mediasoup.observer.on('newworker', (worker) =>
      worker.observer.on('newrouter', (router) =>
        router.observer.on('newtransport', (transport) => {
          if ('iceParameters' in transport) transport.observer.on('newproducer', (producer) => producers.push(producer));
        }),
      ),
    );
    platform = await startTestPlatform({ workers: 2, manualScheduler: true });
    ({ siteCodes } = await liveMeetingOfSites(platform.db, 4));
    chair = await ChairConsole.attach(platform.url, { username: 'chutoa', password: platform.passwordOf('chutoa'), meetingId: await platform.liveMeetingId() });
    mutedRoom = siteCodes.at(-1)!;
    await chair.request('chair:mute', { siteCode: mutedRoom, muted: true });
    rooms = await startGeneratorRooms({
      url: platform.url,
      rooms: await Promise.all(siteCodes.map(async (siteCode) => ({ siteCode, token: await platform.kioskToken(siteCode) }))),
    });
    // On a fresh machine ffmpeg first encodes the media, once.
  }, 180_000);

  afterAll(async () => {
    chair?.close();
    rooms?.close();
    await platform?.close();
  });

  it('join with their kiosk links and see every pane of their view, with no packet lost on loopback', async () => {
    expect(rooms.failures).toEqual([]);
    await waitFor(() => rooms.reports().every((report) => report.joinToFirstFrameMs !== null && report.panesMissing === 0 && report.video.length > 0), 15_000);
    const first = rooms.reports();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const [index, report] of rooms.reports().entries()) {
      const received = report.packetsReceived - first[index]!.packetsReceived;
      const expected = report.packetsExpected - first[index]!.packetsExpected;
      // Two seconds of at least one other room's video at 30 frames a second.
      expect(received).toBeGreaterThan(60);
      expect(expected - received).toBeLessThanOrEqual(Math.ceil(expected * 0.01));
      expect(report.streams.video).toBe(report.video.length);
      expect(report.bytesOut).toBeGreaterThan(0);
    }
  });

  it('read back, from the RTP timestamps, when what they receive was sent', () => {
    const transit = rooms.reports().flatMap((report) => report.transitMs);
    expect(transit.length).toBeGreaterThan(100);
    // Through the bridge and back on loopback: never negative, well under a second.
    expect(Math.min(...transit)).toBeGreaterThanOrEqual(0);
    expect(transit.filter((ms) => ms < 1_000).length / transit.length).toBeGreaterThan(0.99);
  });

  it('publish three simulcast layers and Opus that the bridge receives, each with a good score', async () => {
    const live = producers.filter((producer) => !producer.closed);
    expect(live.filter((producer) => producer.kind === 'video')).toHaveLength(siteCodes.length);
    expect(live.filter((producer) => producer.kind === 'audio')).toHaveLength(siteCodes.length);
    for (const producer of live) {
      const stats = (await producer.getStats()).filter((entry) => entry.type === 'inbound-rtp');
      if (producer.kind === 'video') expect(stats.map((entry) => entry.rid).sort()).toEqual(['r0', 'r1', 'r2']);
      else expect(stats).toHaveLength(1);
      for (const entry of stats) {
        expect(entry.packetCount).toBeGreaterThan(0);
        expect(entry.score).toBeGreaterThanOrEqual(8);
      }
    }
  });

  it('note when a layout change of the chair reaches each of them, and when a room the chair unmutes is first heard', async () => {
    const layout = await timeLayoutPush(chair, rooms.joined(), siteCodes, 2, rooms.clock);
    expect(layout.missed).toBe(0);
    expect(layout.perRoom).toHaveLength(2 * siteCodes.length);
    expect(layout.everyRoom).toHaveLength(2);
    expect(rooms.joined().some((room) => room.heardSince(mutedRoom) !== undefined || room.report().audio.includes(mutedRoom))).toBe(false);
    const heard = await timeUnmuteHeard(chair, rooms.joined(), [mutedRoom], 1, rooms.clock);
    expect(heard.missed).toBe(0);
    expect(heard.perRoom).toHaveLength(siteCodes.length - 1);
    for (const ms of heard.perRoom) expect(ms).toBeGreaterThan(0);
  });
});
