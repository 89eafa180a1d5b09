import type { DesignatedPost } from '@anxin/domain/figures/staffing-compliance.ts';
import type { Queryable } from '../../db/database.ts';

export class StaffingRepository {
  constructor(private readonly db: Queryable) {}

  /** Regions that require a post (city, county, street, community) under a prefix, with the region itself. */
  async staffedRegions(prefix: string): Promise<{ code: string; name: string }[]> {
    return this.db.query(
      `SELECT code, name FROM regions
        WHERE code LIKE $1 AND level IN ('city', 'county', 'street', 'community') ORDER BY code`,
      [`${prefix}%`],
    );
  }

  /** Enabled accounts with a designated post, once per region where they hold a role. */
  async postHolders(prefix: string): Promise<{ post: DesignatedPost; regionCode: string }[]> {
    return this.db.query(
      `SELECT DISTINCT a.id, a.designated_post AS post, ra.region_code AS "regionCode"
         FROM accounts a JOIN role_assignments ra ON ra.account_id = a.id
        WHERE a.disabled_at IS NULL AND a.designated_post IS NOT NULL AND ra.region_code LIKE $1`,
      [`${prefix}%`],
    );
  }
}
