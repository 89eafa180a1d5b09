import { isWithinRegion } from '@anxin/domain';
import type { CrisisLevel, CrisisSource } from '@anxin/domain/crisis/crisis-level.ts';
import type { CaseEvent, CaseStatus } from '@anxin/domain/crisis/crisis-workflow.ts';
import type { Thoughts, Timeframe } from '@anxin/domain/crisis/triage.ts';
import type { Queryable } from '../../db/database.ts';

export interface CaseRow {
  id: string;
  personId: string | null;
  personName: string | null;
  regionCode: string;
  status: CaseStatus;
  level: CrisisLevel;
  levelSetAt: Date;
  openedAt: Date;
  openedSource: CrisisSource;
  signalCount: number;
  lastSignalAt: Date;
  firstContactAt: Date | null;
  escalationStep: number;
  escalatedAt: Date | null;
  smdRiskLevel: number | null;
  smdAssessedAt: Date | null;
  policeLiaisonAt: Date | null;
  assignedTo: string | null;
  closedAt: Date | null;
  version: number;
}

interface DbCase {
  id: string;
  person_id: string | null;
  person_name: string | null;
  region_code: string;
  status: CaseStatus;
  level: CrisisLevel;
  level_set_at: Date;
  opened_at: Date;
  opened_source: CrisisSource;
  signal_count: number;
  last_signal_at: Date;
  first_contact_at: Date | null;
  escalation_step: number;
  escalated_at: Date | null;
  smd_risk_level: number | null;
  smd_assessed_at: Date | null;
  police_liaison_at: Date | null;
  assigned_to: string | null;
  closed_at: Date | null;
  version: number;
}

const CASE_COLUMNS = `c.id, c.person_id, p.name AS person_name, c.region_code, c.status, c.level, c.level_set_at, c.opened_at,
  c.opened_source, c.signal_count, c.last_signal_at, c.first_contact_at, c.escalation_step, c.escalated_at,
  c.smd_risk_level, c.smd_assessed_at, c.police_liaison_at, c.assigned_to, c.closed_at, c.version`;

const toCase = (r: DbCase): CaseRow => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  regionCode: r.region_code,
  status: r.status,
  level: r.level,
  levelSetAt: r.level_set_at,
  openedAt: r.opened_at,
  openedSource: r.opened_source,
  signalCount: Number(r.signal_count),
  lastSignalAt: r.last_signal_at,
  firstContactAt: r.first_contact_at,
  escalationStep: Number(r.escalation_step),
  escalatedAt: r.escalated_at,
  smdRiskLevel: r.smd_risk_level === null ? null : Number(r.smd_risk_level),
  smdAssessedAt: r.smd_assessed_at,
  policeLiaisonAt: r.police_liaison_at,
  assignedTo: r.assigned_to,
  closedAt: r.closed_at,
  version: Number(r.version),
});

export interface ReportInsert {
  source: 'field_report' | 'hospital' | 'police';
  reporterId: string;
  reporterKind: string;
  personId: string | null;
  regionCode: string;
  urgency: CrisisLevel;
  observed: readonly string[];
  descriptionEnc: string | null;
  locationEnc: string | null;
  subjectEnc: string | null;
  reportedAt: Date;
}

export interface ReportRow {
  id: string;
  source: string;
  reporterId: string;
  reporterName: string;
  reporterKind: string;
  personId: string | null;
  regionCode: string;
  urgency: CrisisLevel;
  observed: string[];
  descriptionEnc: string | null;
  locationEnc: string | null;
  subjectEnc: string | null;
  reportedAt: Date;
}

export interface TriageInsert {
  caseId: string;
  thoughts: Thoughts;
  plan: boolean;
  means: boolean;
  timeframe: Timeframe;
  recentAttempt: boolean;
  level: CrisisLevel;
  smdRiskLevel: number | null;
  notesEnc: string | null;
  triagedBy: string;
  at: Date;
}

