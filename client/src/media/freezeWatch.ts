/** How a remote video is doing, from the browser's own statistics. */
export interface VideoProgress {
  framesDecoded: number;
  packetsReceived: number;
  /** NACKs this browser sent for the video. */
  nacksSent: number;
}

/** Packets arriving with no new frame decoded for this long: the picture is stuck waiting for a lost reference. */
export const STUCK_MS = 600;
/**
 * …while the browser keeps asking for a packet that does not come (it NACKs it every ~100 ms, so about 6 in
 * STUCK_MS): the bridge does not have it to resend. A picture late on the receiver's own thin or lossy line
 * sends a NACK or two a second, which the bridge answers; a keyframe would only load that line more (measured:
 * asking at 3 NACKs turned 0 freezes a minute on a lossy downlink into 11).
 */
export const STUCK_NACKS = 5;
/** A tile is asked for again only after this long, so a slow decoder on a loaded PC cannot cause a keyframe storm. */
export const REASK_MS = 2_000;

interface Tile {
  frames: number;
  packets: number;
  /** When a new frame was last decoded, or the tile first seen, and the NACKs sent by then. */
  progressAt: number;
  nacksAtProgress: number;
  askedAt: number;
}

/**
 * Finds the remote videos to ask a keyframe for. Chromium asks by itself only after 3 s without a decodable
 * frame; on a lossy line a picture whose reference frame never arrives whole froze that long each time
 * (issue 9). A tile whose packets keep arriving but whose frames have not advanced for STUCK_MS is asked for a
 * keyframe sooner, if the browser is meanwhile NACKing in vain. A tile receiving nothing (paused, or the line
 * cut) is not: a keyframe would not reach it.
 */
export class FreezeWatch {
  private readonly tiles = new Map<string, Tile>();

  /** Takes one sample per remote video (by consumer id); returns those that need a keyframe now. */
  update(samples: ReadonlyMap<string, VideoProgress>, now: number): string[] {
    for (const id of this.tiles.keys()) if (!samples.has(id)) this.tiles.delete(id);
    const stuck: string[] = [];
    for (const [id, sample] of samples) {
      const tile = this.tiles.get(id);
      if (!tile) {
        this.tiles.set(id, { frames: sample.framesDecoded, packets: sample.packetsReceived, progressAt: now, nacksAtProgress: sample.nacksSent, askedAt: -Infinity });
        continue;
      }
      const arriving = sample.packetsReceived > tile.packets;
      // With nothing arriving no frame is due either: the wait starts again when packets do.
      if (sample.framesDecoded > tile.frames || !arriving) {
        tile.progressAt = now;
        tile.nacksAtProgress = sample.nacksSent;
      }
      tile.frames = sample.framesDecoded;
      tile.packets = sample.packetsReceived;
      const waitingForLostPacket = sample.nacksSent - tile.nacksAtProgress >= STUCK_NACKS;
      if (arriving && waitingForLostPacket && now - tile.progressAt >= STUCK_MS && now - tile.askedAt >= REASK_MS) {
        tile.askedAt = now;
        stuck.push(id);
      }
    }
    return stuck;
  }
}
