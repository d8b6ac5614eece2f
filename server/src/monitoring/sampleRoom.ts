import type { types } from 'mediasoup';
import { parse as parseScalabilityMode } from 'mediasoup/node/lib/scalabilityModes.js';
import type { SiteSample, SiteSummary } from '@diemcau/shared';
import type { KioskMedia, Room } from '../media/Room';

const maxOf = (values: number[]) => (values.length === 0 ? 0 : Math.max(...values));

/** Whether a consumer sends fewer temporal layers than its stream has (its scalability mode, "L3T3": three). */
function holdsBackFrames(consumer: types.Consumer): boolean {
  const { temporalLayers } = parseScalabilityMode(consumer.rtpParameters.encodings?.[0]?.scalabilityMode);
  const sent = consumer.currentLayers?.temporalLayer;
  return sent !== undefined && sent < temporalLayers - 1;
}

/** What the bridge measures of one site's kiosk: its transports, what it sends and what it receives. */
async function sampleKiosk(kiosk: KioskMedia, levels: ReadonlyMap<string, number>): Promise<Omit<SiteSample, 'siteCode' | 'name' | 'online'>> {
  const { send, recv, producers, consumers } = kiosk;
  const [sendStats, recvStats] = await Promise.all([send?.getStats(), recv?.getStats()]);
  const producerStats = await Promise.all(
    producers.map(async (producer) => ({ clockRate: producer.rtpParameters.codecs[0]?.clockRate ?? 90000, stats: await producer.getStats() })),
  );
  // The round trip is the line's, the same on every stream: one active consumer tells it. Asking each of a
  // province's thousands of consumers every sample would load the workers for nothing.
  const probe = consumers.find((consumer) => !consumer.paused && !consumer.producerPaused);
  const consumerStats = probe ? [await probe.getStats()] : [];
  const streams = producerStats.flatMap(({ clockRate, stats }) => stats.map((stat) => ({ clockRate, stat })));
  const outbound = consumerStats.flat().filter((stat) => stat.type === 'outbound-rtp');
  const received = consumers.filter((consumer) => consumer.kind === 'video' && !consumer.paused && consumer.currentLayers !== undefined);
  const layers = received.map((consumer) => consumer.currentLayers!.spatialLayer);
  return {
    connection: sendStats?.[0]?.iceState ?? recvStats?.[0]?.iceState ?? 'none',
    bitrateInKbps: Math.round((sendStats?.[0]?.recvBitrate ?? 0) / 1000),
    bitrateOutKbps: Math.round((recvStats?.[0]?.sendBitrate ?? 0) / 1000),
    // fractionLost is the RTCP fraction, in 256ths, of the last report interval.
    packetLossPct: Math.round((maxOf(streams.map(({ stat }) => stat.fractionLost)) / 256) * 1000) / 10,
    // mediasoup reports interarrival jitter in RTP timestamp units of the stream's clock.
    jitterMs: Math.round(maxOf(streams.map(({ stat, clockRate }) => (stat.jitter / clockRate) * 1000))),
    rttMs: Math.round(maxOf([...outbound.map((stat) => stat.roundTripTime ?? 0), ...streams.map(({ stat }) => stat.roundTripTime ?? 0)])),
    score: maxOf(producers.flatMap((producer) => producer.score.map((entry) => entry.score))),
    audioLevel: levels.get(kiosk.siteCode) ?? 0,
    receivedLayer: layers.length === 0 ? null : Math.max(...layers),
    receivedFewerFrames: received.some(holdsBackFrames),
  };
}

/** One sample per site of the meeting; sites without a kiosk in the room are offline. */
export async function sampleRoom(room: Pick<Room, 'kioskMedia'>, sites: readonly SiteSummary[], levels: ReadonlyMap<string, number>): Promise<SiteSample[]> {
  const kiosks = room.kioskMedia();
  return Promise.all(
    sites.map(async (site) => {
      const kiosk = kiosks.get(site.code);
      const base = { siteCode: site.code, name: site.name, online: kiosk !== undefined };
      if (!kiosk) {
        return {
          ...base,
          connection: 'none',
          bitrateInKbps: 0,
          bitrateOutKbps: 0,
          packetLossPct: 0,
          jitterMs: 0,
          rttMs: 0,
          score: 0,
          audioLevel: 0,
          receivedLayer: null,
          receivedFewerFrames: false,
        };
      }
      return { ...base, ...(await sampleKiosk(kiosk, levels)) };
    }),
  );
}
