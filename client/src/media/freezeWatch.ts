/** How a remote video is doing, from the browser's own statistics. */
export interface VideoProgress {
  framesDecoded: number;
  packetsReceived: number;
}

/** Packets arriving with no new frame decoded for this long: the picture is stuck waiting for a lost reference. */
export const STUCK_MS = 400;
/** A tile is asked for again only after this long, so a slow decoder on a loaded PC cannot cause a keyframe storm. */
export const REASK_MS = 2_000;

interface Tile {
  frames: number;
  packets: number;
  /** When a new frame was last decoded, or the tile first seen. */
  progressAt: number;
  askedAt: number;
}

/**
 * Finds the remote videos to ask a keyframe for. Chromium asks by itself only after 3 s without a decodable
 * frame. Measured at 5 % loss (issue 9, BENCHMARKS.md), pictures froze that long several times a minute while
 * their packets kept arriving at the full rate: the picture waited for a reference frame that was never going
 * to come whole (a packet the bridge could not resend, or a frame it dropped while changing layers), and only
 * a keyframe ended it. So a tile whose packets keep arriving but whose frames have not advanced for STUCK_MS is
 * asked a keyframe for. A tile receiving nothing (paused, or the line cut) is not: a keyframe would not reach it.
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
        this.tiles.set(id, { frames: sample.framesDecoded, packets: sample.packetsReceived, progressAt: now, askedAt: -Infinity });
        continue;
      }
      const arriving = sample.packetsReceived > tile.packets;
      // With nothing arriving no frame is due either: the wait starts again when packets do.
      if (sample.framesDecoded > tile.frames || !arriving) tile.progressAt = now;
      tile.frames = sample.framesDecoded;
      tile.packets = sample.packetsReceived;
      if (arriving && now - tile.progressAt >= STUCK_MS && now - tile.askedAt >= REASK_MS) {
        tile.askedAt = now;
        stuck.push(id);
      }
    }
    return stuck;
  }
}
