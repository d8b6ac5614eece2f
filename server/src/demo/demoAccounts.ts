import type { Role } from '@diemcau/shared';
import { generatePassword, hashPassword } from '../auth/passwords';
import { toDbTime, type Database } from '../store/database';

/** One account per role of the demo province; README lists them. */
export const demoAccounts: ReadonlyArray<{ username: string; displayName: string; role: Role; unit?: string; site?: string }> = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', unit: 'stttt' },
  { username: 'vanphong', displayName: 'Văn phòng UBND tỉnh', role: 'secretariat', unit: 'vp-ubnd' },
  { username: 'sotttt', displayName: 'Sở Thông tin và Truyền thông', role: 'information-department', unit: 'stttt' },
  { username: 'chutoa', displayName: 'Điều hành điểm cầu chủ tọa', role: 'chair-operator', unit: 'vp-ubnd', site: 'chair' },
  { username: 'kythuat.bacai', displayName: 'Kỹ thuật viên Bác Ái', role: 'site-technician', unit: 'ubnd-bac-ai', site: 'bac-ai' },
  { username: 'vnpt', displayName: 'Kỹ thuật viên VNPT', role: 'bridge-technician', unit: 'vnpt' },
  { username: 'thanhtra', displayName: 'Kiểm tra, đánh giá', role: 'auditor', unit: 'stttt' },
];

/**
 * Creates the demo accounts in a store that has no users yet, with passwords
 * generated now; returns them so they can be printed once. Nothing is seeded
 * into a store that already has users.
 */
export async function seedDemoAccounts(db: Database, now: Date): Promise<Array<{ username: string; role: Role; password: string }>> {
  const existing = await db('users').count<{ count: number | string }[]>({ count: '*' });
  if (Number(existing[0]?.count ?? 0) > 0) return [];
  const withPasswords = await Promise.all(
    demoAccounts.map(async (account) => {
      const password = generatePassword();
      return { account, password, hash: await hashPassword(password) };
    }),
  );
  await db.transaction(async (trx) => {
    const units = new Map((await trx('units').select('id', 'code')).map((u) => [u.code as string, u.id as number]));
    const sites = new Map((await trx('sites').select('id', 'code')).map((s) => [s.code as string, s.id as number]));
    await trx('users').insert(
      withPasswords.map(({ account, hash }) => ({
        username: account.username,
        display_name: account.displayName,
        role: account.role,
        unit_id: account.unit ? (units.get(account.unit) ?? null) : null,
        site_id: account.site ? (sites.get(account.site) ?? null) : null,
        password_hash: hash,
        created_at: toDbTime(now),
      })),
    );
  });
  return withPasswords.map(({ account, password }) => ({ username: account.username, role: account.role, password }));
}
