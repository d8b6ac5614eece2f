import type { PaneAssignment } from '@diemcau/shared';

/*
 * Automatic scanning as operators of hardware MCUs know it: a few panes of the
 * common layout show a window onto a list of rooms, and the window moves on
 * by as many rooms as it shows every few seconds, wrapping around the list.
 */

/**
 * The rooms the scanning panes show at a step: `paneCount` consecutive rooms
 * of `candidates` starting at `step × paneCount`, wrapping around. Fewer
 * candidates than panes fill the first panes, never one room twice.
 */
export function scanWindow(candidates: readonly string[], paneCount: number, step: number): string[] {
  const count = Math.min(paneCount, candidates.length);
  const start = (step * count) % Math.max(1, candidates.length);
  return Array.from({ length: count }, (_, offset) => candidates[(start + offset) % candidates.length]!);
}

export interface ScanInput {
  /** The common layout's assignments, one per pane of its template (null for an empty pane). */
  assignments: readonly PaneAssignment[];
  /** The panes that scan, in the order they are filled. */
  panes: readonly number[];
  siteCodes: readonly string[];
  online: ReadonlySet<string>;
  step: number;
}

/**
 * The common layout's assignments with the scanning panes filled for this step.
 * Rooms offline, or already in a pane that does not scan, are skipped; a
 * scanning pane left without a room is emptied. Panes the template lacks are ignored.
 */
export function scannedAssignments({ assignments, panes, siteCodes, online, step }: ScanInput): PaneAssignment[] {
  const scanning = panes.filter((pane) => pane < assignments.length);
  const fixed = new Set(assignments.flatMap((assignment, index) => (assignment?.kind === 'site' && !scanning.includes(index) ? [assignment.siteCode] : [])));
  const candidates = siteCodes.filter((code) => online.has(code) && !fixed.has(code));
  const shown = scanWindow(candidates, scanning.length, step);
  const result = [...assignments];
  scanning.forEach((pane, index) => {
    const siteCode = shown[index];
    result[pane] = siteCode === undefined ? null : { kind: 'site', siteCode };
  });
  return result;
}
