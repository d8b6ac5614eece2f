import { useState } from 'react';

interface LevelSliderProps {
  label: string;
  name: string;
  value: number;
  min?: number;
  max: number;
  step: number;
  /** Called once the operator lets go, not on every step of the drag. */
  onCommit: (value: number) => void;
  /** How the value reads next to the slider; per cent by default. */
  format?: (value: number) => string;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** A level (in per cent unless told otherwise), sent when released so the bridge is not flooded while dragging. */
export function LevelSlider({ label, name, value, min = 0, max, step, onCommit, format = percent }: LevelSliderProps) {
  const [dragging, setDragging] = useState<number | null>(null);
  const shown = dragging ?? value;
  const commit = () => {
    if (dragging !== null && dragging !== value) onCommit(dragging);
    setDragging(null);
  };
  return (
    <label className="level-slider">
      <span>{label}</span>
      <input
        type="range"
        name={name}
        min={min}
        max={max}
        step={step}
        value={shown}
        onChange={(event) => setDragging(Number(event.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output>{format(shown)}</output>
    </label>
  );
}
