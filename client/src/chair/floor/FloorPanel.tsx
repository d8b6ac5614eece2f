import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConferenceState } from '@diemcau/shared';
import { Check } from '../../ui/Field';
import type { Send } from '../useCommand';
import { logRejection } from '../../ui/logRejection';

interface FloorPanelProps {
  conference: ConferenceState;
  toMainPane: boolean;
  onToMainPaneChange: (toMainPane: boolean) => void;
  send: Send;
}

/** Who may speak: the rooms that asked, in order, the one that has the floor, and muting everyone at once. */
export const FloorPanel = memo(function FloorPanel({ conference, toMainPane, onToMainPaneChange, send }: FloorPanelProps) {
  const { t } = useTranslation();
  const name = (siteCode: string) => conference.sites.find((site) => site.siteCode === siteCode)?.name ?? siteCode;
  const { queue, holder } = conference.floor;
  return (
    <section className="chair-panel floor-panel" aria-labelledby="floor-heading">
      <h2 id="floor-heading">{t('chair.floor.heading')}</h2>
      {holder ? (
        <div className="floor-holder" data-site-code={holder}>
          <span>{t('chair.floor.holder', { name: name(holder) })}</span>
          <button type="button" className="btn btn-small" data-action="revoke-floor" onClick={() => void send('chair:revokeFloor', {}).catch(logRejection)}>
            {t('chair.floor.revoke')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('chair.floor.nobody')}</p>
      )}
      <h3>{t('chair.floor.queue')}</h3>
      {queue.length === 0 ? (
        <p className="muted">{t('chair.floor.emptyQueue')}</p>
      ) : (
        <ol className="floor-queue">
          {queue.map((siteCode) => (
            <li key={siteCode} data-site-code={siteCode}>
              <span>{name(siteCode)}</span>
              <button
                type="button"
                className="btn btn-small btn-primary"
                data-action="grant-floor"
                onClick={() => void send('chair:grantFloor', { siteCode, toMainPane }).catch(logRejection)}
              >
                {t('chair.floor.grant')}
              </button>
            </li>
          ))}
        </ol>
      )}
      <Check name="to-main-pane" checked={toMainPane} onChange={onToMainPaneChange}>
        {t('chair.floor.toMainPane')}
      </Check>
      <button type="button" className="btn btn-danger btn-block" data-action="mute-all" onClick={() => void send('chair:muteAll', {}).catch(logRejection)}>
        {t('chair.floor.muteAll')}
      </button>
    </section>
  );
});
