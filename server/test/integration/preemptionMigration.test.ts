import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MeetingRepository } from '../../src/meetings/MeetingRepository';
import { openDatabase } from '../../src/store/database';
import { migrations } from '../../src/store/migrations';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diemcau-migration-'));
const db = openDatabase({ dataDir });
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('migration 005 on a store from the first round', () => {
  it('turns an English pre-emption sentence into the code with its parameters, and seeds the holidays', async () => {
    for (let step = 0; step < 3; step++) await db.migrate.up({ migrationSource: migrations });
    await db('meetings').insert({
      id: 'old-preempted',
      title: 'Tập huấn',
      status: 'preempted',
      starts_at: '2026-11-10T01:00:00.000Z',
      ends_at: '2026-11-10T02:00:00.000Z',
      kind: 'departmental',
      decision_reason: 'pre-empted by the provincial meeting "Họp UBND tỉnh" (Art. 4.2)',
    });
    await db.migrate.latest({ migrationSource: migrations });

    const meeting = await new MeetingRepository(db).byId('old-preempted');
    expect(meeting?.decisionReason).toBeNull();
    expect(meeting?.preemption).toEqual({ code: 'preempted-by-priority', article: '4.2', byMeetingId: null, byTitle: 'Họp UBND tỉnh', byKind: null });
    expect(await db('calendar_days').where({ date: '2026-02-17' }).first()).toMatchObject({ kind: 'day-off', occasion: 'lunar-new-year' });
  });
});
