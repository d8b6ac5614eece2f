import { useState } from 'react';

interface LevelSliderProps {
  label: string;
  name: string;
  value: number;
  max: number;
  step: number;
  /** Called once the operator lets go, not on every step of the drag. */
  onCommit: (value: number) => void;
}

/** A level in per cent, sent when released so the bridge is not flooded while dragging. */
export function LevelSlider({ label, name, value, max, step, onCommit }: LevelSliderProps) {
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
        min={0}
        max={max}
        step={step}
        value={shown}
        onChange={(event) => setDragging(Number(event.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output>{Math.round(shown * 100)}%</output>
    </label>
  );
}
