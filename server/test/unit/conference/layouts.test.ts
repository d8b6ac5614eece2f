import { describe, expect, it } from 'vitest';
import { defaultLayout, layerForPane, resolveView, templatePanes, type LayoutTemplate, type ViewInput } from '@diemcau/shared';

const sites = ['chair', 'bac-ai', 'ninh-son', 'ninh-hai'].map((siteCode) => ({ siteCode, name: siteCode, online: true }));
const base: ViewInput = {
  layout: { template: 'grid-2x2', panes: sites.map((s) => ({ kind: 'site' as const, siteCode: s.siteCode })) },
  voice: { enabled: false, pinChair: false },
  chairSite: 'chair',
  activeSpeaker: null,
  previousSpeaker: null,
  viewer: 'ninh-hai',
  sites,
  contentBy: null,
};
const codes = (input: ViewInput) =>
  resolveView(input).map((pane) =>
    pane.content === null ? null : pane.content.kind === 'content' ? 'content' : `${pane.content.kind}:${pane.content.siteCode}`,
  );

describe('layout templates (Art. 7.1.c)', () => {
  it('tile the whole screen without overlap', () => {
    for (const template of ['single', 'one-plus-five', 'grid-2x2', 'grid-3x3', 'grid-4x4', 'speaker-strip', 'presentation'] as LayoutTemplate[]) {
      const area = templatePanes(template).reduce((sum, pane) => sum + pane.w * pane.h, 0);
      expect(area, template).toBeCloseTo(1, 6);
    }
  });

  it('give a large pane the high simulcast layer and a 3×3 tile the low one', () => {
    expect(layerForPane(templatePanes('single')[0]!)).toBe(2);
    expect(layerForPane(templatePanes('one-plus-five')[0]!)).toBe(2);
    expect(layerForPane(templatePanes('grid-2x2')[0]!)).toBe(1);
    expect(layerForPane(templatePanes('grid-3x3')[0]!)).toBe(0);
    expect(layerForPane(templatePanes('grid-4x4')[0]!)).toBe(0);
  });

  it('start with the chair large and the others around it in the smallest template that holds them', () => {
    expect(defaultLayout('chair', ['bac-ai', 'chair', 'ninh-son']).template).toBe('grid-2x2');
    const layout = defaultLayout(
      'chair',
      Array.from({ length: 8 }, (_, i) => `xa-${i}`),
    );
    expect(layout.template).toBe('grid-3x3');
    expect(layout.panes[0]).toEqual({ kind: 'site', siteCode: 'chair' });
  });
});

describe('what a room sees', () => {
  it('shows the room itself from its own preview, never through the bridge', () => {
    expect(codes(base)).toEqual(['site:chair', 'site:bac-ai', 'site:ninh-son', 'self:ninh-hai']);
  });

  it('voice activation puts the active speaker in the main pane, swapping it with the pane it was in', () => {
    expect(codes({ ...base, voice: { enabled: true, pinChair: false }, activeSpeaker: 'ninh-son' })).toEqual([
      'site:ninh-son',
      'site:bac-ai',
      'site:chair',
      'self:ninh-hai',
    ]);
  });

  it('the speaking room sees the previous speaker rather than itself', () => {
    const view = { ...base, voice: { enabled: true, pinChair: false }, activeSpeaker: 'ninh-hai', previousSpeaker: 'bac-ai' };
    expect(codes(view)[0]).toBe('site:bac-ai');
  });

  it('a pinned chair keeps the main pane whoever speaks', () => {
    expect(codes({ ...base, voice: { enabled: true, pinChair: true }, activeSpeaker: 'bac-ai' })[0]).toBe('site:chair');
  });

  it('the presentation layout shows the shared content large, and an empty pane when nobody shares', () => {
    const layout = { template: 'presentation' as const, panes: [{ kind: 'content' as const }, { kind: 'site' as const, siteCode: 'chair' }] };
    expect(codes({ ...base, layout, contentBy: 'Văn phòng' }).slice(0, 2)).toEqual(['content', 'site:chair']);
    expect(codes({ ...base, layout })[0]).toBeNull();
  });
});
