import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckView } from '@diemcau/shared';
import { formatShortDateTime } from '../../i18n';
import { VideoTrack } from '../../ui/MediaTrackView';
import { ErrorNotice, Notice, type Tone } from '../../ui/Notice';
import '../../ui/ui.css';
import { currentAccessToken, renewAccess, technicianApi } from '../technicianApi';
import '../technician.css';
import { CheckItemsTable } from './CheckItemsTable';
import { ConnectivityCheck, type CheckPhase, type CheckState, type CheckStep } from './ConnectivityCheck';
import { judgedSoFar } from './judgedSoFar';
import { logRejection } from '../../ui/logRejection';

export interface CheckedSite {
  id: number;
  code: string;
  name: string;
}

interface CheckRunnerProps {
  site: CheckedSite;
  /** The meeting the check prepares, stored with it; null for a check outside any meeting. */
  meetingId: string | null;
  /** Forces the UDP probe through relays only, which fails without a TURN relay (tests, demonstrations). */
  forceUdpRelay?: boolean;
  onStored?: (check: CheckView) => void;
}

const STEPS: readonly CheckStep[] = ['connecting', 'signaling', 'devices', 'ice', 'loopback', 'speaker', 'saving'];
const noChecks = () => () => undefined;

/**
 * The "Run check" panel for one site: runs a connectivity check in this browser, shows each
 * measurement's verdict as soon as it is known, asks whether the test tone was heard, and shows
 * the result the bridge stored. Usable on the technician page and in a kiosk's technician mode.
 */
export function CheckRunner({ site, meetingId, forceUdpRelay = false, onStored }: CheckRunnerProps) {
  const { t } = useTranslation();
  const [check, setCheck] = useState<ConnectivityCheck>();
  const state = useSyncExternalStore(check?.subscribe ?? noChecks, () => check?.state);
  useEffect(() => () => check?.close(), [check]);

  const start = () => {
    const next = new ConnectivityCheck({
      siteCode: site.code,
      accessToken: currentAccessToken,
      renewAccess,
      submit: (measurements) => technicianApi.checks.submit(site.id, meetingId, measurements),
      forceUdpRelay,
    });
    setCheck(next);
    void next
      .run()
      .then(() => {
        if (next.state.progress.phase === 'done') onStored?.(next.state.progress.result);
      })
      .catch(logRejection);
  };
  const busy = state?.progress.phase === 'running' || state?.progress.phase === 'asking';

  return (
    <section className="panel check-runner" aria-label={t('technician.check.title', { site: site.name })} data-site-code={site.code}>
      <div className="check-runner-head">
        <h2>{t('technician.check.title', { site: site.name })}</h2>
        <button type="button" className="btn btn-primary btn-large" disabled={busy} onClick={start}>
          {t(busy ? 'technician.check.running' : state ? 'technician.check.runAgain' : 'technician.check.run')}
        </button>
      </div>
      {!state && <p className="muted">{t('technician.check.intro')}</p>}
      {state && <CheckProgress state={state} onAnswer={(heard) => check?.answerSpeaker(heard)} onReplay={() => check?.replayTone()} />}
    </section>
  );
}

function CheckProgress({ state, onAnswer, onReplay }: { state: CheckState; onAnswer: (heard: boolean) => void; onReplay: () => void }) {
  const { t } = useTranslation();
  const { progress } = state;
  const judged = judgedSoFar(state.measured);
  return (
    <>
      <StepList progress={progress} />
      {(state.cameraPreview || state.returnedVideo) && (
        <div className="check-videos">
          {state.cameraPreview && (
            <figure data-video="camera">
              <ElementSlot element={state.cameraPreview} />
              <figcaption>{t('technician.check.localCamera')}</figcaption>
            </figure>
          )}
          {state.returnedVideo && (
            <figure data-video="returned">
              <VideoTrack track={state.returnedVideo} />
              <figcaption>{t('technician.check.returnedPicture')}</figcaption>
            </figure>
          )}
        </div>
      )}
      {progress.phase === 'asking' && <SpeakerQuestion onAnswer={onAnswer} onReplay={onReplay} />}
      {progress.phase === 'failed' && <ErrorNotice error={progress.error} />}
      {progress.phase === 'done' ? (
        <StoredResult result={progress.result} />
      ) : (
        judged.length > 0 && <CheckItemsTable items={judged} caption={t('technician.check.soFar')} />
      )}
    </>
  );
}

function StepList({ progress }: { progress: CheckPhase }) {
  const { t } = useTranslation();
  const current = progress.phase === 'running' || progress.phase === 'failed' ? progress.step : progress.phase === 'asking' ? 'speaker' : undefined;
  const currentIndex = current ? STEPS.indexOf(current) : STEPS.length;
  const statusAt = (index: number) => (index < currentIndex ? 'done' : index > currentIndex ? 'pending' : progress.phase === 'failed' ? 'failed' : 'current');
  return (
    <ol className="check-steps">
      {STEPS.map((step, index) => (
        <li key={step} data-step-status={statusAt(index)}>
          {t(`technician.check.steps.${step}`)}
        </li>
      ))}
    </ol>
  );
}

function SpeakerQuestion({ onAnswer, onReplay }: { onAnswer: (heard: boolean) => void; onReplay: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="speaker-question" role="group" aria-label={t('technician.check.heardQuestion')}>
      <p className="speaker-question-text">{t('technician.check.heardQuestion')}</p>
      <div className="actions">
        <button type="button" className="btn btn-primary btn-large" onClick={() => onAnswer(true)}>
          {t('technician.check.heardYes')}
        </button>
        <button type="button" className="btn btn-danger btn-large" onClick={() => onAnswer(false)}>
          {t('technician.check.heardNo')}
        </button>
        <button type="button" className="btn" onClick={onReplay}>
          {t('technician.check.replayTone')}
        </button>
      </div>
    </div>
  );
}

const toneOfVerdict = { pass: 'ok', warn: 'warning', fail: 'error', skipped: 'info' } as const satisfies Record<CheckView['verdict'], Tone>;

function StoredResult({ result }: { result: CheckView }) {
  const { t } = useTranslation();
  return (
    <div data-testid="check-result" data-verdict={result.verdict}>
      <Notice tone={toneOfVerdict[result.verdict]} title={t(`technician.check.overall.${result.verdict}`)}>
        <p>{t('technician.check.storedAt', { time: formatShortDateTime(result.runAt), by: result.runBy ?? '—' })}</p>
      </Notice>
      <CheckItemsTable items={result.items} caption={t('technician.check.result')} />
    </div>
  );
}

/** Shows an element made outside React (the camera preview the check measures). */
function ElementSlot({ element }: { element: HTMLElement }) {
  const attach = useCallback(
    (container: HTMLDivElement | null) => {
      if (!container) return;
      container.append(element);
      return () => element.remove();
    },
    [element],
  );
  return <div className="element-slot" ref={attach} />;
}
