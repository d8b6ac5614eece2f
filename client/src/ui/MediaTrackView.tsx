import { useEffect, useRef } from 'react';

/** Plays one remote or local track. Video is muted (sound goes through its own audio element). */
export function VideoTrack({ track, mirrored = false }: { track: MediaStreamTrack; mirrored?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = new MediaStream([track]);
    void element.play().catch(() => undefined);
    return () => {
      element.srcObject = null;
    };
  }, [track]);
  return <video ref={ref} autoPlay playsInline muted style={{ transform: mirrored ? 'scaleX(-1)' : undefined }} />;
}
