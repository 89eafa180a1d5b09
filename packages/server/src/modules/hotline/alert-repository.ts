import type { Queryable } from '../../db/database.ts';

export interface AlertRecord {
  id: string;
  regionCode: string;
  category: string;
  day: string;
  observed: number;
  expected: number;
  pValue: number;
  summary: Record<string, unknown>;
  createdAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
}

const COLUMNS = `id, region_code AS "regionCode", category, day, observed, expected, p_value AS "pValue", summary,
  created_at AS "createdAt", acknowledged_by AS "acknowledgedBy", acknowledged_at AS "acknowledgedAt"`;

export class AlertRepository {
  constructor(private readonly db: Queryable) {}

  /** Inserts an alert once per (region, category, day); returns its id when new. */
  async insert(a: Omit<AlertRecord, 'id' | 'acknowledgedBy' | 'acknowledgedAt'>): Promise<string | undefined> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO hotline_alerts (region_code, category, day, observed, expected, p_value, summary, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (region_code, category, day) DO NOTHING RETURNING id`,
      [a.regionCode, a.category, a.day, a.observed, a.expected, a.pValue, JSON.stringify(a.summary), a.createdAt],
    );
    return rows[0]?.id;
  }

  async find(id: string): Promise<AlertRecord | undefined> {
    return (await this.db.query<AlertRecord>(`SELECT ${COLUMNS} FROM hotline_alerts WHERE id = $1`, [id]))[0];
  }

  async list(prefixes: string[], limit: number): Promise<AlertRecord[]> {
    return this.db.query<AlertRecord>(
      `SELECT ${COLUMNS} FROM hotline_alerts WHERE region_code LIKE ANY($1) ORDER BY day DESC, p_value LIMIT $2`,
      [prefixes.map((p) => `${p}%`), limit],
    );
  }

  async acknowledge(id: string, accountId: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE hotline_alerts SET acknowledged_by = $2, acknowledged_at = $3 WHERE id = $1 AND acknowledged_at IS NULL RETURNING id`,
      [id, accountId, at],
    );
    return rows.length > 0;
  }
}
