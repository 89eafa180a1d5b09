import type { Queryable } from '../../db/database.ts';

export type AssessmentMode = 'in_person' | 'phone' | 'self';
export type AssessmentLanguage = 'zh' | 'en';
export type AssessmentStatus = 'draft' | 'submitted';

export interface AssessmentRecord {
  id: string;
  personId: string;
  regionCode: string;
  instrument: string;
  instrumentVersion: string;
  mode: AssessmentMode;
  language: AssessmentLanguage;
  status: AssessmentStatus;
  answers: (number | null)[];
  total: number | null;
  severity: string | null;
  complete: boolean | null;
  subscales: Record<string, number | null> | null;
  derived: Record<string, number> | null;
  consentId: string | null;
  version: number;
  previousId: string | null;
  amendmentReasonEnc: string | null;
  administeredBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  /** The id of the version that amends this one, if any. */
  amendedBy: string | null;
}

export interface FlagRecord {
  ruleId: string;
  flag: string;
  level: 'imminent' | 'high' | 'moderate';
  action: 'crisis' | 'consultation';
  reasonZh: string;
  reasonEn: string;
}

interface Row {
  id: string;
  person_id: string;
  region_code: string;
  instrument: string;
  instrument_version: string;
  mode: AssessmentMode;
  language: AssessmentLanguage;
  status: AssessmentStatus;
  answers: (number | null)[];
  total: number | null;
  severity: string | null;
  complete: boolean | null;
  subscales: Record<string, number | null> | null;
  derived: Record<string, number> | null;
  consent_id: string | null;
  version: number;
  previous_id: string | null;
  amendment_reason_enc: string | null;
  administered_by: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  amended_by: string | null;
}

const toRecord = (r: Row): AssessmentRecord => ({
  id: r.id,
  personId: r.person_id,
  regionCode: r.region_code,
  instrument: r.instrument,
  instrumentVersion: r.instrument_version,
  mode: r.mode,
  language: r.language,
  status: r.status,
  answers: r.answers,
  total: r.total,
  severity: r.severity,
  complete: r.complete,
  subscales: r.subscales,
  derived: r.derived,
  consentId: r.consent_id,
  version: r.version,
  previousId: r.previous_id,
  amendmentReasonEnc: r.amendment_reason_enc,
  administeredBy: r.administered_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  completedAt: r.completed_at,
  amendedBy: r.amended_by,
});

const SELECT = `SELECT a.*, (SELECT n.id FROM assessments n WHERE n.previous_id = a.id) AS amended_by FROM assessments a`;

export interface NewAssessment {
  personId: string;
  regionCode: string;
  instrument: string;
  instrumentVersion: string;
  mode: AssessmentMode;
  language: AssessmentLanguage;
  answers: (number | null)[];
  consentId: string | null;
  administeredBy: string | null;
  version: number;
  previousId: string | null;
  amendmentReasonEnc: string | null;
  at: Date;
}

export interface ScoredFields {
  total: number | null;
  severity: string | null;
  complete: boolean;
  subscales: Record<string, number | null>;
  derived: Record<string, number> | null;
}

export class AssessmentRepository {
  constructor(private readonly q: Queryable) {}

  /** Inserts a draft, or (with `scored`) a version already submitted at `at`. */
  async insert(a: NewAssessment, scored?: ScoredFields): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO assessments (person_id, region_code, instrument, instrument_version, mode, language, status, answers,
         total, severity, complete, subscales, derived, consent_id, version, previous_id, amendment_reason_enc,
         administered_by, created_at, updated_at, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15, $16, $17, $18, $19, $19, $20)
       RETURNING id`,
      [
        a.personId,
        a.regionCode,
        a.instrument,
        a.instrumentVersion,
        a.mode,
        a.language,
        scored ? 'submitted' : 'draft',
        JSON.stringify(a.answers),
        scored?.total ?? null,
        scored?.severity ?? null,
        scored?.complete ?? null,
        scored ? JSON.stringify(scored.subscales) : null,
        scored?.derived ? JSON.stringify(scored.derived) : null,
        a.consentId,
        a.version,
        a.previousId,
        a.amendmentReasonEnc,
        a.administeredBy,
        a.at,
        scored ? a.at : null,
      ],
    );
    return (rows[0] as { id: string }).id;
  }

  async find(id: string): Promise<AssessmentRecord | undefined> {
    const rows = await this.q.query<Row>(`${SELECT} WHERE a.id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Locks a row for the rest of the transaction (submit and amend race safely). */
  async findForUpdate(id: string): Promise<AssessmentRecord | undefined> {
    const rows = await this.q.query<Row>(`SELECT a.*, NULL::uuid AS amended_by FROM assessments a WHERE a.id = $1 FOR UPDATE`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Saves draft answers; false when the row is no longer a draft. */
  async saveDraftAnswers(id: string, answers: (number | null)[], at: Date): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>(
      `UPDATE assessments SET answers = $2::jsonb, updated_at = $3 WHERE id = $1 AND status = 'draft' RETURNING id`,
      [id, JSON.stringify(answers), at],
    );
    return rows.length === 1;
  }

  /** Turns a draft into a submitted result; false when it was not a draft any more. */
  async submitDraft(id: string, answers: (number | null)[], scored: ScoredFields, at: Date): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>(
      `UPDATE assessments SET status = 'submitted', answers = $2::jsonb, total = $3, severity = $4, complete = $5,
         subscales = $6::jsonb, derived = $7::jsonb, updated_at = $8, completed_at = $8
       WHERE id = $1 AND status = 'draft' RETURNING id`,
      [id, JSON.stringify(answers), scored.total, scored.severity, scored.complete, JSON.stringify(scored.subscales), scored.derived ? JSON.stringify(scored.derived) : null, at],
    );
    return rows.length === 1;
  }

  async insertFlags(assessmentId: string, flags: readonly FlagRecord[], at: Date): Promise<void> {
    for (const f of flags) {
      await this.q.query(
        `INSERT INTO assessment_flags (assessment_id, rule_id, flag, level, action, reason_zh, reason_en, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [assessmentId, f.ruleId, f.flag, f.level, f.action, f.reasonZh, f.reasonEn, at],
      );
    }
  }

  async flagsOf(assessmentIds: readonly string[]): Promise<Map<string, FlagRecord[]>> {
    const out = new Map<string, FlagRecord[]>();
    if (assessmentIds.length === 0) return out;
    const rows = await this.q.query<{
      assessment_id: string;
      rule_id: string;
      flag: string;
      level: FlagRecord['level'];
      action: FlagRecord['action'];
      reason_zh: string;
      reason_en: string;
    }>(
      `SELECT assessment_id, rule_id, flag, level, action, reason_zh, reason_en FROM assessment_flags
       WHERE assessment_id = ANY ($1::uuid[]) ORDER BY CASE level WHEN 'imminent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, rule_id`,
      [assessmentIds],
    );
    for (const r of rows) {
      const list = out.get(r.assessment_id) ?? [];
      list.push({ ruleId: r.rule_id, flag: r.flag, level: r.level, action: r.action, reasonZh: r.reason_zh, reasonEn: r.reason_en });
      out.set(r.assessment_id, list);
    }
    return out;
  }

  /** A person's assessments (drafts included), newest first. */
  async listForPerson(personId: string, limit: number): Promise<AssessmentRecord[]> {
    const rows = await this.q.query<Row>(
      `${SELECT} WHERE a.person_id = $1 ORDER BY COALESCE(a.completed_at, a.created_at) DESC, a.version DESC, a.created_at DESC, a.id LIMIT $2`,
      [personId, limit],
    );
    return rows.map(toRecord);
  }
}
