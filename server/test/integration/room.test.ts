import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewConsumer, SiteSummary } from '@diemcau/shared';
import { createLogger } from '../../src/logger';
import { Bridge } from '../../src/media/Bridge';
import type { PeerChannel } from '../../src/media/Peer';
import { WorkerPool } from '../../src/media/WorkerPool';
import { waitFor } from './harness';

const logger = createLogger('silent');
let pool: WorkerPool;
let bridge: Bridge;

beforeAll(async () => {
  pool = await WorkerPool.start({ size: 2, rtcMinPort: 42000, rtcMaxPort: 42999, respawnDelayMs: 100 }, logger);
  bridge = new Bridge(pool, { listenIp: '127.0.0.1', announcedIp: undefined }, logger);
});
afterAll(() => {
  bridge.close();
  pool.close();
});

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

const site = (code: string): SiteSummary => ({ code, name: code, kind: 'endpoint' });

/** What Chromium would send for an Opus microphone; mediasoup accepts it without a real connection. */
const opusParameters = {
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  headerExtensions: [],
  encodings: [{ ssrc: 11111111 }],
  rtcp: { cname: 'kiosk' },
};

const vp8Parameters = {
  mid: '1',
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
  headerExtensions: [],
  // Three simulcast encodings, as kiosks publish.
  encodings: [{ ssrc: 22222221 }, { ssrc: 22222222 }, { ssrc: 22222223 }],
  rtcp: { cname: 'kiosk' },
};

