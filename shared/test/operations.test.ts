import { describe, expect, it } from 'vitest';
import { alarmsOf, judgeCheck, type CheckMeasurements, type SiteSample } from '../src';

const good: CheckMeasurements = {
  signaling: { rttMs: 12 },
  ice: { udp: { connected: true }, tcp: { connected: true }, turn: null },
  loopback: { rttMs: 8, packetLossPct: 0, jitterMs: 3, bitrateKbps: 900, requiredKbps: 600 },
  camera: { width: 1280, height: 720, fps: 25, black: false, frozen: false },
  microphone: { peakDbfs: -12, clippingPct: 0 },
  speaker: { heard: true },
};

describe('pre-session check verdicts (Art. 6.4)', () => {
  it('passes a room whose every item is within its threshold, skipping the relay when none is configured', () => {
    const { verdict, items } = judgeCheck(good);
    expect(verdict).toBe('pass');
    expect(items.find((item) => item.item === 'ice-turn')?.verdict).toBe('skipped');
  });

  it('fails a room whose media cannot use UDP', () => {
    expect(judgeCheck({ ...good, ice: { ...good.ice, udp: { connected: false } } }).verdict).toBe('fail');
  });

  it('warns on a lossy path and fails on a very lossy one', () => {
    expect(judgeCheck({ ...good, loopback: { ...good.loopback!, packetLossPct: 2 } }).verdict).toBe('warn');
    expect(judgeCheck({ ...good, loopback: { ...good.loopback!, packetLossPct: 5 } }).verdict).toBe('fail');
  });

  it('reports the path the media took, warning when the room needs a fallback (TCP or the relay)', () => {
    const path = (loopbackPath: NonNullable<CheckMeasurements['loopback']>['path']) =>
      judgeCheck({ ...good, loopback: { ...good.loopback!, path: loopbackPath } }).items.find((item) => item.item === 'media-path');
    expect(path('udp')).toMatchObject({ verdict: 'pass', measured: 'UDP' });
    expect(path('tcp')).toMatchObject({ verdict: 'warn', measured: 'TCP' });
    expect(path('turn-tls')).toMatchObject({ verdict: 'warn', measured: 'TURN/TLS' });
    // Checks stored before the path was recorded have no such item.
    expect(path(undefined)).toBeUndefined();
  });

  it('fails a black or frozen camera whatever its resolution', () => {
    expect(judgeCheck({ ...good, camera: { ...good.camera!, black: true } }).verdict).toBe('fail');
    expect(judgeCheck({ ...good, camera: { ...good.camera!, frozen: true } }).verdict).toBe('fail');
  });

  it('fails when the bridge could not be reached for media, and when the tone was not heard', () => {
    expect(judgeCheck({ ...good, loopback: null }).verdict).toBe('fail');
    expect(judgeCheck({ ...good, speaker: { heard: false } }).verdict).toBe('fail');
  });

  it('warns when the upload reaches 70 % of what the meeting needs, fails below', () => {
    expect(judgeCheck({ ...good, loopback: { ...good.loopback!, bitrateKbps: 450 } }).verdict).toBe('warn');
    expect(judgeCheck({ ...good, loopback: { ...good.loopback!, bitrateKbps: 300 } }).verdict).toBe('fail');
  });
});

describe('monitoring alarms (Art. 7.1.a, 13)', () => {
  const sample: SiteSample = {
    siteCode: 'bac-ai',
    name: 'Bác Ái',
    online: true,
    connection: 'connected',
    bitrateInKbps: 900,
    bitrateOutKbps: 1200,
    packetLossPct: 0,
    jitterMs: 5,
    rttMs: 20,
    score: 10,
    audioLevel: 0.3,
    receivedLayer: 0,
    receivedFewerFrames: false,
  };

  it('raises nothing for a healthy site', () => {
    expect(alarmsOf(sample).size).toBe(0);
  });

  it('raises a critical alarm for a site that dropped out, and nothing else', () => {
    expect([...alarmsOf({ ...sample, online: false, score: 0 })]).toEqual([['offline', { level: 'critical', value: null }]]);
  });

  it('grades loss, jitter, round trip and score against their thresholds', () => {
    const alarms = alarmsOf({ ...sample, packetLossPct: 2, jitterMs: 60, rttMs: 250, score: 2 });
    expect(Object.fromEntries([...alarms].map(([code, alarm]) => [code, alarm.level]))).toEqual({
      'packet-loss': 'warning',
      jitter: 'critical',
      rtt: 'warning',
      'low-score': 'critical',
    });
  });
});
