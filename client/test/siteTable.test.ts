import { describe, expect, it } from 'vitest';
import type { SiteSample } from '@diemcau/shared';
import { cpuLevel, filterSites, searchable, severityOf, sortSites } from '../src/technician/monitor/siteTable';

const healthy: Omit<SiteSample, 'siteCode' | 'name'> = {
  online: true,
  connection: 'connected',
  bitrateInKbps: 1200,
  bitrateOutKbps: 1500,
  packetLossPct: 0,
  jitterMs: 5,
  rttMs: 20,
  score: 10,
  audioLevel: 0,
  receivedLayer: 2,
  receivedFewerFrames: false,
};
const site = (siteCode: string, name: string, figures: Partial<SiteSample> = {}): SiteSample => ({ siteCode, name, ...healthy, ...figures });

const sites = [
  site('bac-ai', 'Huyện Bác Ái'),
  site('ninh-son', 'Huyện Ninh Sơn', { online: false }),
  site('phan-rang', 'TP. Phan Rang', { packetLossPct: 2 }),
  site('thuan-bac', 'Huyện Thuận Bắc', { packetLossPct: 5, rttMs: 450 }),
  site('ninh-hai', 'Huyện Ninh Hải', { rttMs: 250 }),
  site('dong-hai', 'Phường Đông Hải', { score: 4 }),
];
const codes = (list: SiteSample[]) => list.map((entry) => entry.siteCode);

describe('the monitoring table at 150 sites (Art. 7.1.a, 13): worst first, sorting, filtering', () => {
  it('puts the sites needing attention on top: critical before warning, more alarms before fewer, healthy last', () => {
    expect(severityOf(sites[0]!)).toBe(0);
    expect(codes(sortSites(sites, { key: 'worst', reversed: false }))).toEqual(['thuan-bac', 'ninh-son', 'dong-hai', 'ninh-hai', 'phan-rang', 'bac-ai']);
  });

  it('sorts a figure column worst values first, and the other way on the second click', () => {
    expect(codes(sortSites(sites, { key: 'rtt', reversed: false })).slice(0, 2)).toEqual(['thuan-bac', 'ninh-hai']);
    expect(codes(sortSites(sites, { key: 'score', reversed: false }))[0]).toBe('dong-hai');
    expect(codes(sortSites(sites, { key: 'loss', reversed: true })).at(-1)).toBe('thuan-bac');
  });

  it('sorts names in Vietnamese order, and keeps equal rows in name order so they do not jump', () => {
    expect(codes(sortSites(sites, { key: 'name', reversed: false }))).toEqual(['bac-ai', 'ninh-hai', 'ninh-son', 'thuan-bac', 'dong-hai', 'phan-rang']);
    const ties = [site('b', 'Xã B'), site('a', 'Xã A')];
    expect(codes(sortSites(ties, { key: 'bitrateIn', reversed: false }))).toEqual(['a', 'b']);
    const numbered = [site('x10', 'Xã 10'), site('x7', 'Xã 7'), site('x69', 'Xã 69')];
    expect(codes(sortSites(numbered, { key: 'name', reversed: false }))).toEqual(['x7', 'x10', 'x69']);
  });

  it('finds a site by part of its name or code, with or without accents, and can keep only sites with alarms', () => {
    expect(searchable('Phường Đông Hải')).toBe('phuong dong hai');
    expect(codes(filterSites(sites, { text: 'dong hai', problemsOnly: false }))).toEqual(['dong-hai']);
    expect(codes(filterSites(sites, { text: 'Ninh', problemsOnly: false }))).toEqual(['ninh-son', 'ninh-hai']);
    expect(codes(filterSites(sites, { text: 'thuan-bac', problemsOnly: false }))).toEqual(['thuan-bac']);
    expect(codes(filterSites(sites, { text: '', problemsOnly: true }))).toEqual(['ninh-son', 'phan-rang', 'thuan-bac', 'ninh-hai', 'dong-hai']);
  });

  it('colours a worker past 70 % of its core as a warning and past 85 % as critical, as the alert rule does', () => {
    expect([cpuLevel(40), cpuLevel(75), cpuLevel(90)]).toEqual([undefined, 'warning', 'critical']);
  });
});
