import { z } from 'zod';
import { SiteCode } from './sites';

/*
 * Layout maths shared by the bridge (which decides what each room receives)
 * and the screens (which draw it): pure functions, no I/O.
 */

export const LayoutTemplate = z.enum(['single', 'one-plus-five', 'grid-2x2', 'grid-3x3', 'grid-4x4', 'speaker-strip', 'presentation']);
export type LayoutTemplate = z.infer<typeof LayoutTemplate>;

/** A pane in fractions of the screen, so every room draws the same picture whatever its resolution. */
export interface Pane {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the operator put in a pane: a site's camera, the shared content, or nothing. */
export const PaneAssignment = z.union([
  z.object({ kind: z.literal('site'), siteCode: SiteCode }).strict(),
  z.object({ kind: z.literal('content') }).strict(),
  z.null(),
]);
export type PaneAssignment = z.infer<typeof PaneAssignment>;

export const LayoutSpec = z
  .object({ template: LayoutTemplate, panes: z.array(PaneAssignment).max(16) })
  .strict()
  .refine((layout) => layout.panes.length <= templatePanes(layout.template).length, {
    message: 'more assignments than the template has panes',
    path: ['panes'],
  });
export type LayoutSpec = z.infer<typeof LayoutSpec>;

function grid(columns: number, rows: number): Pane[] {
  const panes: Pane[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      panes.push({ x: column / columns, y: row / rows, w: 1 / columns, h: 1 / rows });
    }
  }
  return panes;
}

const third = 1 / 3;

const templates: Record<LayoutTemplate, Pane[]> = {
  single: [{ x: 0, y: 0, w: 1, h: 1 }],
  // One large pane (2/3 × 2/3) and five small ones around its right and bottom edges.
  'one-plus-five': [
    { x: 0, y: 0, w: 2 * third, h: 2 * third },
    { x: 2 * third, y: 0, w: third, h: third },
    { x: 2 * third, y: third, w: third, h: third },
    { x: 0, y: 2 * third, w: third, h: third },
    { x: third, y: 2 * third, w: third, h: third },
    { x: 2 * third, y: 2 * third, w: third, h: third },
  ],
  'grid-2x2': grid(2, 2),
  'grid-3x3': grid(3, 3),
  'grid-4x4': grid(4, 4),
  // The speaker large, a strip of five below.
  'speaker-strip': [{ x: 0, y: 0, w: 1, h: 0.8 }, ...[0, 1, 2, 3, 4].map((i) => ({ x: i / 5, y: 0.8, w: 1 / 5, h: 0.2 }))],
  // Shared content large on the left, three speakers stacked on the right.
  presentation: [
    { x: 0, y: 0, w: 0.75, h: 1 },
    { x: 0.75, y: 0, w: 0.25, h: third },
    { x: 0.75, y: third, w: 0.25, h: third },
    { x: 0.75, y: 2 * third, w: 0.25, h: third },
  ],
};

export function templatePanes(template: LayoutTemplate): readonly Pane[] {
  return templates[template];
}

/** Simulcast layers the kiosks publish: 0 = low (¼ size), 1 = medium (½), 2 = high (full). */
export type SpatialLayer = 0 | 1 | 2;

/**
 * The smallest layer that fills the pane without upscaling much: a pane larger
 * than a quarter of the screen needs the full picture, one of a 2×2 grid the
 * half-size one, and a 3×3 tile or smaller the quarter-size one.
 */
export function layerForPane(pane: Pane): SpatialLayer {
  const area = pane.w * pane.h;
  if (area > 0.25 + 1e-9) return 2;
  if (area > 1 / 9 + 1e-9) return 1;
  return 0;
}
