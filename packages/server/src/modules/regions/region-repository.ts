import type { RegionLevel } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface RegionNode extends Region {
  hasChildren: boolean;
}

export interface RegionRow {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
}

interface Row {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  has_children?: boolean;
}

const toRegion = (r: Row): Region => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code });

export class RegionRepository {
  constructor(private readonly q: Queryable) {}

  async find(code: string): Promise<Region | undefined> {
    const rows = await this.q.query<Row>('SELECT code, name, level, parent_code FROM regions WHERE code = $1', [code]);
    return rows[0] && toRegion(rows[0]);
  }

  async children(code: string): Promise<RegionNode[]> {
    const rows = await this.q.query<Row>(
      `SELECT r.code, r.name, r.level, r.parent_code,
              EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code) AS has_children
         FROM regions r WHERE r.parent_code = $1 ORDER BY r.code`,
      [code],
    );
    return rows.map((r) => ({ ...toRegion(r), hasChildren: Boolean(r.has_children) }));
  }

  async findMany(codes: string[]): Promise<Region[]> {
    if (codes.length === 0) return [];
    const rows = await this.q.query<Row>(
      'SELECT code, name, level, parent_code FROM regions WHERE code = ANY ($1::text[]) ORDER BY length(code), code',
      [codes],
    );
    return rows.map(toRegion);
  }

  /** Name search (substring) below a region prefix; the region table is small enough for a scan. */
  async search(text: string, underPrefix: string, limit: number): Promise<RegionNode[]> {
    const rows = await this.q.query<Row>(
      `SELECT r.code, r.name, r.level, r.parent_code,
              EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code) AS has_children
         FROM regions r
        WHERE r.code LIKE $2 AND r.name LIKE $1
        ORDER BY (r.name LIKE $3) DESC, length(r.name), r.code
        LIMIT $4`,
      [`%${escapeLike(text)}%`, `${underPrefix}%`, `${escapeLike(text)}%`, limit],
    );
    return rows.map((r) => ({ ...toRegion(r), hasChildren: Boolean(r.has_children) }));
  }

  /** Inserts rows (parents before children), leaving existing codes as they are. */
  async insertMany(rows: RegionRow[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      const result = await this.q.query(
        `INSERT INTO regions (code, parent_code, level, name)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [chunk.map((r) => r.code), chunk.map((r) => r.parentCode), chunk.map((r) => r.level), chunk.map((r) => r.name)],
      );
      inserted += result.length;
    }
    return inserted;
  }

  async count(): Promise<number> {
    const rows = await this.q.query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
    return rows[0]?.n ?? 0;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
