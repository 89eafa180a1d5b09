import type { ReportPeriodKind, ReportStatus } from '@anxin/domain/figures/report-workflow.ts';
import type { Queryable } from '../../db/database.ts';

export interface ReportRecord {
  id: string;
  regionCode: string;
  regionName: string;
  periodKind: ReportPeriodKind;
  period: string;
  periodFrom: string;
  periodTo: string;
  status: ReportStatus;
  experience: string;
  figures: Record<string, number | null> | null;
  reviewComment: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  reviewedAt: Date | null;
}

export interface ReportEventRecord {
  event: string;
  actorName: string;
  comment: string | null;
  at: Date;
}

const COLUMNS = `r.id, r.region_code AS "regionCode", g.name AS "regionName", r.period_kind AS "periodKind", r.period,
  to_char(r.period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(r.period_to, 'YYYY-MM-DD') AS "periodTo", r.status,
  r.experience, r.figures, r.review_comment AS "reviewComment", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  r.submitted_at AS "submittedAt", r.reviewed_at AS "reviewedAt"`;

export class ReportRepository {
  constructor(private readonly db: Queryable) {}

  async find(id: string, forUpdate = false): Promise<ReportRecord | undefined> {
    const rows = await this.db.query<ReportRecord>(
      `SELECT ${COLUMNS} FROM reports r JOIN regions g ON g.code = r.region_code WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`,
      [id],
    );
    return rows[0];
  }

  async findByPeriod(regionCode: string, kind: ReportPeriodKind, period: string): Promise<ReportRecord | undefined> {
    const rows = await this.db.query<ReportRecord>(
      `SELECT ${COLUMNS} FROM reports r JOIN regions g ON g.code = r.region_code
        WHERE r.region_code = $1 AND r.period_kind = $2 AND r.period = $3 FOR UPDATE OF r`,
      [regionCode, kind, period],
    );
    return rows[0];
  }

  async insert(r: { regionCode: string; periodKind: ReportPeriodKind; period: string; from: string; to: string; experience: string; by: string; at: Date }): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO reports (region_code, period_kind, period, period_from, period_to, experience, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (region_code, period_kind, period) DO NOTHING RETURNING id`,
      [r.regionCode, r.periodKind, r.period, r.from, r.to, r.experience, r.by, r.at],
    );
    if (!rows[0]) throw new Error('report exists');
    return rows[0].id;
  }

  async updateExperience(id: string, experience: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE reports SET experience = $2, updated_at = $3 WHERE id = $1`, [id, experience, at]);
  }

  /** Moves a report on from the status it was read in; false when someone else moved it first. */
  async submit(id: string, from: ReportStatus, figures: Record<string, number | null>, by: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE reports SET status = 'submitted', figures = $3, submitted_by = $4, submitted_at = $5, updated_at = $5,
              review_comment = NULL, reviewed_by = NULL, reviewed_at = NULL
        WHERE id = $1 AND status = $2 RETURNING id`,
      [id, from, JSON.stringify(figures), by, at],
    );
    return rows.length === 1;
  }

  async review(id: string, to: 'accepted' | 'returned', comment: string | null, by: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE reports SET status = $2, review_comment = $3, reviewed_by = $4, reviewed_at = $5, updated_at = $5
        WHERE id = $1 AND status = 'submitted' RETURNING id`,
      [id, to, comment, by, at],
    );
    return rows.length === 1;
  }

  async addEvent(reportId: string, event: string, actorId: string, comment: string | null, at: Date): Promise<void> {
    await this.db.query(`INSERT INTO report_events (report_id, event, actor_id, comment, at) VALUES ($1, $2, $3, $4, $5)`, [
      reportId,
      event,
      actorId,
      comment,
      at,
    ]);
  }

  async events(reportId: string): Promise<ReportEventRecord[]> {
    return this.db.query<ReportEventRecord>(
      `SELECT e.event, a.display_name AS "actorName", e.comment, e.at FROM report_events e JOIN accounts a ON a.id = e.actor_id
        WHERE e.report_id = $1 ORDER BY e.id`,
      [reportId],
    );
  }

  /** Reports under any of the prefixes, newest period first. */
  async list(prefixes: string[], filter: { status?: ReportStatus | undefined; periodKind?: ReportPeriodKind | undefined }, limit: number): Promise<ReportRecord[]> {
    return this.db.query<ReportRecord>(
      `SELECT ${COLUMNS} FROM reports r JOIN regions g ON g.code = r.region_code
        WHERE r.region_code LIKE ANY ($1::text[])
          AND ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR r.period_kind = $3)
        ORDER BY r.period_from DESC, r.region_code LIMIT $4`,
      [prefixes.map((p) => `${p}%`), filter.status ?? null, filter.periodKind ?? null, limit],
    );
  }
}
