import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logRejection } from '../../ui/logRejection';

/** The link in a read-only box with a copy button; the box is selected too, for browsers without clipboard access. */
export function CopyableLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    box.current?.select();
    try {
      // The clipboard API exists only on https pages; a bridge on the province LAN is often plain http.
      if (navigator.clipboard) await navigator.clipboard.writeText(url);
      else document.execCommand('copy');
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="kiosk-link-box">
      <input ref={box} readOnly value={url} aria-label={t('kiosks.link')} data-testid="kiosk-url" onFocus={(event) => event.target.select()} />
      <button type="button" className="btn btn-small" onClick={() => void copy().catch(logRejection)}>
        {copied ? t('kiosks.copied') : t('kiosks.copy')}
      </button>
    </div>
  );
}
