import type { Socket } from 'socket.io-client';
import type { Result, RtpCapabilities } from '@diemcau/shared';
import type { Database } from '../../src/store/database';
import { nextEvent, type KioskClient } from './harness';

/*
 * A province meeting at the scale of the 2025 reorganisation: the demo's 8
 * sites plus communes, up to 150 in one live meeting. Names are real-looking
 * Vietnamese commune names, accents and all, so search and layout are tried
 * on what operators will type and read.
 */

const FIRST = ['Phước', 'Mỹ', 'Nhơn', 'Lâm', 'Quảng', 'Hòa', 'Tân', 'Xuân', 'Vĩnh', 'Thanh', 'Công', 'Lợi'];
const SECOND = ['Đại', 'Hải', 'Sơn', 'Hà', 'Thắng', 'Bình', 'Thành', 'Hưng', 'Tiến', 'Chánh', 'An', 'Nam'];

/** `Xã Phước Đại` → `xa-phuoc-dai`. */
function codeOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, '-');
}

export interface Commune {
  code: string;
  name: string;
}

/** The communes' names and codes, in a fixed order; at most 144. */
export function communes(count: number): Commune[] {
  const all = FIRST.flatMap((first) => SECOND.map((second) => `Xã ${first} ${second}`));
  if (count > all.length) throw new Error(`at most ${all.length} communes`);
  return all.slice(0, count).map((name) => ({ name, code: codeOf(name) }));
}

/**
 * Adds `count` communes to the store and to its live meeting. Call it before
 * anyone joins the meeting: its conference reads the meeting's sites once.
 */
export async function addCommunesToLiveMeeting(db: Database, count: number): Promise<Commune[]> {
  const added = communes(count);
  await db.transaction(async (trx) => {
    const [unit] = await trx('units').insert({ code: 'ubnd-xa', name: 'UBND các xã', kind: 'district-committee' }).returning('id');
    const unitId = typeof unit === 'object' ? (unit as { id: number }).id : unit;
    await trx('sites').insert(added.map((commune) => ({ ...commune, kind: 'endpoint', unit_id: unitId })));
    const meeting = await trx('meetings').where('status', 'live').first('id');
    const siteIds = await trx('sites')
      .whereIn(
        'code',
        added.map((commune) => commune.code),
      )
      .select('id');
    await trx('meeting_sites').insert(siteIds.map((site) => ({ meeting_id: meeting.id, site_id: site.id })));
  });
  return added;
}

/**
 * A room is online once its kiosk joins the meeting's media. This one joins with the kiosk protocol and
 * receives, but sends nothing: many of them make a large meeting's presence cheaply.
 */
export async function joinWithoutMedia(client: KioskClient): Promise<void> {
  const rtpCapabilities = await nextEvent<RtpCapabilities>(client, 'media:capabilities');
  const socket = client as unknown as Socket;
  socket.on('media:newConsumer', (_consumer: unknown, ack: (result: Result<object>) => void) => ack({ ok: true, data: {} }));
  const joined = (await socket.emitWithAck('media:join', { rtpCapabilities, send: false })) as Result<unknown>;
  if (!joined.ok) throw new Error(joined.error.message);
}
