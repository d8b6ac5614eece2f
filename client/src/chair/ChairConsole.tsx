import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConferenceState } from '@diemcau/shared';
import { api } from '../app/api';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { sessions } from '../app/session';
import { ErrorNotice, Notice } from '../ui/Notice';
import { useResource } from '../ui/useResource';
import { ChairController, type ChairConnection, type ChairView } from './ChairController';
import { FloorPanel } from './floor/FloorPanel';
import { PresenterPanel } from './floor/PresenterPanel';
import { LayoutEditor } from './layout/LayoutEditor';
import { LookPanel } from './layout/LookPanel';
import { VoiceActivationPanel } from './layout/VoiceActivationPanel';
import { ScanPanel } from './scan/ScanPanel';
import { listSites, type SiteQuery } from './sites/siteList';
import { SiteList } from './sites/SiteList';
import { ThumbnailWall } from './sites/ThumbnailWall';
import { RollCall } from './rollcall/RollCall';
import { useCommand, type Send } from './useCommand';
import { logRejection } from '../ui/logRejection';

/**
 * The console attached to one live meeting: the list of rooms on the left, their thumbnails and the layout in
 * the centre, floor, scanning and content on the right.
 */
export function ChairConsole({ meetingId, onLeave }: { meetingId: string; onLeave: () => void }) {
  const { t } = useTranslation();
  const controller = useMemo(
    // Any API call refreshes an expiring session; reading the meeting is the cheapest.
    () =>
      new ChairController(
        meetingId,
        () => sessions.current?.accessToken ?? '',
        () => api.meetings.get(meetingId),
      ),
    [meetingId],
  );
  useEffect(() => {
    window.diemcauChair = controller;
    controller.start();
    return () => controller.stop();
  }, [controller]);
  const view = useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controller.view,
  );
  const meeting = useResource(() => api.meetings.get(meetingId), [meetingId]);
  const command = useCommand(controller);
  const { conference } = view;

  return (
    <div className="chair" data-connection={view.connection.phase}>
      <header className="chair-header">
        <div className="chair-title">
          <span className="chair-role">{t('chair.title')}</span>
          <span className="chair-meeting">{meeting.data?.title ?? ''}</span>
        </div>
        <ConnectionState connection={view.connection} />
        <LanguageSwitch />
        <button type="button" className="btn btn-small chair-header-button" onClick={onLeave}>
          {t('chair.otherMeeting')}
        </button>
        <button type="button" className="btn btn-small chair-header-button" onClick={() => void api.logout().catch(logRejection)}>
          {t('app.logout')}
        </button>
      </header>
      {command.error !== undefined && (
        <div className="chair-problem">
          <ErrorNotice error={command.error} />
          <button type="button" className="btn btn-small" onClick={command.clear}>
            {t('common.close')}
          </button>
        </div>
      )}
      {view.connection.phase === 'refused' ? (
        <main className="chair-message">
          {view.connection.code === 'not-in-meeting' ? <Notice tone="warning">{t('chair.meetingNotLive')}</Notice> : <ErrorNotice error={view.connection} />}
          <button type="button" className="btn" onClick={onLeave}>
            {t('chair.otherMeeting')}
          </button>
        </main>
      ) : conference ? (
        <ConsoleColumns conference={conference} view={view} controller={controller} send={command.send} />
      ) : (
        <main className="chair-message">
          <p>{t('chair.attaching')}</p>
        </main>
      )}
    </div>
  );
}

interface ColumnsProps {
  conference: ConferenceState;
  view: ChairView;
  controller: ChairController;
  send: Send;
}

function ConsoleColumns({ conference, view, controller, send }: ColumnsProps) {
  const [toMainPane, setToMainPane] = useState(true);
  const [query, setQuery] = useState<SiteQuery>({ search: '', filter: 'all' });
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const { remotes, meters } = view;
  const videoOf = useCallback(
    (source: 'camera' | 'screen', siteCode?: string) =>
      remotes.find((remote) => remote.kind === 'video' && remote.source === source && (siteCode === undefined || remote.siteCode === siteCode))?.track,
    [remotes],
  );
  const cameraOf = useCallback((siteCode: string) => videoOf('camera', siteCode), [videoOf]);
  // The wall shows the online rooms the list shows, in its order: searching or filtering narrows both.
  const onWall = useMemo(() => listSites(conference, meters, query).filter((site) => site.online), [conference, meters, query]);
  const watch = useCallback((siteCodes: string[]) => controller.watch(siteCodes), [controller]);
  return (
    <div className="chair-columns">
      <SiteList
        conference={conference}
        meters={meters}
        query={query}
        onQueryChange={setQuery}
        selection={selection}
        onSelectionChange={setSelection}
        toMainPane={toMainPane}
        send={send}
      />
      <div className="chair-centre">
        <ThumbnailWall sites={onWall} videoOf={cameraOf} onVisibleChange={watch} />
        <LayoutEditor conference={conference} send={send} />
        <VoiceActivationPanel conference={conference} send={send} />
        <LookPanel conference={conference} send={send} />
      </div>
      <div className="chair-side">
        <RollCall conference={conference} />
        <FloorPanel conference={conference} toMainPane={toMainPane} onToMainPaneChange={setToMainPane} send={send} />
        <ScanPanel conference={conference} selection={selection} send={send} />
        <PresenterPanel
          conference={conference}
          sharing={view.sharedScreen !== undefined}
          content={view.sharedScreen ?? videoOf('screen')}
          controller={controller}
          send={send}
        />
      </div>
    </div>
  );
}

function ConnectionState({ connection }: { connection: ChairConnection }) {
  const { t } = useTranslation();
  if (connection.phase === 'live') return <span className="chair-connection chair-connection-live">{t('chair.connection.live')}</span>;
  if (connection.phase === 'refused') return null;
  return (
    <Notice tone="warning">
      <span>{t(`chair.connection.${connection.phase}`)}</span>
    </Notice>
  );
}
