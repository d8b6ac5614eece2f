import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaneAssignment, SiteSummary } from '@diemcau/shared';
import { Conference } from '../../../src/conference/Conference';
import { Conferences } from '../../../src/conference/Conferences';
import type { MeetingRepository } from '../../../src/meetings/MeetingRepository';
import { scannedAssignments, scanWindow } from '../../../src/conference/scanning';

const site = (siteCode: string): PaneAssignment => ({ kind: 'site', siteCode });
const codes = (assignments: readonly PaneAssignment[]) =>
  assignments.map((assignment) => (assignment?.kind === 'site' ? assignment.siteCode : (assignment?.kind ?? null)));

describe('scanning: the window of rooms the panes show (Art. 7.1, layout adjusted as the meeting goes)', () => {
  const rooms = ['a', 'b', 'c', 'd', 'e'];

  it('moves on by as many rooms as it shows, wrapping around the list so every room gets its turn', () => {
    expect([0, 1, 2, 3, 4].map((step) => scanWindow(rooms, 2, step))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'a'],
      ['b', 'c'],
      ['d', 'e'],
    ]);
    expect(scanWindow(rooms, 1, 7)).toEqual(['c']);
  });

  it('shows a list shorter than the panes whole and still, never a room twice, and nothing from an empty list', () => {
    expect(scanWindow(['a', 'b'], 4, 0)).toEqual(['a', 'b']);
    expect(scanWindow(['a', 'b'], 4, 3)).toEqual(['a', 'b']);
    expect(scanWindow([], 3, 2)).toEqual([]);
  });

  it('fills only the scanning panes, skipping rooms offline or fixed in another pane', () => {
    const result = scannedAssignments({
      assignments: [site('chair'), site('x'), null, { kind: 'content' }],
      panes: [1, 2],
      siteCodes: ['chair', 'a', 'b', 'c', 'd'],
      online: new Set(['chair', 'a', 'c', 'd']),
      step: 1,
    });
    // Candidates are a, c, d (chair is fixed in pane 0, b is offline): step 1 starts at d and wraps to a.
    expect(codes(result)).toEqual(['chair', 'd', 'a', 'content']);
  });

  it('empties a scanning pane left without a room, and ignores panes the template does not have', () => {
    const result = scannedAssignments({ assignments: [site('x'), site('y')], panes: [1, 5], siteCodes: ['a', 'b'], online: new Set(), step: 0 });
    expect(codes(result)).toEqual(['x', null]);
  });
});

const sites: SiteSummary[] = [
  { code: 'chair', name: 'Văn phòng UBND tỉnh', kind: 'chair' },
  ...['a', 'b', 'c', 'd', 'e'].map((code) => ({ code, name: `Xã ${code}`, kind: 'endpoint' as const })),
];

