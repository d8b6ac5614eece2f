import { useTranslation } from 'react-i18next';

/** Connection quality as four bars from the bridge's score (0–10), with a word for it. */
function qualityBars(score: number): number {
  if (score >= 8) return 4;
  if (score >= 6) return 3;
  if (score >= 3) return 2;
  return score > 0 ? 1 : 0;
}

const qualityWord = ['none', 'poor', 'fair', 'good', 'good'] as const;

export function SiteMeter({ audioLevel, score, online }: { audioLevel: number; score: number; online: boolean }) {
  const { t } = useTranslation();
  const bars = online ? qualityBars(score) : 0;
  return (
    <div className="site-meter">
      <div
        className="audio-level"
        role="meter"
        aria-label={t('chair.site.audioLevel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(audioLevel * 100)}
      >
        <span style={{ width: `${Math.round(audioLevel * 100)}%` }} />
      </div>
      <span className="quality" data-bars={bars} title={t('chair.site.quality', { score })}>
        {[1, 2, 3, 4].map((bar) => (
          <i key={bar} className={bar <= bars ? 'on' : undefined} />
        ))}
        <span>{t(`chair.site.qualityWord.${qualityWord[bars]}`)}</span>
      </span>
    </div>
  );
}
