import type { CheckMeasurements, MediaPath } from '@diemcau/shared';

export type LoopbackFigures = NonNullable<CheckMeasurements['loopback']>;

/** What the browser's WebRTC statistics say about the path to the bridge and back, at one instant. */
export interface LinkSnapshot {
  atMs: number;
  bytesSent: number;
  packetsReceived: number;
  packetsLost: number;
  jitterMs: number | undefined;
  rttMs: number | undefined;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

type Stat = Record<string, unknown> & { type: string };
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const statsOf = (report: RTCStatsReport) => [...(report.values() as IterableIterator<Stat>)];

/** The round trip to the bridge: from its receiver reports on what we send, else from ICE's own checks. */
function roundTripMs(sending: Stat[]): number | undefined {
  const reported = sending.filter((stat) => stat.type === 'remote-inbound-rtp').map((stat) => number(stat.roundTripTime));
  const fromReports = reported.filter((value) => value !== undefined);
  if (fromReports.length > 0) return Math.max(...fromReports) * 1000;
  const pair = sending.find((stat) => stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded');
  const ice = number(pair?.currentRoundTripTime);
  return ice === undefined ? undefined : ice * 1000;
}

/**
 * Jitter of what came back. The audio stream's is the network's own; a video frame leaves in a
 * burst of packets sharing one timestamp, which inflates its jitter, so video counts only without audio.
 */
function jitterMs(receiving: Stat[]): number | undefined {
  const inbound = receiving.filter((stat) => stat.type === 'inbound-rtp');
  const audio = inbound.filter((stat) => stat.kind === 'audio');
  const values = (audio.length > 0 ? audio : inbound).map((stat) => number(stat.jitter)).filter((value) => value !== undefined);
  return values.length > 0 ? Math.max(...values) * 1000 : undefined;
}

const sum = (stats: Stat[], type: string, field: string) =>
  stats.filter((stat) => stat.type === type).reduce((total, stat) => total + (number(stat[field]) ?? 0), 0);

export function linkSnapshot(sending: RTCStatsReport, receiving: RTCStatsReport, atMs: number): LinkSnapshot {
  const sent = statsOf(sending);
  const received = statsOf(receiving);
  return {
    atMs,
    bytesSent: sum(sent, 'outbound-rtp', 'bytesSent'),
    packetsReceived: sum(received, 'inbound-rtp', 'packetsReceived'),
    packetsLost: sum(received, 'inbound-rtp', 'packetsLost'),
    jitterMs: jitterMs(received),
    rttMs: roundTripMs(sent),
  };
}

/** The path ICE chose for a transport: its selected pair's local candidate, a relay one naming how it reached the relay. */
export function mediaPathOf(report: RTCStatsReport): MediaPath | undefined {
  const stats = statsOf(report);
  const transport = stats.find((stat) => stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string');
  const pair = stats.find(
    (stat) =>
      stat.type === 'candidate-pair' && (transport ? stat.id === transport.selectedCandidatePairId : stat.nominated === true && stat.state === 'succeeded'),
  );
  const local = stats.find((stat) => stat.type === 'local-candidate' && stat.id === pair?.localCandidateId);
  if (!local) return undefined;
  if (local.candidateType === 'relay') {
    const relayProtocol = local.relayProtocol;
    return relayProtocol === 'tls' ? 'turn-tls' : relayProtocol === 'tcp' ? 'turn-tcp' : 'turn-udp';
  }
  return local.protocol === 'tcp' ? 'tcp' : 'udp';
}

/** The loopback's figures between two snapshots; undefined when the statistics lack a round trip. */
export function loopbackFigures(before: LinkSnapshot, after: LinkSnapshot, requiredKbps: number, path?: MediaPath): LoopbackFigures | undefined {
  const rttMs = after.rttMs ?? before.rttMs;
  if (rttMs === undefined) return undefined;
  const lost = Math.max(0, after.packetsLost - before.packetsLost);
  const received = Math.max(0, after.packetsReceived - before.packetsReceived);
  const elapsedMs = Math.max(1, after.atMs - before.atMs);
  return {
    rttMs,
    packetLossPct: lost + received > 0 ? (100 * lost) / (lost + received) : 100,
    jitterMs: after.jitterMs ?? 0,
    bitrateKbps: ((after.bytesSent - before.bytesSent) * 8) / elapsedMs,
    requiredKbps,
    ...(path && { path }),
  };
}
