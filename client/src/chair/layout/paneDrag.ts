import type { DragEvent } from 'react';
import type { PaneAssignment } from '@diemcau/shared';
import { assignmentFromKey, assignmentKey } from './layoutDraft';

/*
 * Drag and drop of sites into panes: a site tile, a chip of the palette or a
 * pane itself carries its assignment; dropping it on a pane assigns it there.
 */
const MIME = 'application/x-diemcau-pane';

export function dragProps(assignment: PaneAssignment) {
  return {
    draggable: true,
    onDragStart: (event: DragEvent) => {
      event.dataTransfer.setData(MIME, assignmentKey(assignment));
      event.dataTransfer.effectAllowed = 'move';
    },
  };
}

export function dropProps(onDrop: (assignment: PaneAssignment) => void, setOver: (over: boolean) => void) {
  return {
    onDragOver: (event: DragEvent) => {
      if (!event.dataTransfer.types.includes(MIME)) return;
      event.preventDefault();
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (event: DragEvent) => {
      setOver(false);
      const assignment = assignmentFromKey(event.dataTransfer.getData(MIME));
      if (assignment === undefined) return;
      event.preventDefault();
      onDrop(assignment);
    },
  };
}
