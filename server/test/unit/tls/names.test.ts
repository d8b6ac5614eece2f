import { describe, expect, it } from 'vitest';
import { bridgeNames, constraintsFor, isCovered, needsReissue, RENEW_BEFORE_MS } from '../../../src/tls/names';

const sources = { publicHost: 'Bridge.Tinh.gov.vn', announcedIp: '10.1.2.3', hostname: 'cau-trung-tam', extraNames: ['10.1.2.3', ' hop.tinh.gov.vn '] };

describe('the names of the server certificate', () => {
  it('are the PUBLIC_URL host, the announced address, the host name, localhost and TLS_EXTRA_NAMES, once each', () => {
    expect(bridgeNames(sources)).toEqual([
      { type: 'ip', value: '10.1.2.3' },
      { type: 'dns', value: 'bridge.tinh.gov.vn' },
      { type: 'dns', value: 'cau-trung-tam' },
      { type: 'dns', value: 'hop.tinh.gov.vn' },
      { type: 'dns', value: 'localhost' },
    ]);
  });

  it('take a bracketed IPv6 host as an address', () => {
    expect(bridgeNames({ ...sources, publicHost: '[fd00::1]', extraNames: [] })).toContainEqual({ type: 'ip', value: 'fd00::1' });
  });
});

describe('re-issuing the server certificate', () => {
  const names = bridgeNames(sources);
  const now = new Date('2026-12-01T00:00:00Z');
  const far = new Date(now.getTime() + 60 * 24 * 3_600_000);

  it('happens when there is none yet', () => {
    expect(needsReissue(undefined, names, now)).toBe(true);
  });

  it('does not happen for the same names long before expiry, in any order', () => {
    expect(needsReissue({ names: [...names].reverse(), notAfter: far }, names, now)).toBe(false);
  });

  it('happens when a name is added or removed', () => {
    expect(needsReissue({ names: names.slice(1), notAfter: far }, names, now)).toBe(true);
    expect(needsReissue({ names: [...names, { type: 'dns', value: 'old.example' }], notAfter: far }, names, now)).toBe(true);
  });

  it('happens within the renewal window before expiry', () => {
    expect(needsReissue({ names, notAfter: new Date(now.getTime() + RENEW_BEFORE_MS - 1000) }, names, now)).toBe(true);
  });
});

describe('the name constraints of the bridge CA', () => {
  const constraints = constraintsFor(bridgeNames({ ...sources, announcedIp: '203.0.113.7' }));

  it('cover the names of its creation and the names below them', () => {
    expect(isCovered({ type: 'dns', value: 'bridge.tinh.gov.vn' }, constraints)).toBe(true);
    expect(isCovered({ type: 'dns', value: 'a.bridge.tinh.gov.vn' }, constraints)).toBe(true);
    expect(isCovered({ type: 'dns', value: 'localhost' }, constraints)).toBe(true);
  });

  it('cover every private address, because a LAN address may change, and the public address it had', () => {
    expect(isCovered({ type: 'ip', value: '192.168.7.9' }, constraints)).toBe(true);
    expect(isCovered({ type: 'ip', value: '203.0.113.7' }, constraints)).toBe(true);
  });

  it('leave out other sites and other public addresses', () => {
    expect(isCovered({ type: 'dns', value: 'www.google.com' }, constraints)).toBe(false);
    expect(isCovered({ type: 'dns', value: 'evilbridge.tinh.gov.vn.example' }, constraints)).toBe(false);
    expect(isCovered({ type: 'ip', value: '8.8.8.8' }, constraints)).toBe(false);
  });
});
