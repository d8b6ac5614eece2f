import type { Page } from 'playwright-core';

declare global {
  interface Window {
    peerConnections?: RTCPeerConnection[];
  }
}

/** Keeps every RTCPeerConnection the page makes, so the test reads the browser's own WebRTC statistics. */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    window.peerConnections = [];
    window.RTCPeerConnection = class extends Original {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        window.peerConnections!.push(this);
      }
    };
  });
}

export interface VideoStats {
  framesDecoded: number;
  /** NACKs this browser sent for what it receives, and keyframe requests (PLI). */
  nacksSent: number;
  plisSent: number;
  /** NACKs the bridge sent for what this browser sends, and the packets it resent (RTX). */
  nacksReceived: number;
  retransmittedPackets: number;
}

/** Video totals over every connection of the page, from getStats(). */
export function videoStats(page: Page): Promise<VideoStats> {
  return page.evaluate(async () => {
    const totals = { framesDecoded: 0, nacksSent: 0, plisSent: 0, nacksReceived: 0, retransmittedPackets: 0 };
    for (const connection of window.peerConnections ?? []) {
      if (connection.connectionState === 'closed') continue;
      for (const stat of (await connection.getStats()).values()) {
        if (stat.kind !== 'video') continue;
        if (stat.type === 'inbound-rtp') {
          totals.framesDecoded += stat.framesDecoded ?? 0;
          totals.nacksSent += stat.nackCount ?? 0;
          totals.plisSent += stat.pliCount ?? 0;
        } else if (stat.type === 'outbound-rtp') {
          totals.nacksReceived += stat.nackCount ?? 0;
          totals.retransmittedPackets += stat.retransmittedPacketsSent ?? 0;
        }
      }
    }
    return totals;
  });
}

export interface FrameWatch {
  /** Longest time without a newly decoded frame, ms. */
  longestStallMs: number;
  /** Stalls longer than one second. */
  stallsOverOneSecond: number;
  frames: number;
}

/**
 * Samples the decoded-frame count every 200 ms for `durationMs`: a stall is a time with no new frame. Bounded by
 * its duration.
 */
export async function watchFrames(page: Page, durationMs: number): Promise<FrameWatch> {
  const start = Date.now();
  const first = (await videoStats(page)).framesDecoded;
  let last = first;
  let lastChange = Date.now();
  let longestStallMs = 0;
  let stallsOverOneSecond = 0;
  let inStall = false;
  while (Date.now() - start < durationMs) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const frames = (await videoStats(page)).framesDecoded;
    const now = Date.now();
    if (frames > last) {
      last = frames;
      lastChange = now;
      inStall = false;
    } else {
      longestStallMs = Math.max(longestStallMs, now - lastChange);
      if (!inStall && now - lastChange > 1_000) {
        stallsOverOneSecond += 1;
        inStall = true;
      }
    }
  }
  return { longestStallMs: Math.max(longestStallMs, Date.now() - lastChange), stallsOverOneSecond, frames: last - first };
}

