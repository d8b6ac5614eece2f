import { describe, expect, it } from 'vitest';
import type { SiteSummary } from '@diemcau/shared';
import { Conference } from '../../../src/conference/Conference';
import { levelOfDbov } from '../../../src/media/SpeechObserver';

const sites: SiteSummary[] = [
  { code: 'chair', name: 'UBND tỉnh', kind: 'chair' },
  { code: 'bac-ai', name: 'Bác Ái', kind: 'endpoint' },
  { code: 'ninh-son', name: 'Ninh Sơn', kind: 'endpoint' },
];

/** A conference on a hand-moved clock, with voice activation as the chair set it. */
function conferenceAt(voice: { holdSeconds: number; minSpeechDb: number }) {
  const clock = { now: 0 };
  const conference = new Conference('m1', sites, () => clock.now);
  conference.setVoice({ enabled: true, pinChair: false, ...voice });
  let changes = 0;
  conference.on('changed', () => changes++);
  /** Who the room Ninh Sơn sees in its main pane. */
  const mainPane = () => {
    const content = conference.viewFor('ninh-son').panes[0]!.content;
    return content?.kind === 'site' ? content.siteCode : content?.kind;
  };
  /** The site speaks at this level for `ms`, levels arriving every 250 ms as the bridge reports them. */
  const speak = (siteCode: string, dbov: number, ms: number) => {
    conference.dominantSpeaker(siteCode);
    for (let elapsed = 0; elapsed <= ms; elapsed += 250) {
      conference.hearLevels(new Map([[siteCode, levelOfDbov(dbov)]]));
      if (elapsed < ms) clock.now += 250;
    }
  };
  const silence = (ms: number) => {
    for (let elapsed = 0; elapsed < ms; elapsed += 250) {
      clock.now += 250;
      conference.hearLevels(new Map());
    }
  };
  return { conference, mainPane, speak, silence, changes: () => changes };
}

describe('voice activation as the chair sets it (Art. 7.1.c)', () => {
  it('Art. 7.1.c: a speaker who talks for less than the hold does not take the main pane', () => {
    const { mainPane, speak, silence, changes } = conferenceAt({ holdSeconds: 3, minSpeechDb: -50 });
    expect(mainPane()).toBe('chair');
    speak('bac-ai', -20, 2750);
    silence(2000);
    expect(mainPane()).toBe('chair');
    expect(changes()).toBe(0);
    // The same room speaking for the whole hold takes it, with one push to the rooms.
    speak('bac-ai', -20, 3000);
    expect(mainPane()).toBe('bac-ai');
    expect(changes()).toBe(1);
  });

  it('Art. 7.1.c: the hold is the chair’s choice', () => {
    const short = conferenceAt({ holdSeconds: 1, minSpeechDb: -50 });
    short.speak('bac-ai', -20, 1000);
    expect(short.mainPane()).toBe('bac-ai');
    const long = conferenceAt({ holdSeconds: 10, minSpeechDb: -50 });
    long.speak('bac-ai', -20, 9750);
    expect(long.mainPane()).toBe('chair');
  });

  it('Art. 7.1.c: a room quieter than the minimum speech level never takes the main pane', () => {
    const { mainPane, speak } = conferenceAt({ holdSeconds: 2, minSpeechDb: -40 });
    speak('bac-ai', -45, 10_000);
    expect(mainPane()).toBe('chair');
    speak('bac-ai', -35, 2000);
    expect(mainPane()).toBe('bac-ai');
  });

  it('keeps the chair’s settings with the conference, defaulting to a 2 s hold', () => {
    expect(new Conference('m2', sites).state().voice).toEqual({ enabled: false, pinChair: true, holdSeconds: 2, minSpeechDb: -50 });
    const { conference } = conferenceAt({ holdSeconds: 4.5, minSpeechDb: -35 });
    expect(conference.state().voice).toEqual({ enabled: true, pinChair: false, holdSeconds: 4.5, minSpeechDb: -35 });
  });
});
