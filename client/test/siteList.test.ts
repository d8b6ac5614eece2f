import { describe, expect, it } from 'vitest';
import { defaultVoiceActivation, type ConferenceState, type SiteControl, type SiteMeters } from '@diemcau/shared';
import { attentionOf, filterCounts, foldForSearch, listSites, matchesSearch } from '../src/chair/sites/siteList';

function site(siteCode: string, name: string, state: Partial<SiteControl> = {}): SiteControl {
  return { siteCode, name, online: true, muted: false, cameraOff: false, micGain: 1, speakerVolume: 1, handRaised: false, droppedOut: false, ...state };
}

function conference(sites: SiteControl[], state: Partial<ConferenceState> = {}): ConferenceState {
  return {
    meetingId: 'm',
    chairSite: sites[0]?.siteCode ?? null,
    layout: { template: 'single', panes: [] },
    overrides: {},
    voice: defaultVoiceActivation,
    look: { showCaptions: true, backdrop: '#0b2a4a', captionColor: '#ffffff', captionBackground: '#0b2a4a' },
    sites,
    floor: { queue: [], holder: null },
    presenter: null,
    activeSpeaker: null,
    audible: [],
    scan: null,
    ...state,
  };
}

const codes = (sites: SiteControl[]) => sites.map((entry) => entry.siteCode);

describe('finding a room among 150 (Art. 7.1: the operator adjusts the sites as the meeting goes)', () => {
  it('ignores accents, đ, case and dashes', () => {
    expect(foldForSearch('Xã Đắk Ơ — ĐỨC Phổ')).toBe('xa dak o — duc pho');
    expect(matchesSearch({ name: 'Huyện Ninh Hải', siteCode: 'ninh-hai' }, 'ninh hai')).toBe(true);
    expect(matchesSearch({ name: 'Huyện Ninh Hải', siteCode: 'ninh-hai' }, 'NINH HẢI')).toBe(true);
    expect(matchesSearch({ name: 'Xã Phước Đại', siteCode: 'x-042' }, 'phuoc dai')).toBe(true);
  });

  it('needs every word, in the name or the code, and an empty search finds everything', () => {
    expect(matchesSearch({ name: 'Huyện Ninh Sơn', siteCode: 'ninh-son' }, 'ninh hai')).toBe(false);
    expect(matchesSearch({ name: 'Xã Phước Đại', siteCode: 'x-042' }, 'đại 042')).toBe(true);
    expect(matchesSearch({ name: 'Xã Phước Đại', siteCode: 'x-042' }, '   ')).toBe(true);
  });
});

describe('filters', () => {
  const sites = [
    site('chair', 'Văn phòng'),
    site('a', 'Xã A', { online: false }),
    site('b', 'Xã B', { muted: true }),
    site('c', 'Xã C', { handRaised: true }),
    site('d', 'Xã D'),
    site('e', 'Xã E'),
  ];
  const meters: SiteMeters = { d: { audioLevel: 0.5, score: 9 }, e: { audioLevel: 0, score: 3 }, b: { audioLevel: 0, score: 0 } };
  const state = conference(sites, { floor: { queue: ['c'], holder: null }, activeSpeaker: 'chair' });
  const shown = (filter: Parameters<typeof listSites>[2]['filter']) => codes(listSites(state, meters, { search: '', filter }));

  it('by presence, raised hand, muted', () => {
    expect(shown('offline')).toEqual(['a']);
    expect(shown('online')).toEqual(['c', 'e', 'chair', 'b', 'd']);
    expect(shown('handRaised')).toEqual(['c']);
    expect(shown('muted')).toEqual(['b']);
  });

  it('speaking: the active speaker and any room loud on its meter', () => {
    expect(shown('speaking').sort()).toEqual(['chair', 'd']);
  });

  it('degraded: an online room with a low score, not one that sends nothing yet', () => {
    expect(shown('degraded')).toEqual(['e']);
  });

  it('counts the rooms of each filter', () => {
    expect(filterCounts(state, meters)).toEqual({ all: 6, online: 5, offline: 1, handRaised: 1, speaking: 2, muted: 1, degraded: 1 });
  });

  it('combines a filter with the search', () => {
    expect(codes(listSites(state, meters, { search: 'xa', filter: 'online' }))).toEqual(['c', 'e', 'b', 'd']);
  });
});

describe('rooms that need attention float to the top', () => {
  it('raised hands in the order raised, then dropouts, then degraded lines, then the rest in meeting order', () => {
    const sites = [
      site('chair', 'Văn phòng'),
      site('a', 'Xã A', { online: false }),
      site('b', 'Xã B', { online: false, droppedOut: true }),
      site('c', 'Xã C', { handRaised: true }),
      site('d', 'Xã D'),
      site('e', 'Xã E', { handRaised: true }),
      site('f', 'Xã F'),
    ];
    const meters: SiteMeters = { f: { audioLevel: 0, score: 2 }, d: { audioLevel: 0, score: 10 } };
    const state = conference(sites, { floor: { queue: ['e', 'c'], holder: null } });
    expect(codes(listSites(state, meters, { search: '', filter: 'all' }))).toEqual(['e', 'c', 'b', 'f', 'chair', 'a', 'd']);
    expect(sites.map((entry) => attentionOf(entry, meters))).toEqual([null, null, 'droppedOut', 'handRaised', null, 'handRaised', 'degraded']);
  });

  it('a room that never came is not a dropout', () => {
    const state = conference([site('a', 'Xã A', { online: false }), site('b', 'Xã B')]);
    expect(codes(listSites(state, {}, { search: '', filter: 'all' }))).toEqual(['a', 'b']);
  });
});
