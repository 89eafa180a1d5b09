import type { SeverityCount } from '@anxin/domain/figures/population-status.ts';
import type { Queryable } from '../../db/database.ts';

export class PopulationRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Submitted, newest-version results under a region prefix in [from, to], counted per population
   * category (open memberships; a person in two categories counts in both) and once more as 'all'.
   */
  async severityCounts(prefix: string, from: string, to: string): Promise<SeverityCount[]> {
    return this.db.query<SeverityCount>(
      `WITH a AS (
         SELECT a.person_id, a.instrument, a.severity, to_char(a.completed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
           FROM assessments a
          WHERE a.region_code LIKE $1 AND a.status = 'submitted'
            AND a.completed_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
            AND a.completed_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
            AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id)
       )
       SELECT 'all' AS category, instrument, month, severity, count(*)::int AS n FROM a GROUP BY 2, 3, 4
       UNION ALL
       SELECT c.category, a.instrument, a.month, a.severity, count(*)::int
         FROM a JOIN (SELECT DISTINCT person_id, category FROM person_categories WHERE valid_to IS NULL) c ON c.person_id = a.person_id
        GROUP BY 1, 2, 3, 4`,
      [`${prefix}%`, from, to],
    );
  }
}
