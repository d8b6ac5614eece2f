import type { SiteKind, SiteSummary } from '@diemcau/shared';
import type { Database } from '../store/database';

export interface Site extends SiteSummary {
  id: number;
  unitId: number;
  /** Bumped when the site's kiosk link is rotated; tokens of older generations are refused. */
  kioskGeneration: number;
}

interface SiteRow {
  id: number;
  code: string;
  name: string;
  kind: SiteKind;
  unit_id: number;
  kiosk_generation: number;
}

export const siteFromRow = (row: SiteRow): Site => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  unitId: row.unit_id,
  kioskGeneration: row.kiosk_generation,
});

export const summaryOf = (site: Site): SiteSummary => ({ code: site.code, name: site.name, kind: site.kind });

export class SiteDirectory {
  constructor(private readonly db: Database) {}

  async findByCode(code: string): Promise<Site | undefined> {
    const row = await this.db<SiteRow>('sites').where({ code }).first();
    return row && siteFromRow(row);
  }

  async list(): Promise<Site[]> {
    const rows = await this.db<SiteRow>('sites').orderBy([{ column: 'kind' }, { column: 'name' }]);
    return rows.map(siteFromRow);
  }
}
