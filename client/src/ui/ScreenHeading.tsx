import type { ReactNode } from 'react';

/** A screen's title, a line saying what it is for, and its main buttons on the right. */
export function ScreenHeading({ title, intro, children }: { title: string; intro?: string; children?: ReactNode }) {
  return (
    <div className="screen-heading">
      <div>
        <h1>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
      </div>
      {children && <div className="actions">{children}</div>}
    </div>
  );
}
