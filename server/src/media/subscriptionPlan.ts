/** Simulcast layers a video consumer should forward: spatial 0–2 (size), temporal 0–2 (frame rate). */
export interface Layers {
  spatialLayer: number;
  temporalLayer: number;
}

/** What a peer should receive, by stream key (`site/source`): video with the layers its pane needs, audio with none. */
export type Wants = ReadonlyMap<string, Layers | null>;

/** A consumer the peer has now, as the plan sees it. */
export interface Subscription {
  paused: boolean;
  layers: Layers | null;
  /** When it was paused for being unwanted; it is closed once it has stayed unwanted for the linger time. */
  pausedAt: number | null;
}

export type SubscriptionStep =
  | { action: 'close'; key: string }
  | { action: 'pause'; key: string }
  | { action: 'relayer'; key: string; layers: Layers }
  | { action: 'resume'; key: string; layers: Layers | null }
  | { action: 'create'; key: string; layers: Layers | null };

export interface PlanInput {
  wants: Wants;
  /** Streams being sent in the room now. */
  available: ReadonlySet<string>;
  actual: ReadonlyMap<string, Subscription>;
  now: number;
  /**
   * An unwanted consumer is paused at once and closed only after this long, so voice activation or
   * a mute flicking back costs a resume, not a renegotiation.
   */
  lingerMs: number;
}

export interface Plan {
  steps: SubscriptionStep[];
  /** When a lingering consumer falls due for closing, if any. */
  recheckAt: number | null;
}

const sameLayers = (a: Layers | null, b: Layers | null) =>
  a === b || (a !== null && b !== null && a.spatialLayer === b.spatialLayer && a.temporalLayer === b.temporalLayer);

/**
 * The difference between what a peer should receive and what it has, as the fewest steps: what
 * is no longer wanted is paused (then closed after lingering) before anything new is sent, so a
 * thin line never carries both; a wanted consumer is only touched when its layers changed.
 */
export function planSubscriptions({ wants, available, actual, now, lingerMs }: PlanInput): Plan {
  const releases: SubscriptionStep[] = [];
  const updates: SubscriptionStep[] = [];
  const creates: SubscriptionStep[] = [];
  let recheckAt: number | null = null;
  for (const [key, subscription] of actual) {
    const wanted = wants.has(key) && available.has(key);
    if (wanted) continue;
    if (!subscription.paused) {
      releases.push({ action: 'pause', key });
      recheckAt = Math.min(recheckAt ?? Infinity, now + lingerMs);
    } else if (subscription.pausedAt !== null && now - subscription.pausedAt >= lingerMs) {
      releases.push({ action: 'close', key });
    } else {
      recheckAt = Math.min(recheckAt ?? Infinity, (subscription.pausedAt ?? now) + lingerMs);
    }
  }
  for (const [key, layers] of wants) {
    if (!available.has(key)) continue;
    const subscription = actual.get(key);
    if (!subscription) creates.push({ action: 'create', key, layers });
    else if (subscription.paused) updates.push({ action: 'resume', key, layers });
    else if (layers !== null && !sameLayers(layers, subscription.layers)) updates.push({ action: 'relayer', key, layers });
  }
  return { steps: [...releases, ...updates, ...creates], recheckAt };
}
