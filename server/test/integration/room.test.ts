import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultLook, type MediaSource, type NewConsumer, type SiteSummary } from '@diemcau/shared';
import { Conference } from '../../src/conference/Conference';
import { Conferences } from '../../src/conference/Conferences';
import { createLogger } from '../../src/logger';
import { Bridge } from '../../src/media/Bridge';
import { streamKey, type Peer, type PeerChannel } from '../../src/media/Peer';
import type { MediaPolicy, PolicyPeer, Room } from '../../src/media/Room';
import type { Layers } from '../../src/media/subscriptionPlan';
import { WorkerPool } from '../../src/media/WorkerPool';
import type { MeetingRepository } from '../../src/meetings/MeetingRepository';
import { waitFor } from './harness';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let pool: WorkerPool;
let bridge: Bridge;
const rooms: Room[] = [];

beforeAll(async () => {
  pool = await WorkerPool.start(
    { size: 2, rtc: { listenIp: '127.0.0.1', announcedIp: undefined, serverPort: 0, minPort: 42000, maxPort: 42999 }, respawnDelayMs: 100 },
    logger,
  );
  bridge = new Bridge(pool, logger);
});
afterEach(() => {
  for (const room of rooms.splice(0)) room.close('test-over');
});
afterAll(() => {
  bridge.close();
  pool.close();
});

function openRoom(meetingId: string, policy?: MediaPolicy): Room {
  const room = bridge.roomFor(meetingId);
  if (policy) room.setPolicy(policy);
  rooms.push(room);
  return room;
}

class RecordingChannel implements PeerChannel {
  offers: NewConsumer[] = [];
  closed: string[] = [];
  restarts: string[] = [];
  async offerConsumer(consumer: NewConsumer) {
    this.offers.push(consumer);
  }
  consumerClosed(consumerId: string) {
    this.closed.push(consumerId);
  }
  mediaRestart(reason: string) {
    this.restarts.push(reason);
  }
}

/** A conference stand-in: what each site should receive and what the chair holds off, set by the test. */
class TestPolicy implements MediaPolicy {
  readonly blocked = new Set<string>();
  readonly wants = new Map<string, Map<string, Layers | null>>();
  isBlocked(siteCode: string, source: MediaSource) {
    return this.blocked.has(streamKey(siteCode, source));
  }
  wantsOf(peer: PolicyPeer) {
    return this.wants.get(peer.site.code) ?? new Map();
  }
}

const site = (code: string): SiteSummary => ({ code, name: code, kind: 'endpoint' });
const low: Layers = { spatialLayer: 0, temporalLayer: 2 };
const high: Layers = { spatialLayer: 2, temporalLayer: 2 };

/** What Chromium would send for an Opus microphone; mediasoup accepts it without a real connection. */
const opusParameters = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: 'kiosk' },
});

/** Three simulcast encodings, as kiosks publish. */
const vp8Parameters = (ssrc: number) => ({
  mid: '1',
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
  headerExtensions: [],
  encodings: [{ ssrc }, { ssrc: ssrc + 1 }, { ssrc: ssrc + 2 }],
  rtcp: { cname: 'kiosk' },
});

let nextSsrc = 10_000_000;

/** A peer that joined (receiving and sending transports) and, if asked, sends its microphone and camera. */
async function joinedPeer(room: Room, code: string, channel = new RecordingChannel(), sends: MediaSource[] = []) {
  const peer = await room.addPeer(`peer-${code}-${nextSsrc}`, site(code), channel);
  const answer = await room.join(peer, { rtpCapabilities: room.rtpCapabilities, send: true });
  for (const source of sends) {
    nextSsrc += 10;
    await room.produce(peer, {
      transportId: answer.send!.id,
      kind: source === 'microphone' ? 'audio' : 'video',
      rtpParameters: source === 'microphone' ? opusParameters(nextSsrc) : vp8Parameters(nextSsrc),
      source,
    });
  }
  return { peer, channel, answer };
}

const consumersOf = (peer: Peer) => peer.subscriptions.consumers();

