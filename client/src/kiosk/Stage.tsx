import type { CSSProperties } from 'react';
import type { ConferenceLook, KioskView, PaneContent, ResolvedPane } from '@diemcau/shared';
import type { RemoteStream } from '../media/MediaSession';
import { VideoTrack } from '../ui/MediaTrackView';
import { t } from './kioskText';

interface StageProps {
  conference: KioskView;
  remotes: readonly RemoteStream[];
  local: MediaStream | undefined;
  sharedScreen: MediaStreamTrack | undefined;
}

const percent = (fraction: number) => `${fraction * 100}%`;

/**
 * The picture the chair operator composed, drawn the same in every room
 * (Art. 5.3): panes placed by fractions of a 16:9 stage over the backdrop.
 */
export function Stage({ conference, remotes, local, sharedScreen }: StageProps) {
  /** A pane shows the room's own camera, a site's camera, or the content: one stream a site sends as 'screen'. */
  const trackFor = (content: Content): MediaStreamTrack | undefined => {
    if (content.kind === 'self') return local?.getVideoTracks()[0];
    if (content.kind === 'content' && sharedScreen) return sharedScreen;
    const source = content.kind === 'site' ? 'camera' : 'screen';
    return remotes.find((remote) => remote.kind === 'video' && remote.source === source && (content.kind !== 'site' || remote.siteCode === content.siteCode))
      ?.track;
  };
  const keys = paneKeys(conference.panes);
  return (
    <div className="kiosk-stage-area">
      <main className="kiosk-stage" data-template={conference.template}>
        {conference.panes.map(
          ({ content, ...pane }, index) =>
            content && <Pane key={keys[index]} index={index} pane={pane} content={content} look={conference.look} track={trackFor(content)} />,
        )}
      </main>
    </div>
  );
}

/**
 * Panes are keyed by what they show, not where: a site that moves to another
 * pane keeps its video element and goes on playing, with no black frame while
 * a new element attaches its stream.
 */
function paneKeys(panes: readonly ResolvedPane[]): string[] {
  const seen = new Map<string, number>();
  return panes.map(({ content }) => {
    const shows = content === null ? 'empty' : content.kind === 'content' ? 'content' : `site:${content.siteCode}`;
    const count = (seen.get(shows) ?? 0) + 1;
    seen.set(shows, count);
    return `${shows}#${count}`;
  });
}

type Content = NonNullable<PaneContent>;

interface PaneProps {
  index: number;
  pane: Omit<ResolvedPane, 'content'>;
  content: Content;
  look: ConferenceLook;
  track: MediaStreamTrack | undefined;
}

function Pane({ index, pane, content, look, track }: PaneProps) {
  const offline = content.kind === 'site' && !content.online;
  const caption = content.kind === 'content' ? t('kiosk.contentBy', { presenter: content.presenter }) : content.name;
  const position: CSSProperties = { left: percent(pane.x), top: percent(pane.y), width: percent(pane.w), height: percent(pane.h) };
  return (
    <figure
      className={content.kind === 'site' ? 'kiosk-pane kiosk-tile' : 'kiosk-pane'}
      style={position}
      data-pane-index={index}
      data-pane-kind={content.kind}
      data-site-code={content.kind === 'content' ? undefined : content.siteCode}
      data-layer={pane.layer}
    >
      {offline ? <p className="kiosk-offline">{t('kiosk.siteOffline')}</p> : track && <VideoTrack track={track} mirrored={content.kind === 'self'} />}
      {look.showCaptions && <figcaption style={{ color: look.captionColor, background: look.captionBackground }}>{caption}</figcaption>}
    </figure>
  );
}
