import { CheckSession, type LoopedTracks, type PathStats } from '../../media/CheckSession';
import { MediaSession, newDevice, type IcePolicy, type IceProtocol } from '../../media/MediaSession';
import { request, type SignalingSocket } from '../../media/signaling';
import { linkSnapshot, loopbackFigures, mediaPathOf, type LoopbackFigures } from './linkStats';

/** A kiosk gets connected in a second or two; a path still not connected after this is blocked. */
const ICE_TIMEOUT_MS = 8_000;
const CONSUMER_TIMEOUT_MS = 10_000;
/** The sender's bandwidth estimate ramps up first; the figures are taken after it. */
const WARM_UP_MS = 2_000;
const LOOPBACK_MS = 5_000;
/**
 * The test picture may use this much more than the meeting needs: enough to show the line
 * carries the need, not so much that the check floods a thin line.
 */
const BITRATE_HEADROOM = 1.5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const snapshot = ({ sent, received }: PathStats) => linkSnapshot(sent, received, performance.now());

/**
 * The media side of a connection check, on the media layer's CheckSession: it opens ICE over one
 * protocol at a time, so a blocked UDP or TCP path shows up as such, and measures the loopback
 * from the browser's own WebRTC statistics.
 */
export class BridgePath {
  private readonly device = newDevice();

  constructor(private readonly socket: SignalingSocket) {}

  async load(): Promise<void> {
    await MediaSession.loadDevice(this.device, await request(this.socket, 'media:routerCapabilities', {}));
  }

  /** Whether a sending transport limited to these protocols gets connected while it sends the track. */
  async probe(protocols: IceProtocol[], track: MediaStreamTrack, ice: IcePolicy): Promise<boolean> {
    const session = new CheckSession(this.socket, this.device, { protocols, ice });
    try {
      return await session.probe(track, ICE_TIMEOUT_MS);
    } finally {
      session.close();
    }
  }

  /**
   * Sends the tracks through the bridge and receives them back for a few seconds, the picture
   * at up to what the meeting needs and a half. `onReturned` gets the picture that came back, to
   * show it. Undefined when nothing came back.
   */
  async loopback(
    protocols: IceProtocol[],
    ice: IcePolicy,
    tracks: LoopedTracks,
    requiredKbps: number,
    onReturned: (track: MediaStreamTrack) => void,
  ): Promise<LoopbackFigures | undefined> {
    const session = new CheckSession(this.socket, this.device, { protocols, ice });
    try {
      await session.join({ send: true });
      await session.sendTestPicture(tracks, requiredKbps * BITRATE_HEADROOM, requiredKbps);
      const picture = await session.returnedPicture(CONSUMER_TIMEOUT_MS);
      if (!picture) return undefined;
      onReturned(picture);
      if (!(await session.bothConnected(ICE_TIMEOUT_MS))) return undefined;
      await sleep(WARM_UP_MS);
      const before = snapshot(await session.pathStats());
      await sleep(LOOPBACK_MS);
      const stats = await session.pathStats();
      return loopbackFigures(before, snapshot(stats), requiredKbps, mediaPathOf(stats.sent));
    } finally {
      session.close();
    }
  }
}
