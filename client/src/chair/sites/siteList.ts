import type { ConferenceState, SiteControl, SiteMeters } from '@diemcau/shared';

/*
 * The console's list of rooms at province scale (150 and more): search that
 * ignores accents, filters by state, and the rooms that need the operator
 * first. Pure functions of the conference state and the meters.
 */

export const SITE_FILTERS = ['all', 'online', 'offline', 'handRaised', 'speaking', 'muted', 'degraded'] as const;
export type SiteFilter = (typeof SITE_FILTERS)[number];

/** Why a room needs the operator, most urgent first. */
const ATTENTIONS = ['handRaised', 'droppedOut', 'degraded'] as const;
export type Attention = (typeof ATTENTIONS)[number];

/**
 * Below this connection score (mediasoup's 0–10) an online room's line is degraded: "fair" or "poor" on
 * its meter. A score of 0 means the room sends nothing yet (just joined, or a kiosk without devices).
 */
const DEGRADED_SCORE = 6;
/** An audio level (0..1) at which a room counts as speaking, besides the bridge's active speaker. */
const SPEAKING_LEVEL = 0.2;

/** Lower case without accents, đ as d and dashes as spaces: "Ninh Hải" and "ninh-hai" both read "ninh hai". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim();
}

/** Every word of the query appears in the room's name or code, accents ignored. */
export function matchesSearch(site: Pick<SiteControl, 'name' | 'siteCode'>, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  const haystack = `${foldForSearch(site.name)} ${foldForSearch(site.siteCode)}`;
  return words.every((word) => haystack.includes(word));
}

export function isSpeaking(site: SiteControl, conference: ConferenceState, meters: SiteMeters): boolean {
  return site.online && (conference.activeSpeaker === site.siteCode || (meters[site.siteCode]?.audioLevel ?? 0) >= SPEAKING_LEVEL);
}

function isDegraded(site: SiteControl, meters: SiteMeters): boolean {
  const score = meters[site.siteCode]?.score ?? 0;
  return site.online && score > 0 && score < DEGRADED_SCORE;
}

/** The most urgent reason the room needs the operator, or null. */
export function attentionOf(site: SiteControl, meters: SiteMeters): Attention | null {
  if (site.handRaised) return 'handRaised';
  if (site.droppedOut) return 'droppedOut';
  if (isDegraded(site, meters)) return 'degraded';
  return null;
}

function matchesFilter(site: SiteControl, filter: SiteFilter, conference: ConferenceState, meters: SiteMeters): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'online':
      return site.online;
    case 'offline':
      return !site.online;
    case 'handRaised':
      return site.handRaised;
    case 'speaking':
      return isSpeaking(site, conference, meters);
    case 'muted':
      return site.muted;
    case 'degraded':
      return isDegraded(site, meters);
  }
}

export interface SiteQuery {
  search: string;
  filter: SiteFilter;
}

/**
 * The rooms to list: those matching the search and filter, the ones needing
 * attention first (raised hands in the order they were raised, then dropouts,
 * then degraded lines), the rest in the meeting's order.
 */
export function listSites(conference: ConferenceState, meters: SiteMeters, query: SiteQuery): SiteControl[] {
  const rank = (site: SiteControl): number => {
    const attention = attentionOf(site, meters);
    if (attention === 'handRaised') return conference.floor.queue.indexOf(site.siteCode);
    return attention === null ? Number.MAX_SAFE_INTEGER : conference.sites.length + ATTENTIONS.indexOf(attention);
  };
  return conference.sites
    .filter((site) => matchesFilter(site, query.filter, conference, meters) && matchesSearch(site, query.search))
    .map((site, order) => ({ site, order, rank: rank(site) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ site }) => site);
}

/** How many rooms each filter would show, for the filter buttons. */
export function filterCounts(conference: ConferenceState, meters: SiteMeters): Record<SiteFilter, number> {
  const counts = Object.fromEntries(SITE_FILTERS.map((filter) => [filter, 0])) as Record<SiteFilter, number>;
  for (const site of conference.sites) {
    for (const filter of SITE_FILTERS) if (matchesFilter(site, filter, conference, meters)) counts[filter]++;
  }
  return counts;
}
