import type { Role } from '@diemcau/shared';

export { can, type Permission } from '@diemcau/shared';

/** Who acts: a logged-in user. Kiosks are not principals; they carry site-bound links. */
export interface Principal {
  userId: number;
  username: string;
  role: Role;
  siteId: number | null;
  unitId: number | null;
}
