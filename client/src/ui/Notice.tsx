import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './errorMessage';

export type Tone = 'info' | 'ok' | 'warning' | 'error';

export function Notice({ tone, title, children }: { tone: Tone; title?: string; children?: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="notice-title">{title}</p>}
      {children}
    </div>
  );
}

/** Any failure, in plain words for the reader; nothing when there is none. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === undefined || error === null) return null;
  return (
    <Notice tone="error">
      <p>{errorMessage(error, t)}</p>
    </Notice>
  );
}