describe('a conference that scans', () => {
  let conference: Conference;
  beforeEach(() => {
    vi.useFakeTimers();
    conference = new Conference('meeting', sites);
    conference.setOnline(new Set(sites.map((entry) => entry.code)));
    conference.setLayout({ template: 'grid-2x2', panes: [site('chair')] }, 'all');
  });
  afterEach(() => {
    conference.close();
    vi.useRealTimers();
  });

  it('moves the chosen panes on every interval, for every room alike, and shows the scan in the state', () => {
    conference.setScan({ panes: [1, 2], siteCodes: ['a', 'b', 'c', 'd', 'e'], intervalSeconds: 5 });
    expect(codes(conference.state().layout.panes)).toEqual(['chair', 'a', 'b', null]);
    vi.advanceTimersByTime(5_000);
    expect(codes(conference.state().layout.panes)).toEqual(['chair', 'c', 'd', null]);
    expect(conference.state().scan).toMatchObject({ step: 1, paused: false, intervalSeconds: 5 });
    // Every room resolves the same panes from the common layout.
    const shownIn = (viewer: string) =>
      conference.viewFor(viewer).panes.map((pane) => (pane.content && 'siteCode' in pane.content ? pane.content.siteCode : null));
    expect(shownIn('e')).toEqual(shownIn('a'));
    expect(shownIn('e').slice(1, 3)).toEqual(['c', 'd']);
  });

  it('holds still while paused and goes on from there when resumed', () => {
    conference.setScan({ panes: [3], siteCodes: ['a', 'b', 'c'], intervalSeconds: 3 });
    vi.advanceTimersByTime(3_000);
    conference.pauseScan(true);
    vi.advanceTimersByTime(30_000);
    expect(codes(conference.state().layout.panes)[3]).toBe('b');
    conference.pauseScan(false);
    vi.advanceTimersByTime(3_000);
    expect(codes(conference.state().layout.panes)[3]).toBe('c');
  });

  it('skips a room that drops out at the next change, and stops with the meeting', () => {
    conference.setScan({ panes: [1], siteCodes: ['a', 'b'], intervalSeconds: 3 });
    conference.setOnline(new Set(['chair', 'b', 'c', 'd', 'e']));
    expect(codes(conference.state().layout.panes)[1]).toBe('b');
    const changes = vi.fn();
    conference.on('changed', changes);
    conference.close();
    vi.advanceTimersByTime(60_000);
    expect(changes).not.toHaveBeenCalled();
  });

  it('stops when the meeting ends, its timer cleared with the conference', async () => {
    const meetings = { sitesOf: async () => sites.map((entry) => ({ ...entry })) } as unknown as MeetingRepository;
    const conferences = new Conferences(meetings, { maxAudibleSites: 6 });
    const live = await conferences.forMeeting('m');
    live.setOnline(new Set(['a', 'b']));
    live.setScan({ panes: [0], siteCodes: ['a', 'b'], intervalSeconds: 3 });
    const changes = vi.fn();
    live.on('changed', changes);
    conferences.end('m');
    await Promise.resolve();
    vi.advanceTimersByTime(60_000);
    expect(changes).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a scan naming a room outside the meeting, and pausing when nothing scans, changing nothing', () => {
    const before = conference.state();
    expect(() => conference.setScan({ panes: [1], siteCodes: ['a', 'xa-khac'], intervalSeconds: 3 })).toThrow(/not in this meeting/);
    expect(() => conference.pauseScan(true)).toThrow(/no scan/);
    expect(conference.state()).toEqual(before);
  });
});

describe('bulk actions on a selection: one gesture, one change', () => {
  it('mutes or turns off the cameras of every selected room at once, or none if one is unknown', () => {
    const conference = new Conference('meeting', sites);
    const changes = vi.fn();
    conference.on('changed', changes);
    conference.muteSites(['a', 'c'], true);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(
      conference
        .state()
        .sites.filter((entry) => entry.muted)
        .map((entry) => entry.siteCode),
    ).toEqual(['a', 'c']);
    expect(() => conference.setCameras(['b', 'xa-khac'], false)).toThrow(/not in this meeting/);
    expect(conference.state().sites.some((entry) => entry.cameraOff)).toBe(false);
    conference.setCameras(['b', 'd'], false);
    expect(
      conference
        .state()
        .sites.filter((entry) => entry.cameraOff)
        .map((entry) => entry.siteCode),
    ).toEqual(['b', 'd']);
  });

  it('puts the selected rooms into the common layout in the smallest grid that holds them', () => {
    const conference = new Conference('meeting', sites);
    conference.showSites(['e', 'a', 'c']);
    expect(conference.state().layout).toEqual({ template: 'grid-2x2', panes: [site('e'), site('a'), site('c')] });
  });

  it('marks a room that went offline after being online as dropped out, not one that never came', () => {
    const conference = new Conference('meeting', sites);
    conference.setOnline(new Set(['a', 'b']));
    conference.setOnline(new Set(['b']));
    const dropped = conference
      .state()
      .sites.filter((entry) => entry.droppedOut)
      .map((entry) => entry.siteCode);
    expect(dropped).toEqual(['a']);
  });
});
