import type { Role, UserView } from '@diemcau/shared';

export type Permission =
  | 'directory:read'
  | 'directory:manage'
  | 'users:manage'
  | 'kiosk:manage'
  | 'meeting:read'
  | 'meeting:request'
  | 'meeting:decide'
  | 'meeting:operate'
  | 'audit:read'
  | 'site:configure'
  | 'site:check';

/*
 * The same grants as server/src/auth/permissions.ts, so each screen shows only what the role may do.
 * The server decides; this only hides what would be refused. Keep the two in step.
 */
const grants: Record<Role, readonly Permission[]> = {
  admin: ['directory:read', 'directory:manage', 'users:manage', 'kiosk:manage', 'meeting:read', 'audit:read'],
  secretariat: ['directory:read', 'kiosk:manage', 'meeting:read', 'meeting:request', 'meeting:decide'],
  organizer: ['directory:read', 'meeting:read', 'meeting:request'],
  'chair-operator': ['directory:read', 'meeting:read', 'meeting:operate', 'site:configure'],
  'site-technician': ['directory:read', 'meeting:read', 'site:configure', 'site:check'],
  'bridge-technician': ['directory:read', 'meeting:read', 'site:configure', 'site:check'],
  auditor: ['directory:read', 'meeting:read', 'audit:read'],
};

const siteScoped: readonly Permission[] = ['site:configure', 'site:check'];

/** Whether the user may do this, for this site when the action concerns one (site technicians: only their own). */
export function can(user: UserView, permission: Permission, scope: { siteId?: number } = {}): boolean {
  if (!grants[user.role].includes(permission)) return false;
  if (user.role === 'site-technician' && siteScoped.includes(permission)) return scope.siteId !== undefined && scope.siteId === user.siteId;
  return true;
}
