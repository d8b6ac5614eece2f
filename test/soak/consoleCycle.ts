import { templatePanes, type LayoutTemplate } from '@diemcau/shared';
import type { ChairConsole } from '../load/ChairConsole';

/** The templates the cycles go through, one per cycle. */
const TEMPLATES: readonly LayoutTemplate[] = ['grid-3x3', 'one-plus-five', 'grid-2x2', 'speaker-strip', 'single', 'grid-4x4'];

/**
 * The chair operator's round in soak cycle `index`: a room muted or unmuted, two
 * more as a selection, a camera off or on, a layout for all (the next template,
 * its panes shifted by one site) and one for a single room, then cleared, the floor
 * granted to the next room (to the main pane every other time) and taken back every
 * third cycle. Every action is one the bridge audits. `codes` are the meeting's sites, the chair's first.
 */
export async function consoleCycle(chair: ChairConsole, codes: readonly string[], index: number): Promise<void> {
  const pick = (offset: number) => codes[(index * 3 + offset) % codes.length]!;
  await chair.request('chair:mute', { siteCode: pick(1), muted: index % 2 === 0 });
  await chair.request('chair:muteSites', { siteCodes: [...new Set([pick(2), pick(3)])], muted: index % 2 === 1 });
  await chair.request('chair:setCamera', { siteCode: pick(4), enabled: index % 2 === 1 });
  const template = TEMPLATES[index % TEMPLATES.length]!;
  const shown = Array.from({ length: Math.min(templatePanes(template).length, codes.length) }, (_, pane) => codes[(index + pane) % codes.length]!);
  await chair.request('chair:setLayout', { layout: { template, panes: shown.map((siteCode) => ({ kind: 'site', siteCode })) }, target: 'all' });
  const overridden = pick(5);
  await chair.request('chair:setLayout', { layout: { template: 'single', panes: [{ kind: 'site', siteCode: codes[0]! }] }, target: { siteCode: overridden } });
  const others = codes.slice(1);
  if (others.length > 0) await chair.request('chair:grantFloor', { siteCode: others[index % others.length]!, toMainPane: index % 2 === 0 });
  await chair.request('chair:clearOverride', { siteCode: overridden });
  if (index % 3 === 2) await chair.request('chair:revokeFloor', {});
}
