import type { CheckMeasurements } from '@diemcau/shared';

/** What a healthy room measures in its pre-session check: every item passes. */
export const passingMeasurements: CheckMeasurements = {
  signaling: { rttMs: 10 },
  ice: { udp: { connected: true }, tcp: { connected: true }, turn: null },
  loopback: { rttMs: 5, packetLossPct: 0, jitterMs: 2, bitrateKbps: 800, requiredKbps: 600 },
  camera: { width: 1280, height: 720, fps: 25, black: false, frozen: false },
  microphone: { peakDbfs: -10, clippingPct: 0 },
  speaker: { heard: true },
};
