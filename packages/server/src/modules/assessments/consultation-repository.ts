import type { ConsultationRecommendation } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';

export interface ConsultationRecord {
  id: string;
  assessmentId: string;
  personId: string;
  regionCode: string;
  institutionId: string | null;
  primaryCareOrgId: string | null;
  reasons: string[];
  status: 'pending' | 'completed';
  requestedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  opinionEnc: string | null;
  recommendation: ConsultationRecommendation | null;
  turnaroundMinutes: number | null;
}

/** A queue row: the consultation with what the reviewer needs to see beside it. */
export interface ConsultationQueueRow extends ConsultationRecord {
  personName: string;
  instrument: string;
  total: number | null;
  severity: string | null;
  institutionName: string | null;
}

interface Row {
  id: string;
  assessment_id: string;
  person_id: string;
  region_code: string;
  institution_id: string | null;
  primary_care_org_id: string | null;
  reasons: string[];
  status: 'pending' | 'completed';
  requested_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  opinion_enc: string | null;
  recommendation: ConsultationRecommendation | null;
  turnaround_minutes: number | null;
}

const toRecord = (r: Row): ConsultationRecord => ({
  id: r.id,
  assessmentId: r.assessment_id,
  personId: r.person_id,
  regionCode: r.region_code,
  institutionId: r.institution_id,
  primaryCareOrgId: r.primary_care_org_id,
  reasons: r.reasons,
  status: r.status,
  requestedAt: r.requested_at,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
  opinionEnc: r.opinion_enc,
  recommendation: r.recommendation,
  turnaroundMinutes: r.turnaround_minutes,
});

export interface InstitutionCandidateRow {
  id: string;
  type: string;
  regionCode: string;
  coverage: string[];
}

export class ConsultationRepository {
  constructor(private readonly q: Queryable) {}

  /** Organizations of a type located in or covering one of the region's ancestors (or the region itself). */
  async candidatesFor(type: string, ancestorCodes: readonly string[]): Promise<InstitutionCandidateRow[]> {
    const rows = await this.q.query<{ id: string; type: string; region_code: string; coverage: string[] | null }>(
      `SELECT o.id, o.type, o.region_code, array_remove(array_agg(c.region_code), NULL) AS coverage
       FROM organizations o LEFT JOIN organization_coverage c ON c.organization_id = o.id
       WHERE o.type = $1 AND (o.region_code = ANY ($2::text[]) OR c.region_code = ANY ($2::text[]))
       GROUP BY o.id, o.type, o.region_code`,
      [type, ancestorCodes],
    );
    return rows.map((r) => ({ id: r.id, type: r.type, regionCode: r.region_code, coverage: r.coverage ?? [] }));
  }

  async insert(c: { assessmentId: string; personId: string; regionCode: string; institutionId: string | null; primaryCareOrgId: string | null; reasons: string[]; at: Date }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO consultations (assessment_id, person_id, region_code, institution_id, primary_care_org_id, reasons, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7) RETURNING id`,
      [c.assessmentId, c.personId, c.regionCode, c.institutionId, c.primaryCareOrgId, c.reasons, c.at],
    );
    return (rows[0] as { id: string }).id;
  }

  async find(id: string, forUpdate = false): Promise<ConsultationRecord | undefined> {
    const rows = await this.q.query<Row>(`SELECT * FROM consultations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async ofAssessments(assessmentIds: readonly string[]): Promise<ConsultationRecord[]> {
    if (assessmentIds.length === 0) return [];
    const rows = await this.q.query<Row>('SELECT * FROM consultations WHERE assessment_id = ANY ($1::uuid[])', [assessmentIds]);
    return rows.map(toRecord);
  }

  async complete(id: string, r: { reviewedBy: string; at: Date; opinionEnc: string; recommendation: ConsultationRecommendation; turnaroundMinutes: number }): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>(
      `UPDATE consultations SET status = 'completed', reviewed_by = $2, reviewed_at = $3, opinion_enc = $4, recommendation = $5,
         turnaround_minutes = $6
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, r.reviewedBy, r.at, r.opinionEnc, r.recommendation, r.turnaroundMinutes],
    );
    return rows.length === 1;
  }

  /** The queue within the jurisdiction prefixes: pending oldest first, completed newest first. */
  async list(prefixes: readonly string[], filter: { status: 'pending' | 'completed'; institutionId?: string | undefined }, limit: number): Promise<ConsultationQueueRow[]> {
    if (prefixes.length === 0) return [];
    const rows = await this.q.query<Row & { person_name: string; instrument: string; total: number | null; severity: string | null; institution_name: string | null }>(
      `SELECT c.*, p.name AS person_name, a.instrument, a.total, a.severity, o.name AS institution_name
       FROM consultations c
       JOIN persons p ON p.id = c.person_id
       JOIN assessments a ON a.id = c.assessment_id
       LEFT JOIN organizations o ON o.id = c.institution_id
       WHERE c.region_code LIKE ANY ($1::text[]) AND c.status = $2 AND ($3::uuid IS NULL OR c.institution_id = $3)
       ORDER BY CASE WHEN c.status = 'pending' THEN c.requested_at END ASC, c.reviewed_at DESC, c.id
       LIMIT $4`,
      [prefixes.map((p) => `${p}%`), filter.status, filter.institutionId ?? null, limit],
    );
    return rows.map((r) => ({ ...toRecord(r), personName: r.person_name, instrument: r.instrument, total: r.total, severity: r.severity, institutionName: r.institution_name }));
  }

  /** Accounts attached to an organization with a role (to notify the psychiatrists of an institution). */
  async accountsOf(organizationId: string, role: string): Promise<string[]> {
    const rows = await this.q.query<{ account_id: string }>(
      `SELECT DISTINCT r.account_id FROM role_assignments r JOIN accounts a ON a.id = r.account_id
       WHERE r.organization_id = $1 AND r.role = $2 AND a.disabled_at IS NULL`,
      [organizationId, role],
    );
    return rows.map((r) => r.account_id);
  }
}
