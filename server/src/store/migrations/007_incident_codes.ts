import type { Knex } from 'knex';

/** The sentences the bridge used to write into automatic incidents, and the codes that replace them. */
const OPENED = [
  { cause: 'dropout', ending: ': mất kết nối với điểm cầu trung tâm' },
  { cause: 'degraded', ending: ': chất lượng đường truyền kém kéo dài' },
] as const;
const CLOSED = [
  { code: 'reconnected', sentence: 'điểm cầu đã kết nối lại' },
  { code: 'recovered', sentence: 'chất lượng đường truyền đã trở lại bình thường' },
  { code: 'meeting-ended', sentence: 'phiên họp đã kết thúc' },
] as const;

/**
 * Issue 12: the bridge writes no user text. An automatic incident keeps its cause and, once it closed by
 * itself, why (`closed_because`); the screens say both in the user's language. Rows written with the old
 * Vietnamese sentences are turned into the codes; a summary or closing note a person wrote stays as it is.
 * 006 marked every older automatic incident as a dropout: those the monitor opened get their own cause back.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('incidents', (table) => {
    /** `reconnected`, `recovered` or `meeting-ended`; null while open and for incidents closed by hand. */
    table.string('closed_because', 20);
  });
  for (const { cause, ending } of OPENED) {
    await db('incidents').where({ automatic: true }).andWhere('summary', 'like', `%${ending}`).update({ cause, summary: '' });
  }
  for (const { code, sentence } of CLOSED) {
    await db('incidents').where({ automatic: true, resolution: sentence }).whereNotNull('closed_at').update({ closed_because: code, resolution: '' });
  }
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('incidents', (table) => {
    table.dropColumn('closed_because');
  });
}
