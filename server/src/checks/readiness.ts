import type { Verdict } from '@diemcau/shared';

export type SiteReadiness = 'ready' | 'ready-with-warnings' | 'failed' | 'stale' | 'missing';

/**
 * Where a site stands for a meeting (Art. 6.4): its latest check must have
 * passed (warnings allowed, and shown) and be recent enough to still describe
 * the room.
 */
export function siteReadiness(latest: { verdict: Verdict; runAt: Date } | undefined, now: Date, validMs: number): SiteReadiness {
  if (!latest) return 'missing';
  if (now.getTime() - latest.runAt.getTime() > validMs) return 'stale';
  if (latest.verdict === 'fail') return 'failed';
  return latest.verdict === 'warn' ? 'ready-with-warnings' : 'ready';
}

export const isReady = (readiness: SiteReadiness) => readiness === 'ready' || readiness === 'ready-with-warnings';
