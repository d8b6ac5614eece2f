import type { Role } from '@diemcau/shared';

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
  /** Device and configuration changes at a site; during a live meeting only the chair and bridge may (Art. 7.2.d). */
  | 'site:configure'
  | 'site:check'
  | 'incident:read'
  /** Open, annotate and close incidents (scoped to its own site for a site technician). */
  | 'incident:handle'
  | 'monitor:read';

/** Who acts: a logged-in user. Kiosks are not principals; they carry site-bound links. */
export interface Principal {
  userId: number;
  username: string;
  role: Role;
  siteId: number | null;
  unitId: number | null;
}

const grants: Record<Role, readonly Permission[]> = {
  admin: ['directory:read', 'directory:manage', 'users:manage', 'kiosk:manage', 'meeting:read', 'audit:read', 'incident:read'],
  secretariat: ['directory:read', 'kiosk:manage', 'meeting:read', 'meeting:request', 'meeting:decide', 'incident:read', 'monitor:read'],
  organizer: ['directory:read', 'meeting:read', 'meeting:request'],
  'chair-operator': ['directory:read', 'meeting:read', 'meeting:operate', 'site:configure', 'incident:read', 'monitor:read'],
  'site-technician': ['directory:read', 'meeting:read', 'site:configure', 'site:check', 'incident:read', 'incident:handle'],
  'bridge-technician': ['directory:read', 'meeting:read', 'site:configure', 'site:check', 'incident:read', 'incident:handle', 'monitor:read'],
  auditor: ['directory:read', 'meeting:read', 'audit:read', 'incident:read'],
};

/** Permissions a site technician holds only for the site it is bound to. */
const siteScoped: readonly Permission[] = ['site:configure', 'site:check'];

/**
 * Whether the principal may do this, for this site when the action concerns one.
 * A site technician's site-bound permissions need the site named and equal to its own.
 */
export function can(principal: Principal, permission: Permission, scope: { siteId?: number } = {}): boolean {
  if (!grants[principal.role].includes(permission)) return false;
  if (principal.role === 'site-technician' && siteScoped.includes(permission)) {
    return scope.siteId !== undefined && scope.siteId === principal.siteId;
  }
  return true;
}
