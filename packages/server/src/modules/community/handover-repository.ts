import type { Queryable } from '../../db/database.ts';

export interface HandoverRow {
  id: string;
  personId: string;
  episodeId: string | null;
  toOrgId: string | null;
  toOrgName: string | null;
  regionCode: string;
  reason: 'discharge' | 'moved_in' | 'registered';
  medicationHandover: boolean;
  status: 'new' | 'acknowledged' | 'closed';
  createdAt: Date;
  acknowledgedAt: Date | null;
  // The person, as stored (identifiers stay encrypted; the use case masks).
  personName: string;
  personSex: 'male' | 'female';
  personBirthDate: string;
  personRegionCode: string;
  verificationStatus: string;
  personMovedTo: string | null;
  dischargeDate: string | null;
  /** created_at to the microsecond, for keyset cursors. */
  cursorAt: string;
}

export interface InboxQuery {
  /** Region prefixes (LIKE patterns already built). */
  patterns: string[];
  /** When set, only hand-overs to these institutions. */
  orgIds?: string[];
  status: 'new' | 'acknowledged' | 'closed';
  after?: { createdAt: string; id: string };
  limit: number;
}

const SELECT = `SELECT h.id, h.person_id, h.episode_id, h.to_org_id, o.name AS to_org_name, h.region_code, h.reason,
    h.medication_handover, h.status, h.created_at, h.acknowledged_at,
    p.name AS person_name, p.sex AS person_sex, p.birth_date AS person_birth_date, p.region_code AS person_region_code,
    p.verification_status, p.moved_to AS person_moved_to, e.discharge_date,
    to_char(h.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
  FROM handovers h
  JOIN persons p ON p.id = h.person_id
  LEFT JOIN organizations o ON o.id = h.to_org_id
  LEFT JOIN hospital_episodes e ON e.id = h.episode_id`;

interface Row {
  id: string;
  person_id: string;
  episode_id: string | null;
  to_org_id: string | null;
  to_org_name: string | null;
  region_code: string;
  reason: HandoverRow['reason'];
  medication_handover: boolean;
  status: HandoverRow['status'];
  created_at: Date;
  acknowledged_at: Date | null;
  person_name: string;
  person_sex: 'male' | 'female';
  person_birth_date: string;
  person_region_code: string;
  verification_status: string;
  person_moved_to: string | null;
  discharge_date: string | null;
  cursor_at: string;
}

const toRow = (r: Row): HandoverRow => ({
  id: r.id,
  personId: r.person_id,
  episodeId: r.episode_id,
  toOrgId: r.to_org_id,
  toOrgName: r.to_org_name,
  regionCode: r.region_code,
  reason: r.reason,
  medicationHandover: r.medication_handover,
  status: r.status,
  createdAt: r.created_at,
  acknowledgedAt: r.acknowledged_at,
  personName: r.person_name,
  personSex: r.person_sex,
  personBirthDate: r.person_birth_date,
  personRegionCode: r.person_region_code,
  verificationStatus: r.verification_status,
  personMovedTo: r.person_moved_to,
  dischargeDate: r.discharge_date,
  cursorAt: r.cursor_at,
});

export class HandoverRepository {
  constructor(private readonly q: Queryable) {}

  /** Newest first: (created_at, id) descending, keyset-paged. */
  async inbox(s: InboxQuery): Promise<HandoverRow[]> {
    const params: unknown[] = [s.patterns, s.status];
    const where = ['h.region_code LIKE ANY ($1::text[])', 'h.status = $2', 'p.merged_into IS NULL'];
    if (s.orgIds !== undefined) {
      params.push(s.orgIds);
      where.push(`h.to_org_id = ANY ($${params.length}::uuid[])`);
    }
    if (s.after !== undefined) {
      params.push(s.after.createdAt, s.after.id);
      where.push(`(h.created_at, h.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(s.limit);
    const rows = await this.q.query<Row>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY h.created_at DESC, h.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRow);
  }

  async find(id: string): Promise<HandoverRow | undefined> {
    const rows = await this.q.query<Row>(`${SELECT} WHERE h.id = $1`, [id]);
    return rows[0] && toRow(rows[0]);
  }

  async acknowledge(id: string, by: string, at: Date): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>(
      `UPDATE handovers SET status = 'acknowledged', acknowledged_at = $3, acknowledged_by = $2
        WHERE id = $1 AND status = 'new' RETURNING id`,
      [id, by, at],
    );
    return rows.length > 0;
  }

  /** Settles the open 'moved_in' hand-overs of a person to a region: acknowledged (accepted) or closed. */
  async settleMovedIn(personId: string, regionCode: string, to: 'acknowledged' | 'closed', by: string, at: Date): Promise<void> {
    await this.q.query(
      `UPDATE handovers SET status = $3,
              acknowledged_at = COALESCE(acknowledged_at, $5), acknowledged_by = COALESCE(acknowledged_by, $4)
        WHERE person_id = $1 AND region_code = $2 AND reason = 'moved_in' AND status <> 'closed'`,
      [personId, regionCode, to, by, at],
    );
  }

  /** Whether a person has an episode with a medication hand-over (for a move, the receiving side needs to know). */
  async hasMedicationHandover(personId: string): Promise<boolean> {
    const rows = await this.q.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM hospital_episodes WHERE person_id = $1 AND medication_handover',
      [personId],
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  /** Primary-care organizations among these ids. */
  async primaryCareOrgs(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.q.query<{ id: string }>(
      "SELECT id FROM organizations WHERE id = ANY ($1::uuid[]) AND type = 'primary_care'",
      [ids],
    );
    return rows.map((r) => r.id);
  }
}