export interface KeyPersonRow {
  id: string;
  caseId: string;
  personId: string;
  personName: string;
  regionCode: string;
  checkEveryDays: number;
  contactAccountId: string;
  contactName: string;
  contactPhoneEnc: string | null;
  feedbackAt: Date;
  managedFrom: Date | null;
  endedAt: Date | null;
  lastCheckAt: Date | null;
  escalatedDue: Date | null;
}

/** All crisis SQL except signal intake (crisis-signal-repository.ts). */
export class CrisisRepository {
  constructor(private readonly db: Queryable) {}

  async findCase(id: string, forUpdate = false): Promise<CaseRow | undefined> {
    const rows = await this.db.query<DbCase>(
      `SELECT ${CASE_COLUMNS} FROM crisis_cases c LEFT JOIN persons p ON p.id = c.person_id
        WHERE c.id = $1 ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
      [id],
    );
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  /** Open cases (or recently closed with `includeClosed`) within the prefixes, most urgent first. */
  async listCases(prefixes: readonly string[], opts: { region?: string | undefined; personId?: string | undefined; includeClosed: boolean; limit: number }): Promise<CaseRow[]> {
    const rows = await this.db.query<DbCase>(
      `SELECT ${CASE_COLUMNS} FROM crisis_cases c LEFT JOIN persons p ON p.id = c.person_id
        WHERE c.region_code LIKE ANY($1::text[])
          AND ($2::text IS NULL OR c.region_code LIKE $2 || '%')
          AND ($3::boolean OR c.status <> 'closed')
          AND ($5::uuid IS NULL OR c.person_id = $5)
        ORDER BY (c.status = 'closed'), CASE c.level WHEN 'imminent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, c.level_set_at
        LIMIT $4`,
      [prefixes.map((p) => `${p}%`), opts.region ?? null, opts.includeClosed, opts.limit, opts.personId ?? null],
    );
    return rows.map(toCase);
  }

  /** Every open case (for the escalation job). */
  async openCases(): Promise<CaseRow[]> {
    const rows = await this.db.query<DbCase>(
      `SELECT ${CASE_COLUMNS} FROM crisis_cases c LEFT JOIN persons p ON p.id = c.person_id
        WHERE c.status <> 'closed' ORDER BY c.level_set_at`,
    );
    return rows.map(toCase);
  }

  /** A token that changes whenever a case in the prefixes changes (the board's live stream polls it). */
  async boardToken(prefixes: readonly string[]): Promise<string> {
    const rows = await this.db.query<{ n: number; v: number | null }>(
      `SELECT count(*) AS n, sum(version) AS v FROM crisis_cases WHERE region_code LIKE ANY($1::text[])`,
      [prefixes.map((p) => `${p}%`)],
    );
    return `${Number(rows[0]?.n ?? 0)}:${Number(rows[0]?.v ?? 0)}`;
  }

  async updateStatus(id: string, status: CaseStatus, at: Date, closedBy: string | null): Promise<void> {
    await this.db.query(
      `UPDATE crisis_cases SET status = $2, closed_at = CASE WHEN $2 = 'closed' THEN $3::timestamptz ELSE NULL END,
              closed_by = CASE WHEN $2 = 'closed' THEN $4::uuid ELSE NULL END, version = version + 1, updated_at = $3
        WHERE id = $1`,
      [id, status, at, closedBy],
    );
  }

  async insertTransition(t: { caseId: string; event: CaseEvent; from: CaseStatus; to: CaseStatus; by: string; at: Date; reviewEnc: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO crisis_transitions (case_id, event, from_status, to_status, by_account, at, review_enc)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [t.caseId, t.event, t.from, t.to, t.by, t.at, t.reviewEnc],
    );
  }

  async transitions(caseId: string): Promise<{ id: number; event: string; from: string; to: string; by: string; byName: string; at: Date; reviewEnc: string | null }[]> {
    const rows = await this.db.query<{ id: number; event: string; from_status: string; to_status: string; by_account: string; display_name: string; at: Date; review_enc: string | null }>(
      `SELECT t.id, t.event, t.from_status, t.to_status, t.by_account, a.display_name, t.at, t.review_enc
         FROM crisis_transitions t JOIN accounts a ON a.id = t.by_account WHERE t.case_id = $1 ORDER BY t.id`,
      [caseId],
    );
    return rows.map((r) => ({ id: Number(r.id), event: r.event, from: r.from_status, to: r.to_status, by: r.by_account, byName: r.display_name, at: r.at, reviewEnc: r.review_enc }));
  }

  async insertReport(r: ReportInsert): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_reports (source, reporter_id, reporter_kind, person_id, region_code, urgency, observed,
                                   description_enc, location_enc, subject_enc, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, ARRAY(SELECT jsonb_array_elements_text($7::jsonb)), $8, $9, $10, $11)
       RETURNING id`,
      [r.source, r.reporterId, r.reporterKind, r.personId, r.regionCode, r.urgency, JSON.stringify(r.observed), r.descriptionEnc, r.locationEnc, r.subjectEnc, r.reportedAt],
    );
    const row = rows[0];
    if (!row) throw new Error('crisis report insert returned no row');
    return row.id;
  }

