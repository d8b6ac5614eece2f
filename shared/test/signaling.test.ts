import { describe, expect, it } from 'vitest';
import { kioskRequests, fieldErrors, SessionState, SiteCode } from '../src';

const dtlsParameters = { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] };

describe('signaling schemas', () => {
  it('accepts a well-formed connectTransport request', () => {
    const parsed = kioskRequests['media:connectTransport'].request.safeParse({ transportId: 't1', dtlsParameters });
    expect(parsed.success).toBe(true);
  });

  it('rejects a connectTransport request without fingerprints, naming the field', () => {
    const parsed = kioskRequests['media:connectTransport'].request.safeParse({
      transportId: 't1',
      dtlsParameters: { role: 'client', fingerprints: [] },
    });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(Object.keys(fieldErrors(parsed.error))).toContain('dtlsParameters.fingerprints');
  });

  it('rejects unknown keys in requests, so typos do not pass silently', () => {
    const parsed = kioskRequests['media:createTransport'].request.safeParse({ direction: 'send', extra: 1 });
    expect(parsed.success).toBe(false);
  });

  it('rejects a produce request with an unknown media source', () => {
    const parsed = kioskRequests['media:produce'].request.safeParse({
      transportId: 't',
      kind: 'video',
      source: 'projector',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', clockRate: 90000, payloadType: 96 }] },
    });
    expect(parsed.success).toBe(false);
  });

  it('accepts real mediasoup-style rtp parameters with extra keys', () => {
    const parsed = kioskRequests['media:produce'].request.safeParse({
      transportId: 't',
      kind: 'audio',
      source: 'microphone',
      rtpParameters: {
        mid: '0',
        codecs: [{ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111, parameters: { useinbandfec: 1 } }],
        headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4, encrypt: false }],
        encodings: [{ ssrc: 1234, dtx: true }],
        rtcp: { cname: 'x', reducedSize: true },
      },
    });
    expect(parsed.success).toBe(true);
  });

  it('distinguishes the waiting and live session states', () => {
    const site = { code: 'bac-ai', name: 'Huyện Bác Ái', kind: 'endpoint' };
    expect(SessionState.safeParse({ phase: 'waiting', site, next: null }).success).toBe(true);
    expect(SessionState.safeParse({ phase: 'live', site, next: null }).success).toBe(false);
  });

  it('accepts site codes of the demo province and refuses unsafe ones', () => {
    for (const code of ['chair', 'phan-rang', 'thuan-nam']) expect(SiteCode.safeParse(code).success).toBe(true);
    for (const code of ['', 'Bac Ai', '-x', 'a/b', 'x'.repeat(41)]) expect(SiteCode.safeParse(code).success).toBe(false);
  });
});
