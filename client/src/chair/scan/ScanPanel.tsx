import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCAN_INTERVAL_SECONDS, templatePanes, type ConferenceState } from '@diemcau/shared';
import { Check, Field } from '../../ui/Field';
import type { Send } from '../useCommand';
import { logRejection } from '../../ui/logRejection';

const DEFAULT_INTERVAL_SECONDS = 10;

interface ScanPanelProps {
  conference: ConferenceState;
  /** The rooms selected in the list: the ones a new scan cycles through. */
  selection: ReadonlySet<string>;
  send: Send;
}

/**
 * Automatic scanning, as on a hardware MCU: chosen panes of the common layout show the selected rooms in
 * turn, every N seconds, the same in every room; the operator pauses, resumes or stops it.
 */
export const ScanPanel = memo(function ScanPanel({ conference, selection, send }: ScanPanelProps) {
  const { t } = useTranslation();
  const paneCount = templatePanes(conference.layout.template).length;
  const [panes, setPanes] = useState<number[]>([]);
  const [intervalSeconds, setIntervalSeconds] = useState(DEFAULT_INTERVAL_SECONDS);
  const chosenPanes = panes.filter((pane) => pane < paneCount);
  const siteCodes = conference.sites.map((site) => site.siteCode).filter((code) => selection.has(code));
  const intervalValid = Number.isInteger(intervalSeconds) && intervalSeconds >= SCAN_INTERVAL_SECONDS.min && intervalSeconds <= SCAN_INTERVAL_SECONDS.max;
  const { scan } = conference;
  const togglePane = (pane: number, on: boolean) =>
    setPanes(on ? [...chosenPanes, pane].sort((a, b) => a - b) : chosenPanes.filter((chosen) => chosen !== pane));

  return (
    <section className="chair-panel scan-panel" aria-labelledby="scan-heading">
      <h2 id="scan-heading">{t('chair.scan.heading')}</h2>
      {scan ? (
        <div className="scan-status" data-scan={scan.paused ? 'paused' : 'running'} role="status">
          <p>
            {t(scan.paused ? 'chair.scan.paused' : 'chair.scan.running', {
              count: scan.siteCodes.length,
              panes: scan.panes.map((pane) => pane + 1).join(', '),
              seconds: scan.intervalSeconds,
            })}
          </p>
          <div className="actions">
            <button
              type="button"
              className="btn"
              data-action="pause-scan"
              onClick={() => void send('chair:pauseScan', { paused: !scan.paused }).catch(logRejection)}
            >
              {scan.paused ? t('chair.scan.resume') : t('chair.scan.pause')}
            </button>
            <button type="button" className="btn" data-action="stop-scan" onClick={() => void send('chair:setScan', { scan: null }).catch(logRejection)}>
              {t('chair.scan.stop')}
            </button>
          </div>
        </div>
      ) : (
        <p className="muted">{t('chair.scan.off')}</p>
      )}
      <div className="scan-panes" role="group" aria-label={t('chair.scan.panes')}>
        <span className="field-label">{t('chair.scan.panes')}</span>
        {Array.from({ length: paneCount }, (_, pane) => (
          <Check key={pane} name={`scan-pane-${pane}`} checked={chosenPanes.includes(pane)} onChange={(on) => togglePane(pane, on)}>
            {pane + 1}
          </Check>
        ))}
      </div>
      <Field label={t('chair.scan.interval')} error={intervalValid ? undefined : t('chair.scan.intervalRange', SCAN_INTERVAL_SECONDS)}>
        <input
          type="number"
          name="scan-interval"
          min={SCAN_INTERVAL_SECONDS.min}
          max={SCAN_INTERVAL_SECONDS.max}
          value={Number.isNaN(intervalSeconds) ? '' : intervalSeconds}
          onChange={(event) => setIntervalSeconds(event.target.valueAsNumber)}
        />
      </Field>
      <button
        type="button"
        className="btn btn-primary btn-block"
        data-action="start-scan"
        disabled={chosenPanes.length === 0 || siteCodes.length === 0 || !intervalValid}
        onClick={() => void send('chair:setScan', { scan: { panes: chosenPanes, siteCodes, intervalSeconds } }).catch(logRejection)}
      >
        {t('chair.scan.start', { count: siteCodes.length })}
      </button>
      {siteCodes.length === 0 && <p className="muted">{t('chair.scan.selectHint')}</p>}
    </section>
  );
});
