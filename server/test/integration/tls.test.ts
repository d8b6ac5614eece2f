import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { remoteApp } from '../../src/http/listeners';
import { createLogger } from '../../src/logger';
import { createAuthority, issueServerCertificate } from '../../src/tls/certificates';
import { TlsIdentity, type TlsSettings } from '../../src/tls/TlsIdentity';
import { TestPlatform } from './harness';

const DAY_MS = 24 * 3_600_000;
const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  peer: crypto.X509Certificate;
}

/** One HTTPS request that trusts only `ca`, checking the certificate against `servername`. */
function httpsGet(url: string, ca: string | undefined, servername = 'localhost'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca, servername, agent: false }, (response) => {
      const peer = new crypto.X509Certificate((response.socket as import('node:tls').TLSSocket).getPeerX509Certificate()!.raw);
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body, headers: response.headers, peer }));
    });
    request.on('error', reject);
  });
}

describe('HTTPS with the bridge CA', () => {
  let clock = -65 * DAY_MS;
  let platform: TestPlatform;
  let ca: string;

  beforeAll(async () => {
    // The server certificate is issued 65 days in the past, so moving the clock to now puts it within its renewal window.
    platform = await TestPlatform.start({ now: () => new Date(Date.now() + clock), env: { TLS_EXTRA_NAMES: 'bridge.test,10.200.0.1' } });
    ca = fs.readFileSync(path.join(platform.dataDir, 'tls/ca.crt'), 'utf8');
  });
  afterAll(async () => {
    await platform.close();
  });

  it('creates on first start a P-256 CA for ten years, name-constrained, its key readable by the server alone', () => {
    const authority = new crypto.X509Certificate(ca);
    expect(authority.ca).toBe(true);
    expect(authority.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const years = (new Date(authority.validTo).getTime() - new Date(authority.validFrom).getTime()) / (365.25 * DAY_MS);
    expect(years).toBeGreaterThan(9.99);
    expect(fs.statSync(path.join(platform.dataDir, 'tls/ca.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(platform.dataDir, 'tls/server.key')).mode & 0o777).toBe(0o600);
    const text = spawnSync('openssl', ['x509', '-noout', '-ext', 'nameConstraints'], { input: ca, encoding: 'utf8' }).stdout;
    expect(text).toMatch(/critical[\s\S]*Permitted:[\s\S]*DNS:bridge\.test[\s\S]*DNS:localhost[\s\S]*IP:192\.168\.0\.0\/255\.255\.0\.0/);
  });

  it('serves HTTPS that a client trusting the CA accepts, for localhost, the host name and TLS_EXTRA_NAMES', async () => {
    for (const name of ['localhost', os.hostname().toLowerCase(), 'bridge.test']) {
      const answer = await httpsGet(`${platform.httpsUrl}/healthz`, ca, name);
      expect(answer.status, name).toBe(200);
      expect(JSON.parse(answer.body).status).toBe('ok');
    }
    const answer = await httpsGet(`${platform.httpsUrl}/healthz`, ca);
    expect(answer.peer.subjectAltName).toContain('IP Address:10.200.0.1');
    expect(answer.peer.checkIssued(new crypto.X509Certificate(ca))).toBe(true);
  });

  it('is refused by a client that does not trust the CA, and by one asking for a name the certificate lacks', async () => {
    await expect(httpsGet(`${platform.httpsUrl}/healthz`, undefined)).rejects.toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    await expect(httpsGet(`${platform.httpsUrl}/healthz`, ca, 'other.example')).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('carries socket.io over HTTPS', async () => {
    const client = io(`${platform.httpsUrl}/kiosk`, { auth: { token: 'not-a-token' }, transports: ['websocket'], reconnection: false, forceNew: true, ca });
    try {
      const refusal = await new Promise<Error>((resolve) => client.once('connect_error', resolve));
      // The gateway answered: the TLS and socket.io layers worked, the token did not.
      expect(refusal.message).not.toMatch(/websocket error|certificate/i);
    } finally {
      client.close();
    }
  });

  it('serves the CA certificate at /ca.crt, the same over plain HTTP and HTTPS', async () => {
    expect(await (await fetch(`${platform.url}/ca.crt`)).text()).toBe(ca);
    expect((await httpsGet(`${platform.httpsUrl}/ca.crt`, ca)).body).toBe(ca);
  });

  it('re-issues the server certificate before it expires and serves it without a restart', async () => {
    const before = (await httpsGet(`${platform.httpsUrl}/healthz`, ca)).peer;
    clock = 0;
    await platform.listeners.renewCertificate();
    const after = (await httpsGet(`${platform.httpsUrl}/healthz`, ca)).peer;
    expect(after.serialNumber).not.toBe(before.serialNumber);
    expect(new Date(after.validTo).getTime()).toBeGreaterThan(new Date(before.validTo).getTime() + 60 * DAY_MS);
    expect(new crypto.X509Certificate(fs.readFileSync(path.join(platform.dataDir, 'tls/server.crt'))).serialNumber).toBe(after.serialNumber);
    // Not due again: a second check leaves it alone.
    await platform.listeners.renewCertificate();
    expect((await httpsGet(`${platform.httpsUrl}/healthz`, ca)).peer.serialNumber).toBe(after.serialNumber);
  });
});

describe('plain HTTP for other machines', () => {
  let server: http.Server;
  let base: string;
  let tls: TlsIdentity;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-tls-'));

  beforeAll(async () => {
    tls = await TlsIdentity.load({ dataDir, publicHost: 'bridge.test', announcedIp: '10.200.0.1', extraNames: [], certFile: undefined, keyFile: undefined });
    const app = remoteApp(
      {
        app: undefined as never,
        health: (_request, response) => void response.json({ status: 'ok' }),
        tls,
        publicUrl: 'https://bridge.test:8443',
        logger: createLogger('silent'),
      },
      () => 8443,
    );
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** fetch() would not send another Host header: http.get does, as a room PC's browser would. */
  const get = (url: string, host: string) =>
    new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
      http
        .get(url, { headers: { host }, agent: false }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, location: response.headers.location, body }));
        })
        .on('error', reject);
    });

  it('are redirected to HTTPS on the name they asked for, with the path and query kept', async () => {
    const response = await get(`${base}/kiosk?token=abc`, 'bridge.test:8080');
    expect(response.status).toBe(308);
    expect(response.location).toBe('https://bridge.test:8443/kiosk?token=abc');
    expect((await get(`${base}/api/auth/login`, '10.200.0.1:8080')).location).toBe('https://10.200.0.1:8443/api/auth/login');
  });

  it('are redirected to PUBLIC_URL when they asked for a name the certificate does not hold', async () => {
    expect((await get(`${base}/`, 'evil.example')).location).toBe('https://bridge.test:8443/');
  });

  it('still get /healthz and /ca.crt over plain HTTP', async () => {
    expect(JSON.parse((await get(`${base}/healthz`, 'bridge.test')).body)).toEqual({ status: 'ok' });
    expect((await get(`${base}/ca.crt`, 'bridge.test')).body).toBe(tls.caCertificate);
  });
});

describe('the TLS material on disk', () => {
  const dirs: string[] = [];
  const settings = (extraNames: string[]): TlsSettings => {
    const dataDir = dirs[0] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-tls-'));
    dirs[0] = dataDir;
    return { dataDir, publicHost: 'bridge.test', announcedIp: '10.200.0.1', extraNames, certFile: undefined, keyFile: undefined };
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the CA across starts and re-issues the server certificate when the names change', async () => {
    const first = await TlsIdentity.load(settings([]));
    const second = await TlsIdentity.load(settings(['hop.bridge.test']));
    expect(second.info.fingerprint256).toBe(first.info.fingerprint256);
    expect(first.info.names.map((name) => name.value)).not.toContain('hop.bridge.test');
    expect(second.info.names.map((name) => name.value)).toContain('hop.bridge.test');
    expect(second.info.uncovered).toEqual([]);
    // A name outside the CA's constraints is issued but reported, since Chromium would refuse it.
    const third = await TlsIdentity.load(settings(['bridge.other.example']));
    expect(third.info.uncovered).toEqual([{ type: 'dns', value: 'bridge.other.example' }]);
  });

  it("uses the province's own certificate from TLS_CERT_FILE and TLS_KEY_FILE, re-read when the files change", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-tls-'));
    dirs.push(dataDir);
    const authority = await createAuthority('Province CA', { dns: ['tinh.gov.vn'], ip: [] }, new Date());
    const write = async (name: string) => {
      const pair = await issueServerCertificate(authority, [{ type: 'dns', value: name }], new Date());
      fs.writeFileSync(path.join(dataDir, 'bridge.crt'), pair.certPem);
      fs.writeFileSync(path.join(dataDir, 'bridge.key'), pair.keyPem);
      return pair;
    };
    await write('cau.tinh.gov.vn');
    const files = {
      dataDir,
      publicHost: 'cau.tinh.gov.vn',
      announcedIp: undefined,
      extraNames: [],
      certFile: path.join(dataDir, 'bridge.crt'),
      keyFile: path.join(dataDir, 'bridge.key'),
    };
    const identity = await TlsIdentity.load(files);
    expect(identity.info.source).toBe('files');
    expect(identity.caCertificate).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, 'tls'))).toBe(false);
    expect(await identity.refresh()).toBe(false);

    const renewed = await write('hop.tinh.gov.vn');
    fs.utimesSync(files.certFile, new Date(), new Date(Date.now() + 5_000));
    expect(await identity.refresh()).toBe(true);
    expect(identity.material.cert).toBe(renewed.certPem);

    fs.writeFileSync(files.keyFile, (await issueServerCertificate(authority, [{ type: 'dns', value: 'x.tinh.gov.vn' }], new Date())).keyPem);
    await expect(TlsIdentity.load(files)).rejects.toThrow(/TLS_KEY_FILE/);
  });

  it('tls-info prints the CA fingerprint, the names and the expiry', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-tls-'));
    dirs.push(dataDir);
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'tls-info'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, DIEMCAU_DATA_DIR: dataDir, PUBLIC_URL: 'https://bridge.test:8443', TLS_EXTRA_NAMES: '10.200.0.1' },
    });
    expect(result.status, result.stderr).toBe(0);
    const fingerprint = new crypto.X509Certificate(fs.readFileSync(path.join(dataDir, 'tls/ca.crt'))).fingerprint256;
    const expiry = new Date(new crypto.X509Certificate(fs.readFileSync(path.join(dataDir, 'tls/server.crt'))).validTo).toISOString();
    expect(result.stdout).toContain(fingerprint);
    expect(result.stdout).toMatch(/names:.*10\.200\.0\.1.*bridge\.test.*localhost/);
    expect(result.stdout).toContain(expiry);
  });
});
