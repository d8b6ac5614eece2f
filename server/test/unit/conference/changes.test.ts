import { describe, expect, it } from 'vitest';
import { defaultLook, type SiteSummary } from '@diemcau/shared';
import { Conference, type ConferenceChange } from '../../../src/conference/Conference';

const sites: SiteSummary[] = [
  { code: 'chair', name: 'UBND tỉnh', kind: 'chair' },
  { code: 'bac-ai', name: 'Bác Ái', kind: 'endpoint' },
  { code: 'ninh-son', name: 'Ninh Sơn', kind: 'endpoint' },
  { code: 'thuan-nam', name: 'Thuận Nam', kind: 'endpoint' },
];

/** A conference whose rooms are all online with a live microphone, and the changes it announces. */
function liveConference() {
  const conference = new Conference('m1', sites);
  conference.setOnline(new Set(sites.map((site) => site.code)));
  conference.setMicrophones(new Set(sites.map((site) => site.code)));
  const changes: ConferenceChange[] = [];
  conference.on('changed', (change) => changes.push(change));
  const last = () => {
    const change = changes.at(-1)!;
    return { views: [...change.views].sort(), receivers: [...change.receivers].sort(), console: change.console };
  };
  return { conference, changes, last };
}

describe('a conference change names only what it changed (Art. 7.1.c: the Office adjusts sound and picture at the sites)', () => {
  it('Art. 7.1.c: a mute changes the muted room’s view and what the others hear, not their pictures', () => {
    const { conference, last } = liveConference();
    conference.mute('ninh-son', true);
    expect(last()).toEqual({ views: ['ninh-son'], receivers: ['bac-ai', 'chair', 'thuan-nam'], console: false });
  });

  it('Art. 7.1.c: a room’s volume changes its own view and nobody’s streams', () => {
    const { conference, last } = liveConference();
    conference.setAudio('bac-ai', { speakerVolume: 0.5 });
    expect(last()).toEqual({ views: ['bac-ai'], receivers: [], console: false });
  });

  it('Art. 7.1.c: captions change every room’s view and nobody’s streams', () => {
    const { conference, last } = liveConference();
    conference.setLook({ ...defaultLook, showCaptions: !defaultLook.showCaptions });
    expect(last()).toEqual({ views: ['bac-ai', 'chair', 'ninh-son', 'thuan-nam'], receivers: [], console: false });
  });

  it('Art. 7.1.c: an override for one room changes that room’s view and pictures only', () => {
    const { conference, last } = liveConference();
    conference.setLayout({ template: 'single', panes: [{ kind: 'site', siteCode: 'chair' }] }, { siteCode: 'thuan-nam' });
    expect(last()).toEqual({ views: ['thuan-nam'], receivers: ['thuan-nam'], console: false });
  });

  it('Art. 7.1.c: shared content reaches the console’s preview', () => {
    const { conference, last } = liveConference();
    conference.setPresenter('bac-ai');
    conference.setSharing('bac-ai');
    expect(last().console).toBe(true);
  });

  it('Art. 7.1.c: a change that changes nothing a room sees announces no room', () => {
    const { conference, last } = liveConference();
    conference.setLook(defaultLook);
    expect(last()).toEqual({ views: [], receivers: [], console: false });
  });
});