  async setReportCase(reportId: string, caseId: string): Promise<void> {
    await this.db.query('UPDATE crisis_reports SET case_id = $2 WHERE id = $1', [reportId, caseId]);
  }

  async reportsOf(caseId: string): Promise<ReportRow[]> {
    const rows = await this.db.query<{
      id: string; source: string; reporter_id: string; display_name: string; reporter_kind: string; person_id: string | null;
      region_code: string; urgency: CrisisLevel; observed: string[]; description_enc: string | null; location_enc: string | null;
      subject_enc: string | null; reported_at: Date;
    }>(
      `SELECT r.id, r.source, r.reporter_id, a.display_name, r.reporter_kind, r.person_id, r.region_code, r.urgency, r.observed,
              r.description_enc, r.location_enc, r.subject_enc, r.reported_at
         FROM crisis_reports r JOIN accounts a ON a.id = r.reporter_id WHERE r.case_id = $1 ORDER BY r.reported_at`,
      [caseId],
    );
    return rows.map((r) => ({
      id: r.id, source: r.source, reporterId: r.reporter_id, reporterName: r.display_name, reporterKind: r.reporter_kind,
      personId: r.person_id, regionCode: r.region_code, urgency: r.urgency, observed: r.observed, descriptionEnc: r.description_enc,
      locationEnc: r.location_enc, subjectEnc: r.subject_enc, reportedAt: r.reported_at,
    }));
  }

