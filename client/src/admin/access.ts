import type { UserView } from '@diemcau/shared';
import { can } from '../app/permissions';

/** Who may open each administration screen; the same rules decide which buttons show inside. */
export const mayManageDirectory = (user: UserView) => can(user, 'directory:manage');

/** Art. 12.2: admins keep every site's on-duty list; technicians keep their own site's. */
export const mayEditContacts = (user: UserView, siteId: number) => can(user, 'directory:manage') || can(user, 'site:check', { siteId });

export const mayOpenSites = (user: UserView) => mayManageDirectory(user) || can(user, 'site:check', { siteId: user.siteId ?? undefined });
export const mayManageUsers = (user: UserView) => can(user, 'users:manage');
export const mayManageKiosks = (user: UserView) => can(user, 'kiosk:manage');
export const mayManageCalendar = (user: UserView) => can(user, 'calendar:manage');
export const mayReadAudit = (user: UserView) => can(user, 'audit:read');
