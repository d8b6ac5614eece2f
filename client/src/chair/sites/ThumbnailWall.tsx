import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteControl } from '@diemcau/shared';
import { VideoTrack } from '../../ui/MediaTrackView';
import { dragProps } from '../layout/paneDrag';

interface ThumbnailWallProps {
  /** The online rooms the list shows, in its order. */
  sites: readonly SiteControl[];
  videoOf: (siteCode: string) => MediaStreamTrack | undefined;
  /** Told which thumbnails are on screen now, whenever that changes (scrolling, filtering). */
  onVisibleChange: (siteCodes: string[]) => void;
}

/**
 * A small picture of every online room, so the operator sees the rooms at a glance. The bridge sends only
 * the thumbnails actually on screen, at the lowest layer: scrolling the wall changes what it sends.
 */
export const ThumbnailWall = memo(function ThumbnailWall({ sites, videoOf, onVisibleChange }: ThumbnailWallProps) {
  const { t } = useTranslation();
  const observeThumb = useVisibleSites(sites, onVisibleChange);
  return (
    <section className="chair-panel thumb-panel" aria-labelledby="wall-heading">
      <h2 id="wall-heading">{t('chair.wall.heading', { count: sites.length })}</h2>
      {sites.length === 0 ? (
        <p className="muted">{t('chair.wall.empty')}</p>
      ) : (
        <div className="thumb-wall">
          {sites.map((site) => {
            const track = videoOf(site.siteCode);
            return (
              <figure
                key={site.siteCode}
                className="site-thumb"
                data-site-code={site.siteCode}
                ref={observeThumb}
                {...dragProps({ kind: 'site', siteCode: site.siteCode })}
              >
                {track && <VideoTrack track={track} />}
                {site.cameraOff && <span className="site-thumb-off">{t('chair.site.cameraOff')}</span>}
                <figcaption title={site.name}>
                  {site.handRaised && '✋ '}
                  {site.name}
                </figcaption>
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
});

/**
 * Follows which thumbnails intersect the screen (the wall's own scrolling and the column's), and reports
 * the set each time it changes. Returns the ref callback each thumbnail takes.
 */
function useVisibleSites(sites: readonly SiteControl[], onVisibleChange: (siteCodes: string[]) => void) {
  const [observer, setObserver] = useState<IntersectionObserver>();
  const visible = useRef(new Set<string>());
  const report = useRef(onVisibleChange);
  report.current = onVisibleChange;

  useEffect(() => {
    const seen = visible.current;
    const created = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const siteCode = (entry.target as HTMLElement).dataset.siteCode!;
          if (entry.isIntersecting) seen.add(siteCode);
          else seen.delete(siteCode);
        }
        report.current([...seen]);
      },
      // The implicit root (the viewport) counts every scrolling ancestor's clipping, the wall's included.
      { rootMargin: '0px' },
    );
    setObserver(created);
    return () => {
      created.disconnect();
      seen.clear();
      report.current([]);
    };
  }, []);

  // A room that left the list (filtered out, went offline) is no longer on screen.
  useEffect(() => {
    const listed = new Set(sites.map((site) => site.siteCode));
    const before = visible.current.size;
    for (const siteCode of visible.current) if (!listed.has(siteCode)) visible.current.delete(siteCode);
    if (visible.current.size !== before) report.current([...visible.current]);
  }, [sites]);

  // One callback per observer, so re-rendering (meters arrive four times a second) does not re-observe.
  return useCallback(
    (element: HTMLElement | null) => {
      if (!element || !observer) return;
      observer.observe(element);
      return () => observer.unobserve(element);
    },
    [observer],
  );
}