describe('Room on a real mediasoup worker', () => {
  it('offers each joined peer the media of the others, and closes it when the sender leaves', async () => {
    const room = await bridge.roomFor('meeting-a');
    const senderChannel = new RecordingChannel();
    const receiverChannel = new RecordingChannel();
    const sender = room.addPeer('s1', site('bac-ai'), senderChannel);
    const receiver = room.addPeer('s2', site('ninh-son'), receiverChannel);

    const sendTransport = await room.createTransport(sender, 'send');
    await room.createTransport(receiver, 'recv');
    expect(sendTransport.iceCandidates.some((c) => c.protocol === 'udp' && c.ip === '127.0.0.1')).toBe(true);
    expect(sendTransport.iceCandidates.some((c) => c.protocol === 'tcp')).toBe(true);
    await room.join(receiver, room.rtpCapabilities);

    const producerId = await room.produce(sender, {
      transportId: sendTransport.id,
      kind: 'audio',
      rtpParameters: opusParameters,
      source: 'microphone',
    });
    await waitFor(() => receiverChannel.offers.length === 1);
    expect(receiverChannel.offers[0]).toMatchObject({ producerId, siteCode: 'bac-ai', kind: 'audio', source: 'microphone' });
    expect(senderChannel.offers).toHaveLength(0);

    room.removePeer(sender.id);
    await waitFor(() => receiverChannel.closed.length === 1);
    expect(receiverChannel.closed[0]).toBe(receiverChannel.offers[0]!.consumerId);
    expect(room.onlineSiteCodes()).toEqual(new Set(['ninh-son']));
  });

  it('gives a late joiner what is already being sent', async () => {
    const room = await bridge.roomFor('meeting-b');
    const sender = room.addPeer('p1', site('chair'), new RecordingChannel());
    const transport = await room.createTransport(sender, 'send');
    await room.produce(sender, { transportId: transport.id, kind: 'audio', rtpParameters: opusParameters, source: 'microphone' });

    const lateChannel = new RecordingChannel();
    const late = room.addPeer('p2', site('thuan-nam'), lateChannel);
    await room.createTransport(late, 'recv');
    await room.join(late, room.rtpCapabilities);
    expect(lateChannel.offers.map((o) => o.siteCode)).toEqual(['chair']);
  });

  it('replaces the older connection when a site connects twice (a reloaded kiosk)', async () => {
    const room = await bridge.roomFor('meeting-c');
    const first = room.addPeer('old', site('bac-ai'), new RecordingChannel());
    room.addPeer('new', site('bac-ai'), new RecordingChannel());
    expect(first.closed).toBe(true);
    expect(room.peerCount).toBe(1);
  });

  it('refuses requests on a transport the peer does not own', async () => {
    const room = await bridge.roomFor('meeting-d');
    const a = room.addPeer('a', site('bac-ai'), new RecordingChannel());
    const b = room.addPeer('b', site('ninh-hai'), new RecordingChannel());
    const aTransport = await room.createTransport(a, 'send');
    await expect(
      room.produce(b, { transportId: aTransport.id, kind: 'audio', rtpParameters: opusParameters, source: 'microphone' }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('places each new room on the least-loaded worker, keeping the workers balanced', async () => {
    for (const id of ['spread-1', 'spread-2', 'spread-3']) {
      await bridge.roomFor(id);
      const loads = pool.loads.map((entry) => entry.rooms);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    }
  });

  it('when a worker dies, its rooms tell their kiosks to re-join, and the pool replaces the worker', async () => {
    const room = await bridge.roomFor('meeting-crash');
    const channel = new RecordingChannel();
    room.addPeer('k', site('phan-rang'), channel);
    const pidsBefore = pool.loads.map((entry) => entry.pid);
    // Kill every worker: the test must not depend on where the room landed.
    for (const pid of pidsBefore) process.kill(pid, 'SIGKILL');
    await waitFor(() => channel.restarts.length === 1);
    expect(channel.restarts[0]).toBe('media-restart');
    expect(room.isClosed).toBe(true);
    await waitFor(() => pool.liveWorkers === 2);
    expect(pool.loads.map((entry) => entry.pid).filter((pid) => pidsBefore.includes(pid))).toEqual([]);

    const rebuilt = await bridge.roomFor('meeting-crash');
    expect(rebuilt).not.toBe(room);
    expect(rebuilt.isClosed).toBe(false);
  });

  it('a worker killed while the chair mutes rooms leaves the bridge serving: no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const room = await bridge.roomFor('meeting-mute-crash');
      const muted = new Set<string>();
      room.setPolicy({ isBlocked: (siteCode, source) => source === 'microphone' && muted.has(siteCode) });
      const codes = ['bac-ai', 'ninh-son', 'ninh-hai', 'thuan-nam', 'phan-rang'];
      for (const [index, code] of codes.entries()) {
        const peer = room.addPeer(`mic-${code}`, site(code), new RecordingChannel());
        const transport = await room.createTransport(peer, 'send');
        await room.produce(peer, { transportId: transport.id, kind: 'audio', rtpParameters: { ...opusParameters, encodings: [{ ssrc: 44440000 + index }] }, source: 'microphone' });
      }
      const pidsBefore = pool.loads.map((entry) => entry.pid);
      // The workers are frozen so that the chair's mutes stay in flight, then killed under them.
      for (const pid of pidsBefore) process.kill(pid, 'SIGSTOP');
      for (const code of codes) muted.add(code);
      room.applyPolicy();
      for (const pid of pidsBefore) process.kill(pid, 'SIGKILL');
      await waitFor(() => room.isClosed);
      await waitFor(() => pool.liveWorkers === 2);
      // Rejections surface on the next turns of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
      const rebuilt = await bridge.roomFor('meeting-mute-crash');
      expect(rebuilt.isClosed).toBe(false);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('sends video only where a layout shows it, and pauses it at the SFU when hidden', async () => {
    const room = await bridge.roomFor('meeting-layout');
    const sender = room.addPeer('cam', site('bac-ai'), new RecordingChannel());
    const viewerChannel = new RecordingChannel();
    const viewer = room.addPeer('view', site('chair'), viewerChannel);
    const sendTransport = await room.createTransport(sender, 'send');
    await room.createTransport(viewer, 'recv');
    await room.join(viewer, room.rtpCapabilities);
    await room.produce(sender, { transportId: sendTransport.id, kind: 'video', rtpParameters: vp8Parameters, source: 'camera' });
    expect(viewerChannel.offers).toHaveLength(0);

    await room.setWants(viewer, new Map([['bac-ai/camera', 0]]));
    expect(viewerChannel.offers.map((offer) => `${offer.siteCode}/${offer.kind}`)).toEqual(['bac-ai/video']);
    const [info] = viewer.consumers.values();
    expect(info!.consumer.paused).toBe(false);
    expect(info!.consumer.preferredLayers).toMatchObject({ spatialLayer: 0 });

    await room.setWants(viewer, new Map());
    expect(info!.consumer.paused).toBe(true);
    await room.setWants(viewer, new Map([['bac-ai/camera', 2]]));
    expect(info!.consumer.paused).toBe(false);
    expect(viewerChannel.offers).toHaveLength(1);
  });

  it('holds off at the SFU what the chair turned off, and refuses a peer turning it back on (Art. 7.2.d)', async () => {
    const room = await bridge.roomFor('meeting-mute');
    const muted = new Set<string>();
    room.setPolicy({ isBlocked: (siteCode, source) => source === 'microphone' && muted.has(siteCode) });
    const peer = room.addPeer('mic', site('ninh-son'), new RecordingChannel());
    const transport = await room.createTransport(peer, 'send');
    const producerId = await room.produce(peer, { transportId: transport.id, kind: 'audio', rtpParameters: opusParameters, source: 'microphone' });
    const producer = peer.producers.get(producerId)!.producer;
    expect(producer.paused).toBe(false);

    muted.add('ninh-son');
    room.applyPolicy();
    await waitFor(() => producer.paused);
    await expect(room.setProducerPaused(peer, producerId, false)).rejects.toMatchObject({ code: 'forbidden' });
    expect(producer.paused).toBe(true);

    // A tampered kiosk publishing a fresh microphone gets it paused from the start.
    const second = await room.produce(peer, { transportId: transport.id, kind: 'audio', rtpParameters: { ...opusParameters, mid: '2', encodings: [{ ssrc: 33333333 }] }, source: 'microphone' });
    expect(peer.producers.get(second)!.producer.paused).toBe(true);

    muted.delete('ninh-son');
    room.applyPolicy();
    await waitFor(() => !producer.paused);
  });
});
