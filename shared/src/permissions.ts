import type { Role } from './users';

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
  /** Open, annotate and close incidents (a site technician only its own site's). */
  | 'incident:handle'
  | 'monitor:read'
  /** Public holidays and make-up working days (Art. 6.4 lead times). */
  | 'calendar:manage'
  /** Reports of one's own unit (Art. 15.1). */
  | 'report:read'
  /** Reports of every unit, province-wide (Art. 9, 15.2). */
  | 'report:all'
  /** Send feedback and proposals to the Department (Art. 12.3, 15.3). */
  | 'feedback:write'
  /** Read every unit's feedback. */
  | 'feedback:read-all'
  /** Answer, forward and close feedback. */
  | 'feedback:handle';

/**
 * What each role may do. The server enforces it on every route and socket
 * event; the screens use the same table only to hide what would be refused.
 */
const grants: Record<Role, readonly Permission[]> = {
  admin: [
    'directory:read',
    'directory:manage',
    'users:manage',
    'kiosk:manage',
    'meeting:read',
    'audit:read',
    'incident:read',
    'calendar:manage',
    'feedback:write',
  ],
  secretariat: [
    'directory:read',
    'kiosk:manage',
    'meeting:read',
    'meeting:request',
    'meeting:decide',
    'incident:read',
    'monitor:read',
    'report:read',
    'report:all',
    'feedback:write',
  ],
  organizer: ['directory:read', 'meeting:read', 'meeting:request', 'report:read', 'feedback:write'],
  'chair-operator': ['directory:read', 'meeting:read', 'meeting:operate', 'site:configure', 'incident:read', 'monitor:read', 'report:read', 'feedback:write'],
  'site-technician': ['directory:read', 'meeting:read', 'site:configure', 'site:check', 'incident:read', 'incident:handle', 'report:read', 'feedback:write'],
  'bridge-technician': [
    'directory:read',
    'meeting:read',
    'site:configure',
    'site:check',
    'incident:read',
    'incident:handle',
    'monitor:read',
    'report:read',
    'feedback:write',
  ],
  auditor: ['directory:read', 'meeting:read', 'audit:read', 'incident:read', 'report:read', 'report:all', 'feedback:read-all'],
  'information-department': [
    'directory:read',
    'meeting:read',
    'meeting:request',
    'audit:read',
    'report:read',
    'report:all',
    'feedback:write',
    'feedback:read-all',
    'feedback:handle',
  ],
};

/** Permissions a site technician holds only for the site it is bound to. */
const siteScoped: readonly Permission[] = ['site:configure', 'site:check'];

/**
 * Whether someone with this role may do this, for this site when the action
 * concerns one: a site technician's site-bound permissions need the site named
 * and equal to its own.
 */
export function can(who: { role: Role; siteId: number | null }, permission: Permission, scope: { siteId?: number } = {}): boolean {
  if (!grants[who.role].includes(permission)) return false;
  if (who.role === 'site-technician' && siteScoped.includes(permission)) {
    return scope.siteId !== undefined && scope.siteId === who.siteId;
  }
  return true;
}