  /** Reports whose signal never made it into a case (for reconciliation). */
  async orphanReports(limit: number): Promise<{ id: string; source: 'field_report' | 'hospital' | 'police'; personId: string | null; regionCode: string; urgency: CrisisLevel; observed: string[]; reporterId: string; reportedAt: Date }[]> {
    const rows = await this.db.query<{ id: string; source: 'field_report' | 'hospital' | 'police'; person_id: string | null; region_code: string; urgency: CrisisLevel; observed: string[]; reporter_id: string; reported_at: Date }>(
      `SELECT id, source, person_id, region_code, urgency, observed, reporter_id, reported_at
         FROM crisis_reports WHERE case_id IS NULL ORDER BY reported_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, source: r.source, personId: r.person_id, regionCode: r.region_code, urgency: r.urgency, observed: r.observed, reporterId: r.reporter_id, reportedAt: r.reported_at }));
  }

  /** Crisis-level assessment flags with no signal (for reconciliation); source id as the assessment module writes it. */
  async orphanAssessmentFlags(limit: number): Promise<{ sourceId: string; personId: string; regionCode: string; level: CrisisLevel; flag: string; administeredBy: string | null; at: Date }[]> {
    const rows = await this.db.query<{ source_id: string; person_id: string; region_code: string; level: CrisisLevel; flag: string; administered_by: string | null; at: Date }>(
      `SELECT f.assessment_id::text || ':' || f.rule_id AS source_id, a.person_id, a.region_code, f.level, f.flag,
              a.administered_by, COALESCE(a.completed_at, f.created_at) AS at
         FROM assessment_flags f JOIN assessments a ON a.id = f.assessment_id
        WHERE f.action = 'crisis' AND a.status = 'submitted'
          AND NOT EXISTS (SELECT 1 FROM crisis_signals s
                           WHERE s.source = 'assessment' AND s.source_id = f.assessment_id::text || ':' || f.rule_id)
        ORDER BY f.created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ sourceId: r.source_id, personId: r.person_id, regionCode: r.region_code, level: r.level, flag: r.flag, administeredBy: r.administered_by, at: r.at }));
  }

  async signalsOf(caseId: string): Promise<{ id: string; source: string; sourceId: string; level: CrisisLevel; reasons: string[]; at: Date }[]> {
    const rows = await this.db.query<{ id: string; source: string; source_id: string; level: CrisisLevel; reasons: string[]; at: Date }>(
      'SELECT id, source, source_id, level, reasons, at FROM crisis_signals WHERE case_id = $1 ORDER BY at, created_at',
      [caseId],
    );
    return rows.map((r) => ({ id: r.id, source: r.source, sourceId: r.source_id, level: r.level, reasons: r.reasons, at: r.at }));
  }

  async insertTriage(t: TriageInsert): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_triages (case_id, thoughts, plan, means, timeframe, recent_attempt, level, smd_risk_level, notes_enc, triaged_by, triaged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [t.caseId, t.thoughts, t.plan, t.means, t.timeframe, t.recentAttempt, t.level, t.smdRiskLevel, t.notesEnc, t.triagedBy, t.at],
    );
    const row = rows[0];
    if (!row) throw new Error('triage insert returned no row');
    return row.id;
  }

  async triagesOf(caseId: string): Promise<{ id: string; thoughts: Thoughts; plan: boolean; means: boolean; timeframe: Timeframe; recentAttempt: boolean; level: CrisisLevel; smdRiskLevel: number | null; notesEnc: string | null; byName: string; at: Date }[]> {
    const rows = await this.db.query<{ id: string; thoughts: Thoughts; plan: boolean; means: boolean; timeframe: Timeframe; recent_attempt: boolean; level: CrisisLevel; smd_risk_level: number | null; notes_enc: string | null; display_name: string; triaged_at: Date }>(
      `SELECT t.id, t.thoughts, t.plan, t.means, t.timeframe, t.recent_attempt, t.level, t.smd_risk_level, t.notes_enc, a.display_name, t.triaged_at
         FROM crisis_triages t JOIN accounts a ON a.id = t.triaged_by WHERE t.case_id = $1 ORDER BY t.triaged_at`,
      [caseId],
    );
    return rows.map((r) => ({
      id: r.id, thoughts: r.thoughts, plan: r.plan, means: r.means, timeframe: r.timeframe, recentAttempt: r.recent_attempt,
      level: r.level, smdRiskLevel: r.smd_risk_level === null ? null : Number(r.smd_risk_level), notesEnc: r.notes_enc, byName: r.display_name, at: r.triaged_at,
    }));
  }

  /** Applies triage to the case: the triaged level (restarting its clock when it changes), first contact, SMD risk, person link. */
  async applyTriage(id: string, t: { level: CrisisLevel; at: Date; smdRiskLevel: number | null; personId: string | null; by: string }): Promise<void> {
    await this.db.query(
      `UPDATE crisis_cases
          SET level_set_at = CASE WHEN level = $2 THEN level_set_at ELSE $3 END,
              level = $2,
              first_contact_at = COALESCE(first_contact_at, $3),
              smd_risk_level = COALESCE($4::smallint, smd_risk_level),
              smd_assessed_at = CASE WHEN $4::smallint IS NULL THEN smd_assessed_at ELSE $3 END,
              person_id = COALESCE(person_id, $5::uuid),
              assigned_to = COALESCE(assigned_to, $6::uuid),
              version = version + 1, updated_at = $3
        WHERE id = $1`,
      [id, t.level, t.at, t.smdRiskLevel, t.personId, t.by],
    );
  }

  async hasOpenCaseForPerson(personId: string, exceptCaseId: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM crisis_cases WHERE person_id = $1 AND status <> 'closed' AND id <> $2`,
      [personId, exceptCaseId],
    );
    return rows.length > 0;
  }

  async nextSafetyPlanVersion(caseId: string): Promise<number> {
    const rows = await this.db.query<{ v: number | null }>('SELECT max(version) AS v FROM crisis_safety_plans WHERE case_id = $1', [caseId]);
    return Number(rows[0]?.v ?? 0) + 1;
  }

  async insertSafetyPlan(p: { caseId: string; version: number; contentEnc: string; by: string; at: Date }): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_safety_plans (case_id, version, content_enc, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [p.caseId, p.version, p.contentEnc, p.by, p.at],
    );
    const row = rows[0];
    if (!row) throw new Error('safety plan insert returned no row');
    return row.id;
  }

  async latestSafetyPlan(caseId: string): Promise<{ id: string; version: number; contentEnc: string; byName: string; at: Date } | undefined> {
    const rows = await this.db.query<{ id: string; version: number; content_enc: string; display_name: string; created_at: Date }>(
      `SELECT s.id, s.version, s.content_enc, a.display_name, s.created_at FROM crisis_safety_plans s JOIN accounts a ON a.id = s.created_by
        WHERE s.case_id = $1 ORDER BY s.version DESC LIMIT 1`,
      [caseId],
    );
    const r = rows[0];
    return r ? { id: r.id, version: Number(r.version), contentEnc: r.content_enc, byName: r.display_name, at: r.created_at } : undefined;
  }

  async insertContact(c: { caseId: string; mode: string; reached: boolean; notesEnc: string | null; by: string; at: Date }): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_contacts (case_id, mode, reached, notes_enc, contact_by, contact_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [c.caseId, c.mode, c.reached, c.notesEnc, c.by, c.at],
    );
    const row = rows[0];
    if (!row) throw new Error('contact insert returned no row');
    return row.id;
  }

  async contactsOf(caseId: string): Promise<{ id: string; mode: string; reached: boolean; notesEnc: string | null; byName: string; at: Date }[]> {
    const rows = await this.db.query<{ id: string; mode: string; reached: boolean; notes_enc: string | null; display_name: string; contact_at: Date }>(
      `SELECT c.id, c.mode, c.reached, c.notes_enc, a.display_name, c.contact_at FROM crisis_contacts c JOIN accounts a ON a.id = c.contact_by
        WHERE c.case_id = $1 ORDER BY c.contact_at`,
      [caseId],
    );
    return rows.map((r) => ({ id: r.id, mode: r.mode, reached: r.reached, notesEnc: r.notes_enc, byName: r.display_name, at: r.contact_at }));
  }

  /** Records on the case what a contact changes: first contact (when reached) and police liaison. */
  async noteContact(id: string, c: { reached: boolean; policeLiaison: boolean; at: Date }): Promise<void> {
    await this.db.query(
      `UPDATE crisis_cases
          SET first_contact_at = CASE WHEN $2 THEN COALESCE(first_contact_at, $4) ELSE first_contact_at END,
              police_liaison_at = CASE WHEN $3 THEN COALESCE(police_liaison_at, $4) ELSE police_liaison_at END,
              version = version + 1, updated_at = $4
        WHERE id = $1`,
      [id, c.reached, c.policeLiaison, c.at],
    );
  }

  async insertAdmission(a: { caseId: string; hospitalOrgId: string | null; hospitalName: string; admittedOn: string; arrangedBy: string; involuntary: boolean }): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_admissions (case_id, hospital_org_id, hospital_name, admitted_on, arranged_by, involuntary)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [a.caseId, a.hospitalOrgId, a.hospitalName, a.admittedOn, a.arrangedBy, a.involuntary],
    );
    const row = rows[0];
    if (!row) throw new Error('admission insert returned no row');
    return row.id;
  }

  async currentAdmission(caseId: string): Promise<{ id: string; admittedOn: string } | undefined> {
    const rows = await this.db.query<{ id: string; admitted_on: string }>(
      'SELECT id, admitted_on FROM crisis_admissions WHERE case_id = $1 AND discharged_on IS NULL',
      [caseId],
    );
    const r = rows[0];
    return r ? { id: r.id, admittedOn: r.admitted_on } : undefined;
  }

  async discharge(admissionId: string, dischargedOn: string, notesEnc: string | null): Promise<void> {
    await this.db.query('UPDATE crisis_admissions SET discharged_on = $2, discharge_notes_enc = $3 WHERE id = $1', [admissionId, dischargedOn, notesEnc]);
  }

  async admissionsOf(caseId: string): Promise<{ id: string; hospitalName: string; admittedOn: string; arrangedByName: string; involuntary: boolean; dischargedOn: string | null; dischargeNotesEnc: string | null }[]> {
    const rows = await this.db.query<{ id: string; hospital_name: string; admitted_on: string; display_name: string; involuntary: boolean; discharged_on: string | null; discharge_notes_enc: string | null }>(
      `SELECT d.id, d.hospital_name, d.admitted_on, a.display_name, d.involuntary, d.discharged_on, d.discharge_notes_enc
         FROM crisis_admissions d JOIN accounts a ON a.id = d.arranged_by WHERE d.case_id = $1 ORDER BY d.admitted_on, d.created_at`,
      [caseId],
    );
    return rows.map((r) => ({ id: r.id, hospitalName: r.hospital_name, admittedOn: r.admitted_on, arrangedByName: r.display_name, involuntary: r.involuntary, dischargedOn: r.discharged_on, dischargeNotesEnc: r.discharge_notes_enc }));
  }

  async insertKeyPerson(k: { caseId: string; personId: string; regionCode: string; checkEveryDays: number; contactAccountId: string; contactPhoneEnc: string | null; at: Date }): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_key_persons (case_id, person_id, region_code, check_every_days, contact_account_id, contact_phone_enc, feedback_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [k.caseId, k.personId, k.regionCode, k.checkEveryDays, k.contactAccountId, k.contactPhoneEnc, k.at],
    );
    const row = rows[0];
    if (!row) throw new Error('key person insert returned no row');
    return row.id;
  }

  async startGridManagement(caseId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE crisis_key_persons SET managed_from = COALESCE(managed_from, $2) WHERE case_id = $1', [caseId, at]);
  }

  async endKeyPerson(caseId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE crisis_key_persons SET ended_at = COALESCE(ended_at, $2) WHERE case_id = $1', [caseId, at]);
  }

  private keyPersonSelect(where: string): string {
    return `SELECT k.id, k.case_id, k.person_id, p.name AS person_name, k.region_code, k.check_every_days, k.contact_account_id,
                   a.display_name AS contact_name, k.contact_phone_enc, k.feedback_at, k.managed_from, k.ended_at, k.last_check_at, k.escalated_due
              FROM crisis_key_persons k JOIN persons p ON p.id = k.person_id JOIN accounts a ON a.id = k.contact_account_id
             WHERE ${where}`;
  }

  private static toKeyPerson(r: {
    id: string; case_id: string; person_id: string; person_name: string; region_code: string; check_every_days: number; contact_account_id: string;
    contact_name: string; contact_phone_enc: string | null; feedback_at: Date; managed_from: Date | null; ended_at: Date | null; last_check_at: Date | null; escalated_due: Date | null;
  }): KeyPersonRow {
    return {
      id: r.id, caseId: r.case_id, personId: r.person_id, personName: r.person_name, regionCode: r.region_code, checkEveryDays: Number(r.check_every_days),
      contactAccountId: r.contact_account_id, contactName: r.contact_name, contactPhoneEnc: r.contact_phone_enc, feedbackAt: r.feedback_at,
      managedFrom: r.managed_from, endedAt: r.ended_at, lastCheckAt: r.last_check_at, escalatedDue: r.escalated_due,
    };
  }

  async keyPersons(prefixes: readonly string[], region: string | undefined): Promise<KeyPersonRow[]> {
    const rows = await this.db.query<Parameters<typeof CrisisRepository.toKeyPerson>[0]>(
      `${this.keyPersonSelect(`k.ended_at IS NULL AND k.region_code LIKE ANY($1::text[]) AND ($2::text IS NULL OR k.region_code LIKE $2 || '%')`)}
       ORDER BY k.region_code, p.name, k.id`,
      [prefixes.map((p) => `${p}%`), region ?? null],
    );
    return rows.map(CrisisRepository.toKeyPerson);
  }

  async keyPerson(id: string, forUpdate = false): Promise<KeyPersonRow | undefined> {
    const rows = await this.db.query<Parameters<typeof CrisisRepository.toKeyPerson>[0]>(
      `${this.keyPersonSelect('k.id = $1')} ${forUpdate ? 'FOR UPDATE OF k' : ''}`,
      [id],
    );
    return rows[0] ? CrisisRepository.toKeyPerson(rows[0]) : undefined;
  }

  async keyPersonOfCase(caseId: string): Promise<KeyPersonRow | undefined> {
    const rows = await this.db.query<Parameters<typeof CrisisRepository.toKeyPerson>[0]>(this.keyPersonSelect('k.case_id = $1'), [caseId]);
    return rows[0] ? CrisisRepository.toKeyPerson(rows[0]) : undefined;
  }

  /** Key persons under active grid management (for the missed-check escalation). */
  async managedKeyPersons(): Promise<KeyPersonRow[]> {
    const rows = await this.db.query<Parameters<typeof CrisisRepository.toKeyPerson>[0]>(
      this.keyPersonSelect('k.ended_at IS NULL AND k.managed_from IS NOT NULL'),
    );
    return rows.map(CrisisRepository.toKeyPerson);
  }

  async insertGridCheck(c: { keyPersonId: string; outcome: string; by: string; at: Date }): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_grid_checks (key_person_id, outcome, checked_by, checked_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [c.keyPersonId, c.outcome, c.by, c.at],
    );
    await this.db.query(
      `UPDATE crisis_key_persons SET last_check_at = GREATEST(COALESCE(last_check_at, $2), $2) WHERE id = $1`,
      [c.keyPersonId, c.at],
    );
    const row = rows[0];
    if (!row) throw new Error('grid check insert returned no row');
    return row.id;
  }

  async markKeyPersonEscalated(id: string, due: Date): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE crisis_key_persons SET escalated_due = $2 WHERE id = $1 AND (escalated_due IS NULL OR escalated_due <> $2) RETURNING id`,
      [id, due],
    );
    return rows.length > 0;
  }

  async bumpCase(id: string, at: Date): Promise<void> {
    await this.db.query('UPDATE crisis_cases SET version = version + 1, updated_at = $2 WHERE id = $1', [id, at]);
  }

  /** Raises the escalation step (never lowers it); true when this call raised it. */
  async raiseEscalation(id: string, step: number, at: Date): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE crisis_cases SET escalation_step = $2, escalated_at = $3, version = version + 1, updated_at = $3
        WHERE id = $1 AND escalation_step < $2 RETURNING id`,
      [id, step, at],
    );
    return rows.length > 0;
  }

  async resetEscalation(id: string): Promise<void> {
    await this.db.query('UPDATE crisis_cases SET escalation_step = 0 WHERE id = $1 AND escalation_step <> 0', [id]);
  }

  // --- who to tell -------------------------------------------------------------------------------

  /** Accounts on call now for a roster region containing the case region. */
  async onCallFor(regionCode: string, at: Date): Promise<string[]> {
    const rows = await this.db.query<{ account_id: string; region_code: string }>(
      `SELECT o.account_id, o.region_code FROM crisis_on_call o JOIN accounts a ON a.id = o.account_id
        WHERE o.starts_at <= $1 AND o.ends_at > $1 AND a.disabled_at IS NULL`,
      [at],
    );
    return rowsCovering(rows, regionCode);
  }

  /** Members (or only leads) of crisis teams whose area contains the region. */
  async crisisTeamFor(regionCode: string, leadsOnly: boolean): Promise<string[]> {
    const rows = await this.db.query<{ account_id: string; region_code: string }>(
      `SELECT m.account_id, r.region_code
         FROM teams t JOIN team_members m ON m.team_id = t.id JOIN accounts a ON a.id = m.account_id
         JOIN (SELECT id AS team_id, region_code FROM teams UNION SELECT team_id, region_code FROM team_regions) r ON r.team_id = t.id
        WHERE t.kind = 'crisis' AND a.disabled_at IS NULL AND ($1::boolean = false OR m.is_lead)`,
      [leadsOnly],
    );
    return rowsCovering(rows, regionCode);
  }

  /** County psychological specialists (accounts.designated_post) with a role in a region containing the case region. */
  async countySpecialistsFor(regionCode: string): Promise<string[]> {
    const rows = await this.db.query<{ account_id: string; region_code: string }>(
      `SELECT r.account_id, r.region_code FROM role_assignments r JOIN accounts a ON a.id = r.account_id
        WHERE a.designated_post = 'county_specialist' AND a.disabled_at IS NULL`,
    );
    return rowsCovering(rows, regionCode);
  }

  /** Grid and social workers whose role region contains the person's residence, or lies within it (its grids). */
  async communityWorkersFor(regionCode: string): Promise<string[]> {
    const rows = await this.db.query<{ account_id: string; region_code: string }>(
      `SELECT r.account_id, r.region_code FROM role_assignments r JOIN accounts a ON a.id = r.account_id
        WHERE r.role IN ('grid_worker', 'social_worker') AND a.disabled_at IS NULL
          AND substr(r.region_code, 1, 6) = substr($1, 1, 6)`,
      [regionCode],
    );
    const out = new Set<string>();
    for (const r of rows) if (isWithinRegion(regionCode, r.region_code) || isWithinRegion(r.region_code, regionCode)) out.add(r.account_id);
    return [...out];
  }

  async insertOnCall(o: { regionCode: string; accountId: string; startsAt: Date; endsAt: Date; createdBy: string }): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_on_call (region_code, account_id, starts_at, ends_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [o.regionCode, o.accountId, o.startsAt, o.endsAt, o.createdBy],
    );
    const row = rows[0];
    if (!row) throw new Error('on-call insert returned no row');
    return row.id;
  }

  async listOnCall(prefixes: readonly string[], from: Date): Promise<{ id: string; regionCode: string; accountId: string; accountName: string; startsAt: Date; endsAt: Date }[]> {
    const rows = await this.db.query<{ id: string; region_code: string; account_id: string; display_name: string; starts_at: Date; ends_at: Date }>(
      `SELECT o.id, o.region_code, o.account_id, a.display_name, o.starts_at, o.ends_at
         FROM crisis_on_call o JOIN accounts a ON a.id = o.account_id
        WHERE o.region_code LIKE ANY($1::text[]) AND o.ends_at > $2 ORDER BY o.starts_at LIMIT 200`,
      [prefixes.map((p) => `${p}%`), from],
    );
    return rows.map((r) => ({ id: r.id, regionCode: r.region_code, accountId: r.account_id, accountName: r.display_name, startsAt: r.starts_at, endsAt: r.ends_at }));
  }

  async accountExists(id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>('SELECT id FROM accounts WHERE id = $1 AND disabled_at IS NULL', [id]);
    return rows.length > 0;
  }

  async regionExists(code: string): Promise<boolean> {
    const rows = await this.db.query<{ code: string }>('SELECT code FROM regions WHERE code = $1', [code]);
    return rows.length > 0;
  }

  async personRegion(personId: string): Promise<string | undefined> {
    const rows = await this.db.query<{ region_code: string }>('SELECT region_code FROM persons WHERE id = $1 AND merged_into IS NULL', [personId]);
    return rows[0]?.region_code;
  }
}

/** Distinct account ids from rows whose region contains `regionCode`. */
function rowsCovering(rows: readonly { account_id: string; region_code: string }[], regionCode: string): string[] {
  const out = new Set<string>();
  for (const r of rows) if (isWithinRegion(regionCode, r.region_code)) out.add(r.account_id);
  return [...out];
}
