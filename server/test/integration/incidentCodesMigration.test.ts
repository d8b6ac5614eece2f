import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/AuditLog';
import { IncidentLog } from '../../src/incidents/IncidentLog';
import { openDatabase } from '../../src/store/database';
import { migrations } from '../../src/store/migrations';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-migration-'));
const db = openDatabase({ dataDir });
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const incident = (id: number, fields: Record<string, unknown>) => ({
  id,
  site_id: 1,
  meeting_id: null,
  type: 'transmission',
  opened_at: '2026-11-10T01:00:00.000Z',
  opened_by: 'system',
  automatic: true,
  handled_by: '',
  actions: '',
  resolution: '',
  ...fields,
});

describe('migration 007 on a store whose incidents hold the old Vietnamese sentences', () => {
  it('turns the automatic sentences into cause and closing codes, and leaves what people wrote alone', async () => {
    for (let step = 0; step < 6; step++) await db.migrate.up({ migrationSource: migrations });
    await db('units').insert({ id: 1, code: 'ubnd-ninh-hai', name: 'UBND huyện Ninh Hải', kind: 'district' });
    await db('sites').insert({ id: 1, code: 'ninh-hai', name: 'Ninh Hải', kind: 'district', unit_id: 1 });
    const closed = { closed_at: '2026-11-10T01:05:00.000Z', downtime_seconds: 300 };
    await db('incidents').insert([
      incident(1, { cause: 'dropout', summary: 'Ninh Hải: mất kết nối với điểm cầu trung tâm', resolution: 'điểm cầu đã kết nối lại', ...closed }),
      // 006 took every older automatic incident for a dropout: the monitor's get their cause back.
      incident(2, {
        cause: 'dropout',
        summary: 'Ninh Hải: chất lượng đường truyền kém kéo dài',
        resolution: 'chất lượng đường truyền đã trở lại bình thường',
        ...closed,
      }),
      incident(3, { cause: 'dropout', summary: 'Ninh Hải: mất kết nối với điểm cầu trung tâm', resolution: 'phiên họp đã kết thúc', ...closed }),
      incident(4, { cause: 'dropout', summary: 'Ninh Hải: mất kết nối với điểm cầu trung tâm' }),
      // A technician's own closing note on an automatic incident, and an incident opened by hand.
      incident(5, { cause: 'dropout', summary: 'Ninh Hải: mất kết nối với điểm cầu trung tâm', resolution: 'Đã thay bộ chuyển mạch', ...closed }),
      incident(6, {
        automatic: false,
        cause: null,
        opened_by: 'user:kythuat',
        type: 'audio',
        summary: 'Micrô chủ tọa bị rè',
        resolution: 'phiên họp đã kết thúc',
        ...closed,
      }),
    ]);
    await db.migrate.latest({ migrationSource: migrations });

    const log = new IncidentLog(db, new AuditLog(db, () => new Date()), () => new Date());
    const view = async (id: number) => {
      const { cause, closedBecause, summary, resolution } = await log.byId(id);
      return { cause, closedBecause, summary, resolution };
    };
    expect(await view(1)).toEqual({ cause: 'dropout', closedBecause: 'reconnected', summary: '', resolution: '' });
    expect(await view(2)).toEqual({ cause: 'degraded', closedBecause: 'recovered', summary: '', resolution: '' });
    expect(await view(3)).toEqual({ cause: 'dropout', closedBecause: 'meeting-ended', summary: '', resolution: '' });
    expect(await view(4)).toEqual({ cause: 'dropout', closedBecause: null, summary: '', resolution: '' });
    expect(await view(5)).toEqual({ cause: 'dropout', closedBecause: null, summary: '', resolution: 'Đã thay bộ chuyển mạch' });
    expect(await view(6)).toEqual({ cause: null, closedBecause: null, summary: 'Micrô chủ tọa bị rè', resolution: 'phiên họp đã kết thúc' });
  });
});