/** Waits until the page decodes a new video frame; the time it took, ms. Bounded by `timeoutMs`. */
export async function timeToNewFrame(page: Page, timeoutMs: number): Promise<number> {
  const start = Date.now();
  const before = (await videoStats(page)).framesDecoded;
  while (Date.now() - start < timeoutMs) {
    if ((await videoStats(page)).framesDecoded > before) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no new video frame within ${timeoutMs} ms`);
}

/** How each of the page's connections reaches the bridge: 'udp' or 'tcp' direct, or 'relay/<protocol>' through TURN. */
export function connectionPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const connection of window.peerConnections ?? []) {
      if (connection.connectionState !== 'connected') continue;
      const stats = [...(await connection.getStats()).values()];
      const transport = stats.find((stat) => stat.type === 'transport' && stat.selectedCandidatePairId);
      const pair = stats.find((stat) => stat.id === transport?.selectedCandidatePairId);
      const local = stats.find((stat) => stat.id === pair?.localCandidateId);
      if (local) paths.push(local.candidateType === 'relay' ? `relay/${local.relayProtocol}` : local.protocol);
    }
    return paths;
  });
}

/** One sample of one tile (a remote site's camera) as the receiving page decodes it. */
export interface TileSample {
  at: number;
  frames: number;
  keyFrames: number;
  /** Keyframe requests (PLI) and NACKs this page sent for the tile. */
  plis: number;
  nacks: number;
  width: number;
  packets: number;
  lost: number;
  /** Frames received complete, and dropped before decoding. */
  framesReceived: number;
  framesDropped: number;
}

/** One sample of what a page sends, per simulcast layer (by rid). */
export interface SentSample {
  at: number;
  layers: Record<string, { frames: number; keyFrames: number; plis: number; nacks: number; resent: number; width: number; limitation: string }>;
  /** The browser's own estimate of its uplink, bit/s. */
  availableOutgoingBitrate: number;
}

export interface Recording {
  tiles: Record<string, TileSample[]>;
  sent: SentSample[];
}

declare global {
  interface Window {
    mediaRecording?: { recording: Recording; timer: ReturnType<typeof setInterval> };
  }
}

/**
 * Starts recording, inside the page, every `intervalMs`: each remote camera's decoded frames, keyframes and
 * requests (by site, from the kiosk's own list of remote streams), and what the page sends per layer.
 * Sampling in the page needs no round trip per sample; stopRecording() stops it and returns the timeline.
 */
export async function startRecording(page: Page, intervalMs = 100): Promise<void> {
  await page.evaluate((interval) => {
    const recording: Recording = { tiles: {}, sent: [] };
    let busy = false;
    // An unnamed callback: tsx would wrap a named one in a helper the page does not have. It catches its own
    // failures, so the promise setInterval drops never rejects.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    const timer = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        const at = Date.now();
        const view = window.diemcauKiosk?.view;
        const siteOfTrack = new Map(
          (view?.phase === 'live' ? view.remotes : []).filter((remote) => remote.source === 'camera').map((remote) => [remote.track.id, remote.siteCode]),
        );
        const sent: SentSample = { at, layers: {}, availableOutgoingBitrate: 0 };
        for (const connection of window.peerConnections ?? []) {
          if (connection.connectionState === 'closed') continue;
          for (const stat of (await connection.getStats()).values()) {
            if (stat.type === 'candidate-pair' && stat.nominated && stat.availableOutgoingBitrate)
              sent.availableOutgoingBitrate = Math.max(sent.availableOutgoingBitrate, stat.availableOutgoingBitrate);
            if (stat.kind !== 'video') continue;
            if (stat.type === 'inbound-rtp') {
              const site = siteOfTrack.get(stat.trackIdentifier);
              if (!site) continue;
              (recording.tiles[site] ??= []).push({
                at,
                frames: stat.framesDecoded ?? 0,
                keyFrames: stat.keyFramesDecoded ?? 0,
                plis: stat.pliCount ?? 0,
                nacks: stat.nackCount ?? 0,
                width: stat.frameWidth ?? 0,
                packets: stat.packetsReceived ?? 0,
                lost: stat.packetsLost ?? 0,
                framesReceived: stat.framesReceived ?? 0,
                framesDropped: stat.framesDropped ?? 0,
              });
            } else if (stat.type === 'outbound-rtp' && stat.rid) {
              sent.layers[stat.rid] = {
                frames: stat.framesEncoded ?? 0,
                keyFrames: stat.keyFramesEncoded ?? 0,
                plis: stat.pliCount ?? 0,
                nacks: stat.nackCount ?? 0,
                resent: stat.retransmittedPacketsSent ?? 0,
                width: stat.frameWidth ?? 0,
                limitation: stat.qualityLimitationReason ?? '',
              };
            }
          }
        }
        if (Object.keys(sent.layers).length > 0) recording.sent.push(sent);
      } catch (error) {
        console.warn('a media recording sample failed', error);
      } finally {
        busy = false;
      }
    }, interval);
    window.mediaRecording = { recording, timer };
  }, intervalMs);
}

export function stopRecording(page: Page): Promise<Recording> {
  return page.evaluate(() => {
    const { recording, timer } = window.mediaRecording!;
    clearInterval(timer);
    return recording;
  });
}

/** A time a tile showed no new frame for over a second, and how it ended. */
export interface Freeze {
  /** From the start of the recording, ms. */
  startMs: number;
  durationMs: number;
  /** Keyframe requests the receiving page sent during it. */
  plis: number;
  /** It ended on a decoded keyframe (false: still frozen at the end of the recording, or ended on a delta frame). */
  endedOnKeyFrame: boolean;
  /** The receiver's first keyframe request came this long after the last frame, ms (null: none). */
  firstPliAfterMs: number | null;
  /** What still arrived meanwhile: RTP packets, complete frames, NACKs sent. */
  packets: number;
  framesReceived: number;
  nacks: number;
  width: number;
}

export interface TileFigures {
  frames: number;
  freezes: Freeze[];
  longestStallMs: number;
  perMinute: number;
}

/** Freezes over one second in a tile's timeline: gaps between samples that saw a new decoded frame. */
export function tileFigures(samples: readonly TileSample[]): TileFigures {
  const freezes: Freeze[] = [];
  const first = samples[0];
  const end = samples[samples.length - 1];
  if (!first || !end || end === first) return { frames: 0, freezes, longestStallMs: Infinity, perMinute: Infinity };
  let longestStallMs = 0;
  let last = first;
  const close = (until: TileSample, ended: boolean) => {
    const durationMs = until.at - last.at;
    longestStallMs = Math.max(longestStallMs, durationMs);
    if (durationMs <= 1_000) return;
    const firstPli = samples.find((candidate) => candidate.at > last.at && candidate.at <= until.at && candidate.plis > last.plis);
    freezes.push({
      startMs: last.at - first.at,
      durationMs,
      plis: until.plis - last.plis,
      endedOnKeyFrame: ended && until.keyFrames > last.keyFrames,
      firstPliAfterMs: firstPli ? firstPli.at - last.at : null,
      packets: until.packets - last.packets,
      framesReceived: until.framesReceived - last.framesReceived,
      nacks: until.nacks - last.nacks,
      width: last.width,
    });
  };
  for (const sample of samples) {
    if (sample.frames <= last.frames) continue;
    close(sample, true);
    last = sample;
  }
  if (end.at > last.at) close(end, false);
  return { frames: end.frames - first.frames, freezes, longestStallMs, perMinute: freezes.length / ((end.at - first.at) / 60_000) };
}
