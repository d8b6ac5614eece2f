import { templatePanes, type LayoutSpec, type LayoutTemplate, type PaneAssignment } from '@diemcau/shared';

/*
 * The operator's layout while it is being edited: pure functions over the
 * shared LayoutSpec, so what is sent is exactly what was drawn.
 */

/** One assignment per pane of the template, empty panes included. */
export function filled(layout: LayoutSpec): PaneAssignment[] {
  return templatePanes(layout.template).map((_, index) => layout.panes[index] ?? null);
}

/** Another template, keeping the sites in their order as far as they fit. */
export function withTemplate(layout: LayoutSpec, template: LayoutTemplate): LayoutSpec {
  const kept = filled(layout).filter((assignment) => assignment !== null);
  return { template, panes: templatePanes(template).map((_, index) => kept[index] ?? null) };
}

function sameAssignment(a: PaneAssignment, b: PaneAssignment): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'content' || b.kind === 'content') return a.kind === b.kind;
  return a.siteCode === b.siteCode;
}

/**
 * Puts a site (or the content, or nothing) in a pane. A site is shown once:
 * if it already sits in another pane, the two panes swap.
 */
export function assign(layout: LayoutSpec, paneIndex: number, assignment: PaneAssignment): LayoutSpec {
  const panes = filled(layout);
  const previous = panes[paneIndex] ?? null;
  const elsewhere = assignment === null ? -1 : panes.findIndex((other, index) => index !== paneIndex && sameAssignment(other, assignment));
  if (elsewhere !== -1) panes[elsewhere] = previous;
  panes[paneIndex] = assignment;
  return { template: layout.template, panes };
}

export function sameLayout(a: LayoutSpec, b: LayoutSpec): boolean {
  if (a.template !== b.template) return false;
  const left = filled(a);
  const right = filled(b);
  return left.every((assignment, index) => sameAssignment(assignment, right[index] ?? null));
}

/** An assignment as one string, for select options and drag data. */
export function assignmentKey(assignment: PaneAssignment): string {
  if (assignment === null) return 'empty';
  return assignment.kind === 'content' ? 'content' : `site:${assignment.siteCode}`;
}

export function assignmentFromKey(key: string): PaneAssignment | undefined {
  if (key === 'empty') return null;
  if (key === 'content') return { kind: 'content' };
  if (key.startsWith('site:') && key.length > 5) return { kind: 'site', siteCode: key.slice(5) };
  return undefined;
}
