import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alarmThresholds } from '@diemcau/shared';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../deploy/prometheus');
const promtool = (...args: string[]) => spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });

describe('the alert rules in deploy/prometheus (issue 15)', () => {
  it('pass `promtool check rules` and `promtool check config`', () => {
    const rules = promtool('check', 'rules', 'diemcau.rules.yml');
    expect(rules.stdout + rules.stderr).toContain('SUCCESS: 9 rules found');
    expect(rules.status).toBe(0);
    // The token file is the operator's; the syntax check only needs it to exist.
    const config = promtool('check', 'config', '--syntax-only', 'prometheus.yml');
    expect(config.stdout + config.stderr).toContain('SUCCESS');
    expect(config.status).toBe(0);
  });

  it('pass their tests against hand-written series (`promtool test rules`)', () => {
    const tests = promtool('test', 'rules', 'diemcau.rules.test.yml');
    expect(tests.stdout + tests.stderr).toContain('SUCCESS');
    expect(tests.status).toBe(0);
  });

  it('alarm at the documented thresholds, the same as the monitoring screen', () => {
    const rules = fs.readFileSync(path.join(dir, 'diemcau.rules.yml'), 'utf8');
    const thresholdsOf = (metric: string) => [...rules.matchAll(new RegExp(`${metric} > ([0-9.]+)`, 'g'))].map((match) => Number(match[1]));
    const { packetLossPct, rttMs, workerCpuPercent } = alarmThresholds;
    expect(thresholdsOf('diemcau_site_packet_loss_ratio')).toEqual([packetLossPct.warning / 100, packetLossPct.critical / 100]);
    expect(thresholdsOf('diemcau_site_rtt_seconds')).toEqual([rttMs.warning / 1000, rttMs.critical / 1000]);
    expect(thresholdsOf('rate\\(diemcau_worker_cpu_seconds_total\\[1m\\]\\)')).toEqual([workerCpuPercent.critical / 100]);
  });
});
