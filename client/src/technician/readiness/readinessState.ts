import type { SiteReadiness } from '../technicianApi';

/** As the bridge rules: only a site whose latest check passed (warnings allowed) lets its meeting be marked prepared. */
export const isReady = (readiness: SiteReadiness) => readiness === 'ready' || readiness === 'ready-with-warnings';
