import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConferenceLook, ConferenceState } from '@diemcau/shared';
import { Check } from '../../ui/Field';
import type { Send } from '../useCommand';
import { logRejection } from '../../ui/logRejection';

/**
 * Captions and backdrop, the same in every room (Art. 5.3). Colour pickers
 * change continuously, so the choice is sent with one button.
 */
export const LookPanel = memo(function LookPanel({ conference, send }: { conference: ConferenceState; send: Send }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ConferenceLook | null>(null);
  const look = draft ?? conference.look;
  const edit = (change: Partial<ConferenceLook>) => setDraft({ ...look, ...change });
  const apply = async () => {
    if (await send('chair:setLook', look)) setDraft(null);
  };
  return (
    <section className="chair-panel look-panel" aria-labelledby="look-heading">
      <h2 id="look-heading">{t('chair.look.heading')}</h2>
      <Check name="show-captions" checked={look.showCaptions} onChange={(showCaptions) => edit({ showCaptions })}>
        {t('chair.look.showCaptions')}
      </Check>
      <div className="look-colours">
        <ColourField label={t('chair.look.backdrop')} name="backdrop" value={look.backdrop} onChange={(backdrop) => edit({ backdrop })} />
        <ColourField label={t('chair.look.captionColor')} name="caption-color" value={look.captionColor} onChange={(captionColor) => edit({ captionColor })} />
        <ColourField
          label={t('chair.look.captionBackground')}
          name="caption-background"
          value={look.captionBackground}
          onChange={(captionBackground) => edit({ captionBackground })}
        />
      </div>
      <p className="look-sample" style={{ background: look.backdrop }}>
        <span style={{ color: look.captionColor, background: look.captionBackground }}>{t('chair.look.sample')}</span>
      </p>
      <div className="actions">
        <button type="button" className="btn btn-primary" data-action="apply-look" disabled={draft === null} onClick={() => void apply().catch(logRejection)}>
          {t('chair.look.apply')}
        </button>
        {draft && (
          <button type="button" className="btn" onClick={() => setDraft(null)}>
            {t('chair.layout.discard')}
          </button>
        )}
      </div>
    </section>
  );
});

function ColourField({ label, name, value, onChange }: { label: string; name: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="colour-field">
      <input type="color" name={name} value={value} onChange={(event) => onChange(event.target.value)} />
      <span>{label}</span>
    </label>
  );
}
