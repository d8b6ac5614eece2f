import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './router';

/** An ordinary link that switches screens without reloading; a middle or ctrl-click still opens a new tab. */
export function Link({ to, className, children, current }: { to: string; className?: string; children: ReactNode; current?: boolean }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} className={className} onClick={onClick} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
