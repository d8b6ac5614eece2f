import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConferenceState } from '@diemcau/shared';
import { Check } from '../../ui/Field';
import type { Send } from '../useCommand';

/** Voice activation: the active speaker takes the main pane, unless the chair is pinned there. */
export const VoiceActivationPanel = memo(function VoiceActivationPanel({ conference, send }: { conference: ConferenceState; send: Send }) {
  const { t } = useTranslation();
  const { voice } = conference;
  const speaker = conference.sites.find((site) => site.siteCode === conference.activeSpeaker);
  return (
    <section className="chair-panel" aria-labelledby="voice-heading">
      <h2 id="voice-heading">{t('chair.voice.heading')}</h2>
      <Check name="voice-enabled" checked={voice.enabled} onChange={(enabled) => void send('chair:setVoice', { ...voice, enabled })}>
        {t('chair.voice.enabled')}
      </Check>
      <Check name="voice-pin-chair" checked={voice.pinChair} onChange={(pinChair) => void send('chair:setVoice', { ...voice, pinChair })}>
        {t('chair.voice.pinChair')}
      </Check>
      <p className="muted">{speaker ? t('chair.voice.speaking', { name: speaker.name }) : t('chair.voice.nobodySpeaking')}</p>
    </section>
  );
});
