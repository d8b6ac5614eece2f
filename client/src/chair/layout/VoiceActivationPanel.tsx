import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { speechLevelRange, type ConferenceState } from '@diemcau/shared';
import { Check } from '../../ui/Field';
import { LevelSlider } from '../sites/LevelSlider';
import type { Send } from '../useCommand';
import { logRejection } from '../../ui/logRejection';

/**
 * Voice activation: a room that has spoken for the hold time, loud enough, takes the main pane,
 * unless the chair is pinned there. The bridge keeps the settings with the conference.
 */
export const VoiceActivationPanel = memo(function VoiceActivationPanel({ conference, send }: { conference: ConferenceState; send: Send }) {
  const { t, i18n } = useTranslation();
  const { voice } = conference;
  const speaker = conference.sites.find((site) => site.siteCode === conference.activeSpeaker);
  return (
    <section className="chair-panel" aria-labelledby="voice-heading">
      <h2 id="voice-heading">{t('chair.voice.heading')}</h2>
      <Check name="voice-enabled" checked={voice.enabled} onChange={(enabled) => void send('chair:setVoice', { ...voice, enabled }).catch(logRejection)}>
        {t('chair.voice.enabled')}
      </Check>
      <Check name="voice-pin-chair" checked={voice.pinChair} onChange={(pinChair) => void send('chair:setVoice', { ...voice, pinChair }).catch(logRejection)}>
        {t('chair.voice.pinChair')}
      </Check>
      <LevelSlider
        label={t('chair.voice.hold')}
        name="voice-hold"
        value={voice.holdSeconds}
        min={1}
        max={10}
        step={0.5}
        format={(seconds) => t('chair.voice.seconds', { seconds: seconds.toLocaleString(i18n.language) })}
        onCommit={(holdSeconds) => void send('chair:setVoice', { ...voice, holdSeconds }).catch(logRejection)}
      />
      <LevelSlider
        label={t('chair.voice.minLevel')}
        name="voice-min-level"
        value={voice.minSpeechDb}
        min={speechLevelRange.min}
        max={speechLevelRange.max}
        step={1}
        format={(db) => t('chair.voice.decibels', { db })}
        onCommit={(minSpeechDb) => void send('chair:setVoice', { ...voice, minSpeechDb }).catch(logRejection)}
      />
      <p className="muted">{t('chair.voice.holdHint')}</p>
      <p className="muted">{speaker ? t('chair.voice.speaking', { name: speaker.name }) : t('chair.voice.nobodySpeaking')}</p>
    </section>
  );
});
