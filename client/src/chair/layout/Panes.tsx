import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { templatePanes, type ConferenceState, type LayoutSpec, type Pane, type PaneAssignment } from '@diemcau/shared';
import { assignmentFromKey, assignmentKey, filled } from './layoutDraft';
import { dragProps, dropProps } from './paneDrag';

interface PanesProps {
  layout: LayoutSpec;
  conference: ConferenceState;
  onAssign: (paneIndex: number, assignment: PaneAssignment) => void;
}

/** How the operator reads an assignment: the site's name, the content, or an empty pane. */
export function useAssignmentLabel(conference: ConferenceState): (assignment: PaneAssignment) => string {
  const { t } = useTranslation();
  return (assignment) => {
    if (assignment === null) return t('chair.layout.empty');
    if (assignment.kind === 'content') return t('chair.layout.content');
    return conference.sites.find((site) => site.siteCode === assignment.siteCode)?.name ?? assignment.siteCode;
  };
}

const percent = (fraction: number) => `${fraction * 100}%`;

/** The layout drawn to scale; drop a site on a pane to put it there, drag a pane onto another to swap them. */
export function PaneCanvas({ layout, conference, onAssign }: PanesProps) {
  const { t } = useTranslation();
  const assignments = filled(layout);
  return (
    <div className="pane-canvas" aria-label={t('chair.layout.preview')} style={{ background: conference.look.backdrop }}>
      {templatePanes(layout.template).map((pane, index) => (
        <CanvasPane key={index} index={index} pane={pane} assignment={assignments[index] ?? null} conference={conference} onAssign={onAssign} />
      ))}
    </div>
  );
}

interface CanvasPaneProps {
  index: number;
  pane: Pane;
  assignment: PaneAssignment;
  conference: ConferenceState;
  onAssign: PanesProps['onAssign'];
}

function CanvasPane({ index, pane, assignment, conference, onAssign }: CanvasPaneProps) {
  const label = useAssignmentLabel(conference);
  const [over, setOver] = useState(false);
  const isChair = assignment?.kind === 'site' && assignment.siteCode === conference.chairSite;
  return (
    <div
      className={`canvas-pane canvas-pane-${assignment?.kind ?? 'empty'}${over ? ' canvas-pane-over' : ''}${isChair ? ' canvas-pane-chair' : ''}`}
      style={{ left: percent(pane.x), top: percent(pane.y), width: percent(pane.w), height: percent(pane.h) }}
      data-pane-index={index}
      {...(assignment !== null && dragProps(assignment))}
      {...dropProps((dropped) => onAssign(index, dropped), setOver)}
    >
      <span className="canvas-pane-number">{index + 1}</span>
      <span className="canvas-pane-label">{label(assignment)}</span>
    </div>
  );
}

/** The same layout as a list of choices, one per pane, for the keyboard. */
export function PaneList({ layout, conference, onAssign }: PanesProps) {
  const { t } = useTranslation();
  const label = useAssignmentLabel(conference);
  const choices: PaneAssignment[] = [null, { kind: 'content' }, ...conference.sites.map((site) => ({ kind: 'site' as const, siteCode: site.siteCode }))];
  return (
    <ol className="pane-list">
      {filled(layout).map((assignment, index) => (
        <li key={index}>
          <label>
            <span className="pane-list-label">{t('chair.layout.pane', { number: index + 1 })}</span>
            <select
              name={`pane-${index}`}
              value={assignmentKey(assignment)}
              onChange={(event) => {
                const chosen = assignmentFromKey(event.target.value);
                if (chosen !== undefined) onAssign(index, chosen);
              }}
            >
              {choices.map((choice) => (
                <option key={assignmentKey(choice)} value={assignmentKey(choice)}>
                  {label(choice)}
                </option>
              ))}
            </select>
          </label>
        </li>
      ))}
    </ol>
  );
}
