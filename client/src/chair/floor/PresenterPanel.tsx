import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConferenceState, Presenter } from '@diemcau/shared';
import { useAction } from '../../ui/useAction';
import { Notice } from '../../ui/Notice';
import { VideoTrack } from '../../ui/MediaTrackView';
import type { ChairController } from '../ChairController';
import type { Send } from '../useCommand';
import { logRejection } from '../../ui/logRejection';

interface PresenterPanelProps {
  conference: ConferenceState;
  /** Whether the console itself shares its screen. */
  sharing: boolean;
  /** The content being shared, by the console or a room, for a preview. */
  content: MediaStreamTrack | undefined;
  controller: ChairController;
  send: Send;
}

/** The content token: one presenter at a time, the console or a room it names, and taking it back. */
export const PresenterPanel = memo(function PresenterPanel({ conference, sharing, content, controller, send }: PresenterPanelProps) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<string>('console');
  const share = useAction();
  const { presenter } = conference;
  const presenterName =
    presenter === 'console' ? t('chair.presenter.console') : (conference.sites.find((site) => site.siteCode === presenter)?.name ?? presenter);
  const give = (next: Presenter) => void send('chair:setPresenter', { presenter: next }).catch(logRejection);
  return (
    <section className="chair-panel presenter-panel" aria-labelledby="presenter-heading">
      <h2 id="presenter-heading">{t('chair.presenter.heading')}</h2>
      <p data-presenter={presenter ?? ''}>{presenter ? t('chair.presenter.holder', { name: presenterName }) : t('chair.presenter.nobody')}</p>
      <div className="presenter-give">
        <select name="presenter" value={choice} onChange={(event) => setChoice(event.target.value)} aria-label={t('chair.presenter.choose')}>
          <option value="console">{t('chair.presenter.console')}</option>
          {conference.sites
            .filter((site) => site.online)
            .map((site) => (
              <option key={site.siteCode} value={site.siteCode}>
                {site.name}
              </option>
            ))}
        </select>
        <button type="button" className="btn" data-action="give-presenter" onClick={() => give(choice)}>
          {t('chair.presenter.give')}
        </button>
      </div>
      {presenter && (
        <button type="button" className="btn btn-danger" data-action="take-presenter" onClick={() => give(null)}>
          {t('chair.presenter.takeBack')}
        </button>
      )}
      {presenter === 'console' && (
        <button
          type="button"
          className="btn btn-primary btn-block"
          data-action="share-screen"
          onClick={() => void share.run(() => (sharing ? controller.stopScreen() : controller.shareScreen())).catch(logRejection)}
        >
          {sharing ? t('chair.presenter.stopSharing') : t('chair.presenter.share')}
        </button>
      )}
      {share.error !== undefined && <Notice tone="error">{t('chair.presenter.shareFailed')}</Notice>}
      {content && (
        <div className="presenter-preview">
          <VideoTrack track={content} />
        </div>
      )}
      <p className="muted">{t('chair.presenter.hint')}</p>
    </section>
  );
});
