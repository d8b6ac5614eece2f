import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CAPABILITIES_ID } from '@diemcau/shared';
import { createApp } from '../../src/http/app';
import type { Bridge } from '../../src/media/Bridge';
import type { TlsIdentity } from '../../src/tls/TlsIdentity';

/** Capabilities with a string that would end a script element if written as it is. */
const CAPABILITIES = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: { note: '</script><script>alert(1)' } }] };

let clientDir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-pages-'));
  fs.mkdirSync(path.join(clientDir, 'assets'));
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<title>office</title>');
  fs.writeFileSync(path.join(clientDir, 'kiosk.html'), '<head><title>kiosk</title></head>');
  fs.writeFileSync(path.join(clientDir, 'assets', 'kiosk-Abc123.js'), 'export {};');
  const bridge = { liveWorkers: 1, roomCount: 0, rtpCapabilities: CAPABILITIES } as unknown as Bridge;
  // A bridge using the province's own certificate: no CA of its own to serve.
  const tls = { caCertificate: undefined } as unknown as TlsIdentity;
  const app = createApp({ bridge, tls, api: Router(), metrics: (_request, response) => response.end(), clientDir });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  fs.rmSync(clientDir, { recursive: true, force: true });
});

describe('the pages and their assets', () => {
  it("serves the kiosk its own page, checked on every load, with the bridge's capabilities in its head (issue 14)", async () => {
    for (const address of ['/kiosk', '/kiosk?token=abc', '/kiosk/']) {
      const response = await fetch(`${base}${address}`);
      const html = await response.text();
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const element = /^<head><title>kiosk<\/title><script type="application\/json" id="([^"]+)">(.*)<\/script><\/head>$/.exec(html);
      expect(element?.[1]).toBe(PAGE_CAPABILITIES_ID);
      // Nothing inside can end the element early, and the browser's JSON.parse gives the capabilities back.
      expect(element![2]).not.toContain('<');
      expect(JSON.parse(element![2]!)).toEqual(CAPABILITIES);
    }
  });

  it('serves the office and chair application for every other page', async () => {
    for (const address of ['/', '/chair', '/calendar', '/kiosks-list']) {
      const response = await fetch(`${base}${address}`);
      expect(await response.text()).toBe('<title>office</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    expect((await fetch(`${base}/kiosk.html`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('lets browsers keep hashed assets for good, and answers 404 for a missing one rather than a page', async () => {
    const asset = await fetch(`${base}/assets/kiosk-Abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${base}/assets/kiosk-Old999.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toMatch(/<title>(office|kiosk)/);
  });
});
