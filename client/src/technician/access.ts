import type { UserView } from '@diemcau/shared';
import { can } from '../app/permissions';

/** Who may open each technician screen; the same rules decide which buttons show inside. */

/** A site technician checks their own site; a bridge technician any site. */
export const mayCheckSite = (user: UserView, siteId: number) => can(user, 'site:check', { siteId });
export const mayRunChecks = (user: UserView) => can(user, 'site:check', { siteId: user.siteId ?? undefined });

/** The Office decides when a meeting is prepared; the technicians prepare it (Art. 6.4, 7.1.a). */
export const mayPrepareMeetings = (user: UserView) => can(user, 'meeting:decide');
export const mayViewReadiness = (user: UserView) => mayPrepareMeetings(user) || mayRunChecks(user) || can(user, 'monitor:read');

export const mayMonitor = (user: UserView) => can(user, 'monitor:read');

export const mayReadIncidents = (user: UserView) => can(user, 'incident:read');
/** The server also keeps a site technician to their own site's incidents. */
export const mayHandleIncidents = (user: UserView) => can(user, 'incident:handle');
