import type { Database } from '../../server/src/store/database';
import { SiteDirectory } from '../../server/src/sites/SiteDirectory';
import { loadSiteCodes } from './bridgeCensus';

/**
 * Makes the demo province's live meeting one of `count` sites: the chair's site,
 * the demo's districts, then made-up communes (created through the site directory).
 * Returns the meeting and its site codes, the chair's first.
 */
export async function liveMeetingOfSites(db: Database, count: number): Promise<{ meetingId: string; siteCodes: string[] }> {
  const directory = new SiteDirectory(db);
  const meeting = await db('meetings').where({ status: 'live' }).first('id');
  const unit = await db('units').where({ code: 'ubnd-tinh' }).first('id');
  if (!meeting || !unit || !(await directory.findByCode('chair'))) throw new Error('the store has no demo province with a live meeting');
  const existing = (await directory.list()).filter((site) => site.code !== 'chair').map((site) => site.code);
  const codes = ['chair', ...loadSiteCodes(count, existing)];
  await db.transaction(async (trx) => {
    for (const code of codes.filter((candidate) => candidate !== 'chair' && !existing.includes(candidate))) {
      await directory.create(trx, { code, name: `Xã ${code}`, kind: 'endpoint', unitId: unit.id, room: '', equipment: [] });
    }
    await trx('meeting_sites').where({ meeting_id: meeting.id }).delete();
    const ids = await trx('sites').whereIn('code', codes).select('id');
    await trx('meeting_sites').insert(ids.map((row: { id: number }) => ({ meeting_id: meeting.id, site_id: row.id })));
  });
  return { meetingId: meeting.id, siteCodes: codes };
}
