import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, waitFor, type TestPlatform } from '../../server/test/integration/harness';
import { freePort } from '../../server/test/support/postgresCluster';
import { assertClientBuilt, launchChromium, REPO_ROOT } from './browser';
import { expectReceivingFrom, openKiosk } from './kioskPage';

let platform: TestPlatform;
let browser: Browser;
let prometheus: ChildProcess | undefined;
let prometheusUrl: string;
let prometheusLog = '';
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-prometheus-'));

/**
 * Debian's Prometheus with the project's own scrape configuration and rules,
 * changed only where this machine differs: the bridge's address, where its
 * token is, and a one-second scrape so the test need not wait.
 */
async function startPrometheus(bridgePort: number): Promise<void> {
  const source = path.join(REPO_ROOT, 'deploy/prometheus');
  fs.copyFileSync(path.join(source, 'diemcau.rules.yml'), path.join(workDir, 'diemcau.rules.yml'));
  fs.copyFileSync(path.join(platform.dataDir, 'metrics-token'), path.join(workDir, 'token'));
  const config = fs
    .readFileSync(path.join(source, 'prometheus.yml'), 'utf8')
    .replace(/scrape_interval: \d+s/, 'scrape_interval: 1s')
    .replace(/evaluation_interval: \d+s/, 'evaluation_interval: 1s')
    .replace(/credentials_file: .*/, `credentials_file: ${path.join(workDir, 'token')}`)
    .replace(/targets: \[.*\]/, `targets: ['127.0.0.1:${bridgePort}']`);
  expect(config).toContain(`targets: ['127.0.0.1:${bridgePort}']`);
  expect(config).toContain(`credentials_file: ${path.join(workDir, 'token')}`);
  fs.writeFileSync(path.join(workDir, 'prometheus.yml'), config);
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    'prometheus',
    [`--config.file=${path.join(workDir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(workDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus.stderr?.on('data', (chunk: Buffer) => (prometheusLog = (prometheusLog + chunk.toString()).slice(-4000)));
  await waitFor(async () => (await fetch(`${prometheusUrl}/-/ready`).catch(() => undefined))?.status === 200, 30_000);
}

interface VectorResult {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query through Prometheus' HTTP API. */
async function query(promql: string): Promise<VectorResult[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as { status: string; data: { result: VectorResult[] } };
  expect(body.status).toBe('success');
  return body.data.result;
}

beforeAll(async () => {
  assertClientBuilt();
  platform = await startTestPlatform({ workers: 1 });
  browser = await launchChromium();
  await startPrometheus(Number(new URL(platform.url).port));
});
afterAll(async () => {
  prometheus?.kill('SIGTERM');
  await browser?.close();
  await platform?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('a real Prometheus scraping the bridge with live kiosks (issue 15)', () => {
  it('finds the bridge up, the per-site bitrate, the worker CPU, the joins and the kiosks’ own timings', async () => {
    const sites = ['chair', 'bac-ai'] as const;
    const pages = await Promise.all(sites.map((code) => openKiosk(browser, platform, code)));
    await expectReceivingFrom(pages[0]!, ['bac-ai']);
    await expectReceivingFrom(pages[1]!, ['chair']);

    const poll = (promql: string) => expect.poll(async () => (await query(promql)).map((result) => result.metric), { timeout: 30_000, interval: 500 });
    try {
      await poll('up{job="diemcau"} == 1').toHaveLength(1);
      // What the bridge receives from each live site, sampled by the monitor and scraped with the token.
      for (const site of sites) await poll(`diemcau_site_receive_bytes_per_second{site="${site}"} > 1000`).toHaveLength(1);
      const pid = String(platform.pool.workers()[0]!.pid);
      await poll(`rate(diemcau_worker_cpu_seconds_total{pid="${pid}"}[10s]) > 0`).toEqual([expect.objectContaining({ pid })]);
      await poll('diemcau_kiosk_joins_total >= 1').toHaveLength(2);
      await poll('diemcau_media_producers > 0').toHaveLength(1);
      await poll('diemcau_kiosk_media_ready_seconds_count >= 2').toHaveLength(1);
      await poll('diemcau_kiosk_layout_apply_seconds_count >= 2').toHaveLength(1);
      // The bridge's own alerts are loaded and none fires while everything is well.
      const rules = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as { data: { groups: Array<{ rules: unknown[] }> } };
      expect(rules.data.groups[0]!.rules).toHaveLength(9);
      expect(await query('ALERTS{alertstate="firing"}')).toEqual([]);
    } catch (error) {
      const targets = await (await fetch(`${prometheusUrl}/api/v1/targets`)).text();
      console.error(`prometheus targets: ${targets}\nprometheus log:\n${prometheusLog}`);
      throw error;
    }
    await Promise.all(pages.map((page) => page.context().close()));
  });
});
