import type { Queryable } from '../../db/database.ts';

export interface EvaluationSourceRow {
  id: string;
  sex: string;
  birthDate: string;
  regionCode: string;
  verificationStatus: string;
  registeredOn: string;
  categories: string[] | null;
  handovers: number;
  admissions: number;
}

export class EvaluationRepository {
  constructor(private readonly db: Queryable) {}

  async countLive(prefix: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE region_code LIKE $1 AND merged_into IS NULL`, [`${prefix}%`]);
    return rows[0]?.n ?? 0;
  }

  /** The columns a de-identified row is derived from; names, IDs, phones and addresses are never read. */
  async sourceRows(prefix: string): Promise<EvaluationSourceRow[]> {
    return this.db.query<EvaluationSourceRow>(
      `SELECT p.id, p.sex, to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", p.region_code AS "regionCode",
              p.verification_status AS "verificationStatus",
              to_char((p.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS "registeredOn",
              (SELECT array_agg(DISTINCT c.category ORDER BY c.category) FROM person_categories c
                WHERE c.person_id = p.id AND c.valid_to IS NULL) AS categories,
              (SELECT count(*) FROM handovers h WHERE h.person_id = p.id)::int AS handovers,
              (SELECT count(*) FROM hospital_episodes e WHERE e.person_id = p.id)::int AS admissions
         FROM persons p
        WHERE p.region_code LIKE $1 AND p.merged_into IS NULL
        ORDER BY p.id`,
      [`${prefix}%`],
    );
  }
}
