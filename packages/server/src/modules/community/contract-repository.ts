import type { Queryable } from '../../db/database.ts';

export interface ContractRow {
  id: string;
  personId: string;
  doctorAccountId: string | null;
  doctorName: string | null;
  /** Display name of the doctor's account, when the doctor is an account. */
  doctorAccountName: string | null;
  organizationId: string | null;
  signedOn: string;
  termMonths: number;
  terminatedOn: string | null;
}

export interface TaskPerson {
  id: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  regionCode: string;
  verificationStatus: string;
}

export class ContractRepository {
  constructor(private readonly q: Queryable) {}

  async ofPersons(personIds: string[]): Promise<ContractRow[]> {
    if (personIds.length === 0) return [];
    const rows = await this.q.query<{
      id: string;
      person_id: string;
      doctor_account_id: string | null;
      doctor_name: string | null;
      display_name: string | null;
      organization_id: string | null;
      signed_on: string;
      term_months: number;
      terminated_on: string | null;
    }>(
      `SELECT c.id, c.person_id, c.doctor_account_id, c.doctor_name, a.display_name, c.organization_id, c.signed_on, c.term_months, c.terminated_on
         FROM family_doctor_contracts c LEFT JOIN accounts a ON a.id = c.doctor_account_id
        WHERE c.person_id = ANY ($1::uuid[]) ORDER BY c.signed_on DESC, c.id`,
      [personIds],
    );
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      doctorAccountId: r.doctor_account_id,
      doctorName: r.doctor_name,
      doctorAccountName: r.display_name,
      organizationId: r.organization_id,
      signedOn: r.signed_on,
      termMonths: r.term_months,
      terminatedOn: r.terminated_on,
    }));
  }

  async accountExists(id: string): Promise<boolean> {
    const rows = await this.q.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts WHERE id = $1', [id]);
    return (rows[0]?.n ?? 0) > 0;
  }

  async insert(c: Omit<ContractRow, 'id' | 'doctorAccountName'> & { createdBy: string; at: Date }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO family_doctor_contracts (person_id, doctor_account_id, doctor_name, organization_id, signed_on, term_months, terminated_on, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [c.personId, c.doctorAccountId, c.doctorName, c.organizationId, c.signedOn, c.termMonths, c.terminatedOn, c.createdBy, c.at],
    );
    return rows[0]?.id ?? '';
  }

  /** Coverage region codes of these organizations (primary-care ones only). */
  async coverageOf(orgIds: string[]): Promise<string[]> {
    if (orgIds.length === 0) return [];
    const rows = await this.q.query<{ region_code: string }>(
      `SELECT DISTINCT c.region_code FROM organization_coverage c JOIN organizations o ON o.id = c.organization_id
        WHERE o.id = ANY ($1::uuid[]) AND o.type = 'primary_care'`,
      [orgIds],
    );
    return rows.map((r) => r.region_code);
  }

  /**
   * Persons who need a family-doctor agreement on `on`: an active membership in one of `categories`, a
   * status not in `excludedStatuses`, not merged, and no agreement in force (signed by `on`, before the
   * end of its term and of any early termination). The domain's needsFamilyDoctorContract in SQL; the use
   * case re-applies it to each row.
   */
  async needingContract(s: {
    patterns: string[];
    coverage?: string[];
    on: string;
    categories: readonly string[];
    excludedStatuses: readonly string[];
    after?: { name: string; id: string };
    limit: number;
  }): Promise<TaskPerson[]> {
    const params: unknown[] = [s.patterns, s.on, s.categories, s.excludedStatuses];
    const where = [
      'p.region_code LIKE ANY ($1::text[])',
      'p.merged_into IS NULL',
      'NOT (p.verification_status = ANY ($4::text[]))',
      `EXISTS (SELECT 1 FROM person_categories pc WHERE pc.person_id = p.id AND pc.category = ANY ($3::text[])
                AND pc.valid_from <= $2::date AND (pc.valid_to IS NULL OR pc.valid_to >= $2::date))`,
      `NOT EXISTS (SELECT 1 FROM family_doctor_contracts c WHERE c.person_id = p.id AND c.signed_on <= $2::date
                    AND $2::date < (c.signed_on + make_interval(months => c.term_months))::date
                    AND (c.terminated_on IS NULL OR $2::date < c.terminated_on))`,
    ];
    if (s.coverage !== undefined) {
      params.push(s.coverage);
      where.push(`p.region_code LIKE ANY ($${params.length}::text[])`);
    }
    if (s.after !== undefined) {
      params.push(s.after.name, s.after.id);
      where.push(`(p.name, p.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(s.limit);
    const rows = await this.q.query<{ id: string; name: string; sex: 'male' | 'female'; birth_date: string; region_code: string; verification_status: string }>(
      `SELECT p.id, p.name, p.sex, p.birth_date, p.region_code, p.verification_status FROM persons p
        WHERE ${where.join(' AND ')} ORDER BY p.name, p.id LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({ id: r.id, name: r.name, sex: r.sex, birthDate: r.birth_date, regionCode: r.region_code, verificationStatus: r.verification_status }));
  }
}
