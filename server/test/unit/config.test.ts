import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../src/auth/secret';
import { loadConfig } from '../../src/config';

describe('configuration', () => {
  it('defaults to HTTPS on 8443 at the announced address, plain HTTP on 8080', () => {
    const config = loadConfig({ RTC_ANNOUNCED_IP: '10.20.30.40' });
    expect(config.port).toBe(8080);
    expect(config.httpsPort).toBe(8443);
    expect(config.publicUrl).toBe('https://10.20.30.40:8443');
    expect(loadConfig({ RTC_ANNOUNCED_IP: '10.20.30.40', HTTPS_PORT: '443' }).publicUrl).toBe('https://10.20.30.40');
    expect(config.jwtSecret).toBeUndefined();
  });

  it('takes extra certificate names, and the province certificate only with its key', () => {
    expect(loadConfig({ TLS_EXTRA_NAMES: ' bridge.tinh.gov.vn, 10.0.0.9 ,' }).tls.extraNames).toEqual(['bridge.tinh.gov.vn', '10.0.0.9']);
    expect(() => loadConfig({ TLS_CERT_FILE: '/etc/ssl/bridge.pem' })).toThrow(/TLS_KEY_FILE/);
  });

  it("refuses coturn's placeholder secret", () => {
    const turn = { TURN_URLS: 'turn:bridge.test:3478?transport=tcp' };
    expect(() => loadConfig({ ...turn, TURN_SECRET: 'CHANGE-ME-to-a-long-random-secret' })).toThrow(/TURN_SECRET/);
    expect(loadConfig({ ...turn, TURN_SECRET: 'a-real-secret-of-some-length' }).turn?.secret).toBe('a-real-secret-of-some-length');
  });

  it('explains every invalid variable at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', RTC_ANNOUNCED_IP: 'somewhere' })).toThrow(/PORT[\s\S]*RTC_ANNOUNCED_IP/);
  });

  it('refuses a port range that is upside down', () => {
    expect(() => loadConfig({ RTC_MIN_PORT: '50000', RTC_MAX_PORT: '40000' })).toThrow(/RTC_MIN_PORT/);
  });

  it('seeds the demo unless DIEMCAU_DEMO=0 (issue 11, deliver 5)', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DIEMCAU_DEMO: '0' }).demo).toBe(false);
    expect(() => loadConfig({ DIEMCAU_DEMO: 'no' })).toThrow(/DIEMCAU_DEMO/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ JWT_SECRET: '', RTC_ANNOUNCED_IP: '' }).jwtSecret).toBeUndefined();
  });

  it('reads office hours as local ranges and refuses impossible ones', () => {
    expect(loadConfig({}).booking.officeHours).toEqual([
      { start: '07:00', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(loadConfig({ OFFICE_HOURS: '07:30-11:30,13:30-16:30' }).booking.officeHours).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:30', end: '16:30' },
    ]);
    for (const wrong of ['7:00-11:30', '07:00-25:00', '11:30-07:00', '07:00-11:30;13:00-17:00']) {
      expect(() => loadConfig({ OFFICE_HOURS: wrong }), wrong).toThrow(/OFFICE_HOURS/);
    }
  });

  it('refuses a short JWT secret', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});

describe('signing secret', () => {
  it('is generated once, persisted privately, and reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-secret-'));
    const first = loadOrCreateSecret(dir, undefined);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadOrCreateSecret(dir, undefined)).toBe(first);
    expect(fs.statSync(path.join(dir, 'jwt-secret')).mode & 0o077).toBe(0);
  });

  it('comes from configuration when given, without touching the disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-secret-'));
    expect(loadOrCreateSecret(dir, 'x'.repeat(40))).toBe('x'.repeat(40));
    expect(fs.existsSync(path.join(dir, 'jwt-secret'))).toBe(false);
  });
});
