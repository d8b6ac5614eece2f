import { alarmsOf, alarmThresholds, type AlarmLevel, type SiteSample } from '@diemcau/shared';

/** The columns a technician can sort by; `worst` is the default: the sites needing attention on top. */
export type SortKey = 'worst' | 'name' | 'bitrateIn' | 'bitrateOut' | 'loss' | 'jitter' | 'rtt' | 'score';

export interface SiteOrder {
  key: SortKey;
  /** Each column's first click puts its worst values on top; the second reverses. */
  reversed: boolean;
}

export interface SiteFilter {
  /** Part of the site's name or code, with or without Vietnamese accents. */
  text: string;
  problemsOnly: boolean;
}

const LEVEL_RANK: Record<AlarmLevel, number> = { warning: 1, critical: 2 };

/** How bad a site is now: its worst alarm level first, then how many alarms it has. */
export function severityOf(site: SiteSample): number {
  const alarms = [...alarmsOf(site).values()];
  const worst = Math.max(0, ...alarms.map((alarm) => LEVEL_RANK[alarm.level]));
  return worst * 10 + alarms.length;
}

/** Worst first for each column: high loss, jitter and delay, low score and low bitrate. */
const worseFirst: Record<Exclude<SortKey, 'name'>, (a: SiteSample, b: SiteSample) => number> = {
  worst: (a, b) => severityOf(b) - severityOf(a) || a.score - b.score,
  bitrateIn: (a, b) => a.bitrateInKbps - b.bitrateInKbps,
  bitrateOut: (a, b) => a.bitrateOutKbps - b.bitrateOutKbps,
  loss: (a, b) => b.packetLossPct - a.packetLossPct,
  jitter: (a, b) => b.jitterMs - a.jitterMs,
  rtt: (a, b) => b.rttMs - a.rttMs,
  score: (a, b) => a.score - b.score,
};

/** Vietnamese order, numbers by value: "Xã 7" before "Xã 10". */
const byName = (a: SiteSample, b: SiteSample) => a.name.localeCompare(b.name, 'vi', { numeric: true });

/** The sites in the chosen order; ties are broken by name, so rows do not jump between samples. */
export function sortSites(sites: readonly SiteSample[], order: SiteOrder): SiteSample[] {
  const primary = order.key === 'name' ? byName : worseFirst[order.key];
  const direction = order.reversed ? -1 : 1;
  return [...sites].sort((a, b) => direction * primary(a, b) || byName(a, b));
}

/** Lower case without accents, đ as d: "Huyện Bác Ái" is found by "bac ai". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

export function filterSites(sites: readonly SiteSample[], filter: SiteFilter): SiteSample[] {
  const wanted = searchable(filter.text.trim());
  return sites.filter((site) => (!wanted || searchable(`${site.name} ${site.siteCode}`).includes(wanted)) && (!filter.problemsOnly || alarmsOf(site).size > 0));
}

/** A worker's CPU against the documented thresholds, for colouring it like the sites' figures. */
export function cpuLevel(percent: number): AlarmLevel | undefined {
  const { warning, critical } = alarmThresholds.workerCpuPercent;
  if (percent > critical) return 'critical';
  if (percent > warning) return 'warning';
  return undefined;
}
