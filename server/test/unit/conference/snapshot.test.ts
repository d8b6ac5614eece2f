import { describe, expect, it } from 'vitest';
import { ConferenceSnapshot, type SiteSummary } from '@diemcau/shared';
import { Conference } from '../../../src/conference/Conference';

const site = (code: string, kind: SiteSummary['kind'] = 'endpoint'): SiteSummary => ({ code, name: code, kind });
const sites = [site('chair', 'chair'), site('bac-ai'), site('ninh-son'), site('ninh-hai')];

function decided(): Conference {
  const conference = new Conference('m1', sites);
  conference.setLayout(
    { template: 'grid-2x2', panes: [{ kind: 'site', siteCode: 'ninh-son' }, { kind: 'content' }, null, { kind: 'site', siteCode: 'chair' }] },
    'all',
  );
  conference.setLayout({ template: 'single', panes: [{ kind: 'site', siteCode: 'chair' }] }, { siteCode: 'bac-ai' });
  conference.mute('bac-ai', true);
  conference.setCamera('ninh-hai', false);
  conference.setAudio('ninh-son', { micGain: 0.5, speakerVolume: 0.25 });
  conference.raiseHand('ninh-hai', true);
  conference.grantFloor('ninh-son', false);
  conference.setPresenter('console');
  return conference;
}

describe('conference snapshot (issue 11, deliver 1; Art. 7.1.c–d decisions kept across restarts)', () => {
  it('is plain data its shared schema accepts, and a new conference restored from it has the same decisions', () => {
    const snapshot = decided().snapshot();
    expect(ConferenceSnapshot.parse(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
    const restored = new Conference('m1', sites);
    restored.restore(snapshot);
    expect(restored.snapshot()).toEqual(snapshot);
    expect(restored.isBlocked('bac-ai', 'microphone')).toBe(true);
    expect(restored.isBlocked('ninh-hai', 'camera')).toBe(true);
    expect(restored.viewFor('bac-ai').template).toBe('single');
  });

  it('leaves out what names a site that is no longer in the meeting', () => {
    const snapshot = decided().snapshot();
    const fewer = new Conference(
      'm1',
      sites.filter((entry) => entry.code !== 'ninh-son'),
    );
    fewer.restore(snapshot);
    const kept = fewer.snapshot();
    expect(kept.layout.panes[0]).toBeNull();
    expect(kept.floor).toEqual({ queue: ['ninh-hai'], holder: null });
    expect(Object.keys(kept.sites)).not.toContain('ninh-son');
  });
});