describe('Room on real mediasoup workers', () => {
  it('offers a peer what the policy says it hears, and closes it when the sender leaves', async () => {
    const policy = new TestPolicy();
    policy.wants.set('ninh-son', new Map([['bac-ai/microphone', null]]));
    const room = openRoom('meeting-a', policy);
    const receiver = await joinedPeer(room, 'ninh-son');
    const sender = await joinedPeer(room, 'bac-ai', undefined, ['microphone']);
    expect(receiver.answer.send?.iceCandidates.some((c) => c.protocol === 'udp' && c.ip === '127.0.0.1')).toBe(true);
    expect(receiver.answer.send?.iceCandidates.some((c) => c.protocol === 'tcp')).toBe(true);

    await waitFor(() => receiver.channel.offers.length === 1);
    expect(receiver.channel.offers[0]).toMatchObject({ siteCode: 'bac-ai', kind: 'audio', source: 'microphone' });
    await waitFor(() => consumersOf(receiver.peer)[0]?.consumer.paused === false);
    expect(sender.channel.offers).toHaveLength(0);

    room.removePeer(sender.peer.id);
    await waitFor(() => receiver.channel.closed.length === 1);
    expect(receiver.channel.closed[0]).toBe(receiver.channel.offers[0]!.consumerId);
    expect(room.onlineSiteCodes()).toEqual(new Set(['ninh-son']));
  });

  it('gives a late joiner what is already being sent in its join answer, paused until it says it is ready', async () => {
    const policy = new TestPolicy();
    policy.wants.set(
      'thuan-nam',
      new Map<string, Layers | null>([
        ['chair/microphone', null],
        ['chair/camera', high],
      ]),
    );
    const room = openRoom('meeting-b', policy);
    await joinedPeer(room, 'chair', undefined, ['microphone', 'camera']);
    const late = await joinedPeer(room, 'thuan-nam');
    expect(late.answer.consumers.map((c) => `${c.siteCode}/${c.source}`).sort()).toEqual(['chair/camera', 'chair/microphone']);
    expect(late.channel.offers).toHaveLength(0);
    expect(consumersOf(late.peer).every((entry) => entry.consumer.paused)).toBe(true);

    await room.resumeConsumers(
      late.peer,
      late.answer.consumers.map((c) => c.consumerId),
    );
    expect(consumersOf(late.peer).every((entry) => !entry.consumer.paused)).toBe(true);
    const video = consumersOf(late.peer).find((entry) => entry.consumer.kind === 'video');
    expect(video?.consumer.preferredLayers).toMatchObject({ spatialLayer: 2 });
  });

  it('answers a late joiner ready for its streams even when their sender leaves meanwhile (150-site load run)', async () => {
    const policy = new TestPolicy();
    const room = openRoom('meeting-resume-race', policy);
    const sender = await joinedPeer(room, 'chair', undefined, ['microphone', 'camera']);
    // Least-loaded placement: the third peer shares the sender's worker, so its consumers hang on the sender's producers directly.
    await joinedPeer(room, 'bac-ai');
    policy.wants.set(
      'thuan-nam',
      new Map<string, Layers | null>([
        ['chair/microphone', null],
        ['chair/camera', low],
      ]),
    );
    const late = await joinedPeer(room, 'thuan-nam');
    expect(late.peer.router.worker.pid).toBe(sender.peer.router.worker.pid);
    expect(late.answer.consumers).toHaveLength(2);
    // The sender's transports close in the worker before the resumes reach it: the consumers are gone when they do.
    room.removePeer(sender.peer.id);
    await expect(
      room.resumeConsumers(
        late.peer,
        late.answer.consumers.map((c) => c.consumerId),
      ),
    ).resolves.toBeUndefined();
    await waitFor(() => late.channel.closed.length === 2);
  });

  it('replaces the older connection when a site connects twice (a reloaded kiosk)', async () => {
    const room = openRoom('meeting-c');
    const first = await room.addPeer('old', site('bac-ai'), new RecordingChannel());
    await room.addPeer('new', site('bac-ai'), new RecordingChannel());
    expect(first.closed).toBe(true);
    expect(room.peerCount).toBe(1);
  });

  it('refuses requests on a transport the peer does not own', async () => {
    const room = openRoom('meeting-d');
    const a = await joinedPeer(room, 'bac-ai');
    const b = await joinedPeer(room, 'ninh-hai');
    await expect(
      room.produce(b.peer, { transportId: a.answer.send!.id, kind: 'audio', rtpParameters: opusParameters(1), source: 'microphone' }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a voice published as a camera, and a second microphone (Art. 7.2.d)', async () => {
    const policy = new TestPolicy();
    policy.blocked.add('ninh-son/microphone');
    const room = openRoom('meeting-kinds', policy);
    const muted = await joinedPeer(room, 'ninh-son', undefined, ['microphone']);
    const transportId = muted.answer.send!.id;
    await expect(room.produce(muted.peer, { transportId, kind: 'audio', rtpParameters: opusParameters(77), source: 'camera' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(room.produce(muted.peer, { transportId, kind: 'video', rtpParameters: vp8Parameters(78), source: 'microphone' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(room.produce(muted.peer, { transportId, kind: 'audio', rtpParameters: opusParameters(79), source: 'microphone' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(muted.peer.producers.size).toBe(1);
    expect([...muted.peer.producers.values()][0]!.producer.paused).toBe(true);
  });

  it('spreads one meeting over every worker and carries a stream across them through a pipe', async () => {
    const policy = new TestPolicy();
    const room = openRoom('meeting-spread', policy);
    const codes = ['chair', 'xa-1', 'xa-2', 'xa-3'];
    for (const code of codes.slice(1)) policy.wants.set(code, new Map([['chair/camera', low]]));
    const peers: Array<Awaited<ReturnType<typeof joinedPeer>>> = [];
    for (const code of codes) peers.push(await joinedPeer(room, code, undefined, code === 'chair' ? ['camera'] : []));
    const pids = new Set(peers.map(({ peer }) => peer.router.worker.pid));
    expect(pids.size).toBe(2);
    expect(
      room
        .mediaCounts()
        .map((counts) => counts.peers)
        .sort(),
    ).toEqual([2, 2]);
    for (const { peer, answer } of peers.slice(1)) {
      expect(answer.consumers.map((c) => `${c.siteCode}/${c.source}`)).toEqual(['chair/camera']);
      await room.resumeConsumers(
        peer,
        answer.consumers.map((c) => c.consumerId),
      );
    }
    const chairPid = peers[0]!.peer.router.worker.pid;
    const across = peers.slice(1).find(({ peer }) => peer.router.worker.pid !== chairPid)!;
    const [entry] = consumersOf(across.peer);
    expect(entry!.consumer.producerId).toBe([...peers[0]!.peer.producers.keys()][0]);
    expect(entry!.consumer.paused).toBe(false);
  });

  it('when a worker dies, only the peers on it re-join; the rest of the meeting goes on', async () => {
    const policy = new TestPolicy();
    const room = openRoom('meeting-crash', policy);
    const a = await joinedPeer(room, 'phan-rang');
    const b = await joinedPeer(room, 'ninh-phuoc');
    expect(a.peer.router.worker.pid).not.toBe(b.peer.router.worker.pid);
    const victim = a.peer.router.worker.pid;
    process.kill(victim, 'SIGKILL');
    await waitFor(() => a.channel.restarts.length === 1);
    expect(a.channel.restarts[0]).toBe('media-restart');
    expect(b.channel.restarts).toEqual([]);
    expect(room.isClosed).toBe(false);
    expect(room.onlineSiteCodes()).toEqual(new Set(['ninh-phuoc']));
    await waitFor(() => pool.liveWorkers === 2);
    expect(pool.workers().map((worker) => worker.pid)).not.toContain(victim);

    const back = await joinedPeer(room, 'phan-rang');
    expect(back.peer.router.closed).toBe(false);
    expect(room.onlineSiteCodes()).toEqual(new Set(['ninh-phuoc', 'phan-rang']));
  });

  it('a worker killed while the chair mutes rooms leaves the bridge serving: no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const policy = new TestPolicy();
      const room = openRoom('meeting-mute-crash', policy);
      const codes = ['bac-ai', 'ninh-son', 'ninh-hai', 'thuan-nam', 'phan-rang'];
      const peers: Array<Awaited<ReturnType<typeof joinedPeer>>> = [];
      for (const code of codes) peers.push(await joinedPeer(room, code, undefined, ['microphone']));
      const pidsBefore = pool.workers().map((worker) => worker.pid);
      // The workers are frozen so that the chair's mutes stay in flight, then killed under them.
      for (const pid of pidsBefore) process.kill(pid, 'SIGSTOP');
      for (const code of codes) policy.blocked.add(`${code}/microphone`);
      room.refresh();
      for (const pid of pidsBefore) process.kill(pid, 'SIGKILL');
      await waitFor(() => peers.every(({ channel }) => channel.restarts.length === 1));
      await waitFor(() => pool.liveWorkers === 2);
      // Rejections surface on the next turns of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
      const back = await joinedPeer(room, 'bac-ai', undefined, ['microphone']);
      expect([...back.peer.producers.values()][0]!.producer.paused).toBe(true);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('sends video only where the policy wants it, pauses it at the SFU when hidden, and re-layers only on change', async () => {
    const policy = new TestPolicy();
    const room = openRoom('meeting-layout', policy);
    const viewer = await joinedPeer(room, 'chair');
    await joinedPeer(room, 'bac-ai', undefined, ['camera']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(viewer.channel.offers).toHaveLength(0);

    policy.wants.set('chair', new Map([['bac-ai/camera', low]]));
    room.refresh();
    await waitFor(() => consumersOf(viewer.peer)[0]?.consumer.paused === false);
    expect(viewer.channel.offers.map((offer) => `${offer.siteCode}/${offer.kind}`)).toEqual(['bac-ai/video']);
    const [entry] = consumersOf(viewer.peer);
    expect(entry!.consumer.preferredLayers).toMatchObject({ spatialLayer: 0 });

    policy.wants.set('chair', new Map());
    room.refresh();
    await waitFor(() => entry!.consumer.paused);
    policy.wants.set('chair', new Map([['bac-ai/camera', high]]));
    room.refresh();
    await waitFor(() => !entry!.consumer.paused);
    expect(entry!.consumer.preferredLayers).toMatchObject({ spatialLayer: 2 });
    expect(viewer.channel.offers).toHaveLength(1);
  });

  it("asks a camera's sender for a keyframe when the receiving peer's picture is stuck, at most once a second, and only for that peer's own video (issue 9)", async () => {
    const policy = new TestPolicy();
    const room = openRoom('meeting-keyframes', policy);
    policy.wants.set(
      'chair',
      new Map<string, Layers | null>([
        ['bac-ai/camera', low],
        ['bac-ai/microphone', null],
      ]),
    );
    const viewer = await joinedPeer(room, 'chair');
    const other = await joinedPeer(room, 'ninh-son');
    await joinedPeer(room, 'bac-ai', undefined, ['camera', 'microphone']);
    await waitFor(() => consumersOf(viewer.peer).length === 2 && consumersOf(viewer.peer).every((entry) => !entry.consumer.paused));
    const video = consumersOf(viewer.peer).find((entry) => entry.consumer.kind === 'video')!;
    const audio = consumersOf(viewer.peer).find((entry) => entry.consumer.kind === 'audio')!;

    expect(await viewer.peer.subscriptions.requestKeyFrame(video.consumer.id)).toBe(true);
    expect(await viewer.peer.subscriptions.requestKeyFrame(video.consumer.id)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    await expect(room.requestKeyFrame(viewer.peer, video.consumer.id)).resolves.toBeUndefined();
    expect(await viewer.peer.subscriptions.requestKeyFrame(video.consumer.id)).toBe(false);

    await expect(room.requestKeyFrame(viewer.peer, audio.consumer.id)).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(room.requestKeyFrame(other.peer, video.consumer.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(room.requestKeyFrame(viewer.peer, 'no-such-consumer')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('never consumes one stream twice for a peer, however joins and layout changes interleave', async () => {
    const policy = new TestPolicy();
    const room = openRoom('meeting-race', policy);
    const senders = ['s-1', 's-2', 's-3', 's-4'];
    for (const code of senders) await joinedPeer(room, code, undefined, ['camera', 'microphone']);
    const layouts = [
      new Map<string, Layers | null>([
        ['s-1/camera', high],
        ['s-2/camera', low],
        ['s-1/microphone', null],
      ]),
      new Map<string, Layers | null>([
        ['s-2/camera', high],
        ['s-3/camera', low],
        ['s-4/camera', low],
        ['s-2/microphone', null],
      ]),
      new Map<string, Layers | null>(
        senders.flatMap(
          (code) =>
            [
              [`${code}/camera`, low],
              [`${code}/microphone`, null],
            ] as const,
        ),
      ),
    ];
    const viewers = [];
    for (let round = 0; round < 6; round++) {
      const code = `viewer-${round % 3}`;
      policy.wants.set(code, layouts[round % 3]!);
      // A join racing layout changes: the room refreshes while the peer is joining.
      const joining = joinedPeer(room, code);
      for (let change = 0; change < 4; change++) {
        for (const viewer of ['viewer-0', 'viewer-1', 'viewer-2']) policy.wants.set(viewer, layouts[(round + change) % 3]!);
        room.refresh();
        await new Promise((resolve) => setImmediate(resolve));
      }
      viewers.push(await joining);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Counted at the SFU itself, not in the room's books: an orphaned consumer would show here.
    for (const peer of room.peerList()) {
      const { consumerIds } = (await peer.transports.get('recv')!.dump()) as { consumerIds: string[] };
      const { mapConsumerIdProducerId } = (await peer.router.router.dump()) as { mapConsumerIdProducerId: Record<string, string> };
      const streams = consumerIds.map((id) => mapConsumerIdProducerId[id]);
      expect(streams.length, peer.site.code).toBe(new Set(streams).size);
      expect(consumerIds.length, peer.site.code).toBe(consumersOf(peer).length);
    }
    expect(viewers.some(({ peer }) => consumersOf(peer).length > 0)).toBe(true);
  });

  it('holds off at the SFU what the chair turned off, and refuses a peer turning it back on (Art. 7.2.d)', async () => {
    const policy = new TestPolicy();
    const room = openRoom('meeting-mute', policy);
    const { peer, answer } = await joinedPeer(room, 'ninh-son', undefined, ['microphone']);
    const [producerId, info] = [...peer.producers.entries()][0]!;
    expect(info.producer.paused).toBe(false);

    policy.blocked.add('ninh-son/microphone');
    room.refresh();
    await waitFor(() => info.producer.paused);
    await expect(room.setProducerPaused(peer, producerId, false)).rejects.toMatchObject({ code: 'forbidden' });
    expect(info.producer.paused).toBe(true);

    // A tampered kiosk that closes its microphone and publishes a fresh one gets it paused from the start.
    room.closeProducer(peer, producerId);
    const second = await room.produce(peer, { transportId: answer.send!.id, kind: 'audio', rtpParameters: opusParameters(33333333), source: 'microphone' });
    expect(peer.producers.get(second)!.producer.paused).toBe(true);

    policy.blocked.delete('ninh-son/microphone');
    room.refresh();
    await waitFor(() => !peer.producers.get(second)!.producer.paused);
  });
});

describe('a conference change applied as a difference (issue 12)', () => {
  it('a caption change reconciles nobody; a mute pauses only the muted room’s voice, and no video layer is re-sent', async () => {
    const codes = ['chair', 'bac-ai', 'ninh-son', 'thuan-nam'];
    const sites = codes.map((code): SiteSummary => ({ code, name: code, kind: code === 'chair' ? 'chair' : 'endpoint' }));
    const conference = new Conference('m-differences', sites, Date.now, { maxAudibleSites: 6 });
    const room = openRoom('m-differences');
    new Conferences({} as MeetingRepository, { maxAudibleSites: 6 }).bind(room, conference);
    const peers: Array<{ peer: Peer }> = [];
    for (const code of codes) peers.push(await joinedPeer(room, code, new RecordingChannel(), ['microphone', 'camera']));
    // Every room hears the three others and sees the 2×2 grid of the four cameras (its own aside); what came in
    // its join answer starts once the room says it is set up.
    await waitFor(() => peers.every(({ peer }) => consumersOf(peer).length === 3 + 3));
    for (const { peer } of peers)
      await room.resumeConsumers(
        peer,
        consumersOf(peer).map((entry) => entry.consumer.id),
      );
    await waitFor(() => peers.every(({ peer }) => consumersOf(peer).length === 3 + 3 && consumersOf(peer).every((entry) => !entry.awaitingPeer)));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const passes = vi.spyOn(conference, 'wantsOf');
    const consumers = peers.flatMap(({ peer }) => consumersOf(peer));
    const relayered = consumers.map((entry) => vi.spyOn(entry.consumer, 'setPreferredLayers'));
    const paused = consumers.map((entry) => ({ key: entry.key, pause: vi.spyOn(entry.consumer, 'pause') }));

    conference.setLook({ ...defaultLook, showCaptions: !defaultLook.showCaptions });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(passes).not.toHaveBeenCalled();

    conference.mute('ninh-son', true);
    await waitFor(() => paused.filter(({ pause }) => pause.mock.calls.length > 0).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The three rooms that heard Ninh Sơn are reconciled once each; Ninh Sơn itself receives what it did.
    expect(passes.mock.calls.map(([peer]) => peer.site.code).sort()).toEqual(['bac-ai', 'chair', 'thuan-nam']);
    expect(paused.filter(({ pause }) => pause.mock.calls.length > 0).map(({ key }) => key)).toEqual([
      'ninh-son/microphone',
      'ninh-son/microphone',
      'ninh-son/microphone',
    ]);
    expect(relayered.every((spy) => spy.mock.calls.length === 0)).toBe(true);
    vi.restoreAllMocks();
  });
});
