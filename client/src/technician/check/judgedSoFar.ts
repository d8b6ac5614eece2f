import { judgeCheck, type CheckItem, type CheckItemName, type CheckMeasurements } from '@diemcau/shared';

const measurementOf: Record<CheckItemName, keyof CheckMeasurements> = {
  signaling: 'signaling',
  'ice-udp': 'ice',
  'ice-tcp': 'ice',
  'ice-turn': 'ice',
  'loopback-rtt': 'loopback',
  'loopback-loss': 'loopback',
  'loopback-jitter': 'loopback',
  'loopback-bitrate': 'loopback',
  'media-path': 'loopback',
  camera: 'camera',
  microphone: 'microphone',
  speaker: 'speaker',
};

/** Stands in for what is not measured yet; the items it yields are left out. */
const notYetMeasured: CheckMeasurements = {
  signaling: { rttMs: 0 },
  ice: { udp: { connected: false }, tcp: { connected: false }, turn: null },
  loopback: null,
  camera: null,
  microphone: null,
  speaker: null,
};

/** The verdicts of what has been measured so far, by the bridge's own rules, while the check runs. */
export function judgedSoFar(measured: Partial<CheckMeasurements>): CheckItem[] {
  return judgeCheck({ ...notYetMeasured, ...measured }).items.filter((item) => measured[measurementOf[item.item]] !== undefined);
}
