import crypto from 'node:crypto';
import { toDbTime, type Database } from '../store/database';

/** The demo province (Ninh Thuận before 2025): enough to run a real meeting on first start. */
const units = [
  { code: 'ubnd-tinh', name: 'UBND tỉnh Ninh Thuận', kind: 'provincial-committee' },
  { code: 'vp-ubnd', name: 'Văn phòng UBND tỉnh', kind: 'office' },
  { code: 'vnpt', name: 'Viễn thông Ninh Thuận (điểm cầu trung tâm)', kind: 'telecom' },
  { code: 'stttt', name: 'Sở Thông tin và Truyền thông', kind: 'information-department' },
  { code: 'ubnd-phan-rang', name: 'UBND TP. Phan Rang–Tháp Chàm', kind: 'district-committee' },
  { code: 'ubnd-bac-ai', name: 'UBND huyện Bác Ái', kind: 'district-committee' },
  { code: 'ubnd-ninh-son', name: 'UBND huyện Ninh Sơn', kind: 'district-committee' },
  { code: 'ubnd-ninh-hai', name: 'UBND huyện Ninh Hải', kind: 'district-committee' },
  { code: 'ubnd-ninh-phuoc', name: 'UBND huyện Ninh Phước', kind: 'district-committee' },
  { code: 'ubnd-thuan-bac', name: 'UBND huyện Thuận Bắc', kind: 'district-committee' },
  { code: 'ubnd-thuan-nam', name: 'UBND huyện Thuận Nam', kind: 'district-committee' },
];

const sites = [
  { code: 'chair', name: 'Văn phòng UBND tỉnh', kind: 'chair', unit: 'vp-ubnd' },
  { code: 'phan-rang', name: 'TP. Phan Rang–Tháp Chàm', kind: 'endpoint', unit: 'ubnd-phan-rang' },
  { code: 'bac-ai', name: 'Huyện Bác Ái', kind: 'endpoint', unit: 'ubnd-bac-ai' },
  { code: 'ninh-son', name: 'Huyện Ninh Sơn', kind: 'endpoint', unit: 'ubnd-ninh-son' },
  { code: 'ninh-hai', name: 'Huyện Ninh Hải', kind: 'endpoint', unit: 'ubnd-ninh-hai' },
  { code: 'ninh-phuoc', name: 'Huyện Ninh Phước', kind: 'endpoint', unit: 'ubnd-ninh-phuoc' },
  { code: 'thuan-bac', name: 'Huyện Thuận Bắc', kind: 'endpoint', unit: 'ubnd-thuan-bac' },
  { code: 'thuan-nam', name: 'Huyện Thuận Nam', kind: 'endpoint', unit: 'ubnd-thuan-nam' },
];

/** Seeds the demo province into an empty store; a store that already has units is left alone. */
export async function seedDemoProvince(db: Database, now: Date): Promise<boolean> {
  return db.transaction(async (trx) => {
    const existing = await trx('units').count<{ count: number | string }[]>({ count: '*' });
    if (Number(existing[0]?.count ?? 0) > 0) return false;

    await trx('units').insert(units);
    const unitIds = new Map((await trx('units').select('id', 'code')).map((u) => [u.code as string, u.id as number]));
    await trx('sites').insert(sites.map(({ unit, ...site }) => ({ ...site, unit_id: unitIds.get(unit) })));
    // An ordinary booking, already open, so a fresh install has a meeting to join at once.
    const meetingId = crypto.randomUUID();
    await trx('meetings').insert({
      id: meetingId,
      title: 'Họp trực tuyến thử nghiệm toàn tỉnh',
      kind: 'provincial',
      status: 'live',
      host_unit_id: unitIds.get('ubnd-tinh'),
      chair_person: 'Chủ tịch UBND tỉnh',
      starts_at: toDbTime(now),
      ends_at: toDbTime(new Date(now.getTime() + 4 * 3_600_000)),
      requested_at: toDbTime(now),
      approved_at: toDbTime(now),
      opened_at: toDbTime(now),
    });
    const siteIds = await trx('sites').select('id');
    await trx('meeting_sites').insert(siteIds.map((s) => ({ meeting_id: meetingId, site_id: s.id })));
    return true;
  });
}
