import type { Queryable } from '../../db/database.ts';

export const ORGANIZATION_TYPES = [
  'designated_hospital',
  'primary_care',
  'mental_health_institution',
  'social_work',
  'university_counseling',
  'hotline_center',
  'health_commission',
  'civil_affairs',
  'public_security',
  'justice',
  'other',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export interface Organization {
  id: string;
  type: OrganizationType;
  name: string;
  regionCode: string;
}

interface Row {
  id: string;
  type: OrganizationType;
  name: string;
  region_code: string;
}
const toOrg = (r: Row): Organization => ({ id: r.id, type: r.type, name: r.name, regionCode: r.region_code });

export class OrganizationRepository {
  constructor(private readonly q: Queryable) {}

  async create(input: { type: OrganizationType; name: string; regionCode: string }): Promise<Organization> {
    const rows = await this.q.query<Row>(
      'INSERT INTO organizations (type, name, region_code) VALUES ($1, $2, $3) RETURNING *',
      [input.type, input.name, input.regionCode],
    );
    return toOrg(rows[0] as Row);
  }

  async addCoverage(organizationId: string, regionCode: string): Promise<void> {
    await this.q.query(
      'INSERT INTO organization_coverage (organization_id, region_code) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [organizationId, regionCode],
    );
  }

  async find(id: string): Promise<Organization | undefined> {
    const rows = await this.q.query<Row>('SELECT * FROM organizations WHERE id = $1', [id]);
    return rows[0] && toOrg(rows[0]);
  }

  /** Organizations located within any of the prefixes, keyset-paginated by name. */
  async listWithin(prefixes: string[], filter: { type?: OrganizationType | undefined }, limit: number): Promise<Organization[]> {
    if (prefixes.length === 0) return [];
    const rows = await this.q.query<Row>(
      `SELECT * FROM organizations WHERE region_code LIKE ANY ($1::text[]) AND ($2::text IS NULL OR type = $2)
        ORDER BY region_code, name LIMIT $3`,
      [prefixes.map((p) => `${p}%`), filter.type ?? null, limit],
    );
    return rows.map(toOrg);
  }
}
