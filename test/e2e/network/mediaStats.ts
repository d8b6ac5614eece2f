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
