import type { RoleAssignment } from '@anxin/domain';
import type { Program, SmdClassification } from '@anxin/domain/followup/follow-up-policy.ts';
import type { TaskStatus } from '@anxin/domain/followup/follow-up-task.ts';
import type { Queryable } from '../../db/database.ts';

export const OPEN = `('scheduled', 'due', 'overdue')`;

export interface EnrolmentRecord {
  id: string;
  personId: string;
  program: Program;
  regionCode: string;
  teamId: string | null;
  workerId: string | null;
  status: 'active' | 'withdrawn' | 'closed';
  enrolledOn: string;
  endedOn: string | null;
  endReason: string | null;
  lastClassification: SmdClassification | null;
}

export interface TaskRecord {
  id: string;
  enrolmentId: string;
  personId: string;
  program: Program;
  regionCode: string;
  teamId: string | null;
  workerId: string | null;
  dueDate: string;
  windowStart: string;
  windowEnd: string;
  status: TaskStatus;
  rule: string;
  withSpecialist: boolean;
  closedAt: Date | null;
}

interface EnrolmentRow {
  id: string;
  person_id: string;
  program: Program;
  region_code: string;
  team_id: string | null;
  worker_id: string | null;
  status: 'active' | 'withdrawn' | 'closed';
  enrolled_on: string;
  ended_on: string | null;
  end_reason: string | null;
  last_classification: SmdClassification | null;
}

interface TaskRow {
  id: string;
  enrolment_id: string;
  person_id: string;
  program: Program;
  region_code: string;
  team_id: string | null;
  worker_id: string | null;
  due_date: string;
  window_start: string;
  window_end: string;
  status: TaskStatus;
  rule: string;
  with_specialist: boolean;
  closed_at: Date | null;
}

const toEnrolment = (r: EnrolmentRow): EnrolmentRecord => ({
  id: r.id,
  personId: r.person_id,
  program: r.program,
  regionCode: r.region_code,
  teamId: r.team_id,
  workerId: r.worker_id,
  status: r.status,
  enrolledOn: r.enrolled_on,
  endedOn: r.ended_on,
  endReason: r.end_reason,
  lastClassification: r.last_classification,
});

const toTask = (r: TaskRow): TaskRecord => ({
  id: r.id,
  enrolmentId: r.enrolment_id,
  personId: r.person_id,
  program: r.program,
  regionCode: r.region_code,
  teamId: r.team_id,
  workerId: r.worker_id,
  dueDate: r.due_date,
  windowStart: r.window_start,
  windowEnd: r.window_end,
  status: r.status,
  rule: r.rule,
  withSpecialist: r.with_specialist,
  closedAt: r.closed_at,
});

const TASK_COLUMNS = `id, enrolment_id, person_id, program, region_code, team_id, worker_id, due_date, window_start, window_end,
  status, rule, with_specialist, closed_at`;

export interface NewTask {
  enrolmentId: string;
  personId: string;
  program: Program;
  regionCode: string;
  teamId: string | null;
  workerId: string | null;
  dueDate: string;
  windowStart: string;
  windowEnd: string;
  status: 'scheduled' | 'due' | 'overdue';
  rule: string;
  withSpecialist: boolean;
  at: Date;
}

export interface NewRecord {
  taskId: string;
  enrolmentId: string;
  personId: string;
  regionCode: string;
  visitedOn: string;
  mode: string;
  reached: boolean;
  unreachedReason: string | null;
  informant: string | null;
  moved: boolean;
  deceasedOn: string | null;
  deathCause: string | null;
  assessmentIds: string[];
  counselingStatus: string | null;
  takesMedication: boolean | null;
  medicationAdherence: string | null;
  sideEffects: string | null;
  riskLevel: number | null;
  symptoms: string | null;
  insight: string | null;
  socialFunction: string | null;
  severeAdverseReaction: boolean | null;
  seriousPhysicalIllness: boolean | null;
  classification: SmdClassification | null;
  guidance: string[];
  notesEnc: string | null;
  proposedNextDate: string | null;
  nextDate: string | null;
  nextRule: string | null;
  nextDateReasonEnc: string | null;
  recordedBy: string;
  at: Date;
}

export interface PersonForFollowUp {
  id: string;
  name: string;
  regionCode: string;
  deceasedOn: string | null;
  mergedInto: string | null;
}

export interface WorklistFilter {
  prefixes: string[];
  workerId?: string;
  teamId?: string;
  regionPrefix?: string;
  program?: Program;
  when: 'today' | 'week' | 'overdue' | 'open';
  today: string;
  weekEnd: string;
  after?: { key: string; id: string };
  limit: number;
}

export interface WorklistRow {
  id: string;
  enrolmentId: string;
  personId: string;
  personName: string;
  sex: string;
  birthDate: string;
  program: Program;
  regionCode: string;
  regionName: string | null;
  teamId: string | null;
  teamName: string | null;
  workerId: string | null;
  workerName: string | null;
  dueDate: string;
  windowStart: string;
  windowEnd: string;
  rule: string;
  withSpecialist: boolean;
}

/** All SQL of the follow-up module. */
export class FollowUpRepository {
  constructor(private readonly db: Queryable) {}

  async findPerson(personId: string, forUpdate = false): Promise<PersonForFollowUp | undefined> {
    const [r] = await this.db.query<{ id: string; name: string; region_code: string; deceased_on: string | null; merged_into: string | null }>(
      `SELECT id, name, region_code, deceased_on, merged_into FROM persons WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [personId],
    );
    return r && { id: r.id, name: r.name, regionCode: r.region_code, deceasedOn: r.deceased_on, mergedInto: r.merged_into };
  }

  /**
   * The team covering a region for a program: teams whose covered regions include the region or one of its
   * ancestors, preferring the program's team kinds in order, then the most local coverage.
   */
  async findCoveringTeam(codes: readonly string[], preferredKinds: readonly string[]): Promise<{ id: string; regionCode: string } | undefined> {
    const [r] = await this.db.query<{ id: string; region_code: string }>(
      `SELECT t.id, t.region_code FROM team_regions tr JOIN teams t ON t.id = tr.team_id
       WHERE tr.region_code = ANY($1::text[]) AND t.kind = ANY($2::text[])
       ORDER BY array_position($2::text[], t.kind), length(rtrim(tr.region_code, '0')) DESC, t.name, t.id
       LIMIT 1`,
      [codes, preferredKinds],
    );
    return r && { id: r.id, regionCode: r.region_code };
  }

  async findTeam(teamId: string): Promise<{ id: string; name: string; regionCode: string } | undefined> {
    const [r] = await this.db.query<{ id: string; name: string; region_code: string }>('SELECT id, name, region_code FROM teams WHERE id = $1', [teamId]);
    return r && { id: r.id, name: r.name, regionCode: r.region_code };
  }

  /** Enabled members of a team with their role assignments and current active caseload. */
  async teamMembers(teamId: string): Promise<Array<{ accountId: string; username: string; isLead: boolean; caseload: number; roles: RoleAssignment[] }>> {
    const rows = await this.db.query<{ account_id: string; username: string; is_lead: boolean; caseload: number; roles: Array<{ role: string; region_code: string }> | null }>(
      `SELECT tm.account_id, a.username, tm.is_lead,
         (SELECT count(*)::int FROM enrolments e WHERE e.worker_id = tm.account_id AND e.status = 'active') AS caseload,
         (SELECT json_agg(json_build_object('role', ra.role, 'region_code', ra.region_code)) FROM role_assignments ra WHERE ra.account_id = tm.account_id) AS roles
       FROM team_members tm JOIN accounts a ON a.id = tm.account_id AND a.disabled_at IS NULL
       WHERE tm.team_id = $1
       ORDER BY tm.is_lead, a.username`,
      [teamId],
    );
    return rows.map((r) => ({
      accountId: r.account_id,
      username: r.username,
      isLead: r.is_lead,
      caseload: r.caseload,
      roles: (r.roles ?? []).map((x) => ({ role: x.role as RoleAssignment['role'], regionCode: x.region_code })),
    }));
  }

  async insertEnrolment(e: {
    personId: string;
    program: Program;
    regionCode: string;
    teamId: string | null;
    workerId: string | null;
    enrolledOn: string;
    createdBy: string;
    at: Date;
  }): Promise<string> {
    const [r] = await this.db.query<{ id: string }>(
      `INSERT INTO enrolments (person_id, program, region_code, team_id, worker_id, enrolled_on, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (person_id, program) WHERE status = 'active' DO NOTHING
       RETURNING id`,
      [e.personId, e.program, e.regionCode, e.teamId, e.workerId, e.enrolledOn, e.createdBy, e.at],
    );
    return r?.id ?? '';
  }

  async activeEnrolmentId(personId: string, program: Program): Promise<string | undefined> {
    const [r] = await this.db.query<{ id: string }>(`SELECT id FROM enrolments WHERE person_id = $1 AND program = $2 AND status = 'active'`, [personId, program]);
    return r?.id;
  }

  async insertOwnership(o: { enrolmentId: string; regionCode: string; teamId: string | null; workerId: string | null; reason: 'enrolled' | 'reassigned' | 'transferred'; at: Date; by: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO enrolment_ownership (enrolment_id, region_code, team_id, worker_id, reason, changed_at, changed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [o.enrolmentId, o.regionCode, o.teamId, o.workerId, o.reason, o.at, o.by],
    );
  }

  async findEnrolment(id: string, forUpdate = false): Promise<EnrolmentRecord | undefined> {
    const [r] = await this.db.query<EnrolmentRow>(`SELECT * FROM enrolments WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r && toEnrolment(r);
  }

  async activeEnrolmentsOfPerson(personId: string): Promise<EnrolmentRecord[]> {
    const rows = await this.db.query<EnrolmentRow>(`SELECT * FROM enrolments WHERE person_id = $1 AND status = 'active' ORDER BY id FOR UPDATE`, [personId]);
    return rows.map(toEnrolment);
  }

  async enrolmentsOfPerson(personId: string): Promise<EnrolmentRecord[]> {
    const rows = await this.db.query<EnrolmentRow>(`SELECT * FROM enrolments WHERE person_id = $1 ORDER BY enrolled_on DESC, id`, [personId]);
    return rows.map(toEnrolment);
  }

  async endEnrolment(id: string, status: 'withdrawn' | 'closed', endedOn: string, reason: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE enrolments SET status = $2, ended_on = $3, end_reason = $4, updated_at = $5 WHERE id = $1`, [id, status, endedOn, reason, at]);
  }

  async setOwner(enrolmentId: string, owner: { regionCode: string; teamId: string | null; workerId: string | null }, at: Date): Promise<void> {
    await this.db.query(`UPDATE enrolments SET region_code = $2, team_id = $3, worker_id = $4, updated_at = $5 WHERE id = $1`, [
      enrolmentId,
      owner.regionCode,
      owner.teamId,
      owner.workerId,
      at,
    ]);
    // Open tasks move with the enrolment; closed ones keep the owner they had (history).
    await this.db.query(`UPDATE followup_tasks SET region_code = $2, team_id = $3, worker_id = $4 WHERE enrolment_id = $1 AND status IN ${OPEN}`, [
      enrolmentId,
      owner.regionCode,
      owner.teamId,
      owner.workerId,
    ]);
  }

  async setLastClassification(enrolmentId: string, c: SmdClassification | null, at: Date): Promise<void> {
    await this.db.query('UPDATE enrolments SET last_classification = $2, updated_at = $3 WHERE id = $1', [enrolmentId, c, at]);
  }

  async insertTask(t: NewTask): Promise<string> {
    const [r] = await this.db.query<{ id: string }>(
      `INSERT INTO followup_tasks (enrolment_id, person_id, program, region_code, team_id, worker_id, due_date, window_start, window_end,
         status, rule, with_specialist, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [t.enrolmentId, t.personId, t.program, t.regionCode, t.teamId, t.workerId, t.dueDate, t.windowStart, t.windowEnd, t.status, t.rule, t.withSpecialist, t.at],
    );
    if (!r) throw new Error('task insert returned nothing');
    return r.id;
  }

  async findTask(id: string, forUpdate = false): Promise<TaskRecord | undefined> {
    const [r] = await this.db.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM followup_tasks WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r && toTask(r);
  }

  async openTaskOf(enrolmentId: string): Promise<TaskRecord | undefined> {
    const [r] = await this.db.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM followup_tasks WHERE enrolment_id = $1 AND status IN ${OPEN} FOR UPDATE`, [enrolmentId]);
    return r && toTask(r);
  }

  async tasksOfPerson(personId: string): Promise<TaskRecord[]> {
    const rows = await this.db.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM followup_tasks WHERE person_id = $1 ORDER BY due_date DESC, id`, [personId]);
    return rows.map(toTask);
  }

  async closeTask(id: string, status: 'done' | 'unreachable' | 'cancelled', at: Date, cancelReason: string | null = null): Promise<void> {
    await this.db.query(`UPDATE followup_tasks SET status = $2, closed_at = $3, cancel_reason = $4 WHERE id = $1 AND status IN ${OPEN}`, [id, status, at, cancelReason]);
  }

  async insertRecord(r: NewRecord): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO followup_records (task_id, enrolment_id, person_id, region_code, visited_on, mode, reached, unreached_reason, informant,
         moved, deceased_on, death_cause, assessment_ids, counseling_status, takes_medication, medication_adherence, side_effects,
         risk_level, symptoms, insight, social_function, severe_adverse_reaction, serious_physical_illness, classification, guidance,
         notes_enc, proposed_next_date, next_date, next_rule, next_date_reason_enc, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::uuid[], $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,
         $25::text[], $26, $27, $28, $29, $30, $31, $32)
       RETURNING id`,
      [
        r.taskId, r.enrolmentId, r.personId, r.regionCode, r.visitedOn, r.mode, r.reached, r.unreachedReason, r.informant,
        r.moved, r.deceasedOn, r.deathCause, r.assessmentIds, r.counselingStatus, r.takesMedication, r.medicationAdherence, r.sideEffects,
        r.riskLevel, r.symptoms, r.insight, r.socialFunction, r.severeAdverseReaction, r.seriousPhysicalIllness, r.classification, r.guidance,
        r.notesEnc, r.proposedNextDate, r.nextDate, r.nextRule, r.nextDateReasonEnc, r.recordedBy, r.at,
      ],
    );
    if (!row) throw new Error('record insert returned nothing');
    return row.id;
  }

  async recordsOfPerson(personId: string): Promise<Array<Record<string, unknown>>> {
    return this.db.query(
      `SELECT id, task_id, enrolment_id, region_code, visited_on, mode, reached, unreached_reason, moved, deceased_on, risk_level, classification,
         medication_adherence, counseling_status, next_date, recorded_by, recorded_at
       FROM followup_records WHERE person_id = $1 ORDER BY visited_on DESC, recorded_at DESC LIMIT 200`,
      [personId],
    );
  }

  /** Which of these assessment ids belong to the person (links must not point at someone else's results). */
  async assessmentsOfPerson(personId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM assessments WHERE person_id = $1 AND id = ANY($2::uuid[])`, [personId, ids]);
    return rows.map((r) => r.id);
  }

  /** The latest submitted assessment's severity and whether it raised a flag (for the policy). */
  async latestResult(personId: string): Promise<{ severity: string | null; flagged: boolean } | undefined> {
    const [r] = await this.db.query<{ severity: string | null; flagged: boolean }>(
      `SELECT a.severity, EXISTS (SELECT 1 FROM assessment_flags f WHERE f.assessment_id = a.id AND f.action = 'crisis') AS flagged
       FROM assessments a WHERE a.person_id = $1 AND a.status = 'submitted'
         AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id)
       ORDER BY a.completed_at DESC LIMIT 1`,
      [personId],
    );
    return r;
  }

  // ---- worklists ----

  async worklist(f: WorklistFilter): Promise<WorklistRow[]> {
    const params: unknown[] = [f.prefixes.map((p) => `${p}%`), f.limit];
    const where = [`t.status IN ${OPEN}`, 't.region_code LIKE ANY($1::text[])'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.workerId) add('t.worker_id = ?', f.workerId);
    if (f.teamId) add('t.team_id = ?', f.teamId);
    if (f.regionPrefix) add('t.region_code LIKE ?', `${f.regionPrefix}%`);
    if (f.program) add('t.program = ?', f.program);
    const key = f.when === 'overdue' ? 't.window_end' : 't.due_date';
    if (f.when === 'overdue') add('t.window_end < ?::date', f.today);
    else if (f.when === 'today') {
      add('t.due_date <= ?::date', f.today);
      add('t.window_end >= ?::date', f.today);
    } else if (f.when === 'week') {
      add('t.due_date <= ?::date', f.weekEnd);
      add('t.window_end >= ?::date', f.today);
    }
    if (f.after) {
      params.push(f.after.key, f.after.id);
      where.push(`(${key}, t.id) > ($${params.length - 1}::date, $${params.length}::uuid)`);
    }
    const rows = await this.db.query<{
      id: string;
      enrolment_id: string;
      person_id: string;
      person_name: string;
      sex: string;
      birth_date: string;
      program: Program;
      region_code: string;
      region_name: string | null;
      team_id: string | null;
      team_name: string | null;
      worker_id: string | null;
      worker_name: string | null;
      due_date: string;
      window_start: string;
      window_end: string;
      rule: string;
      with_specialist: boolean;
    }>(
      // The page of task ids first (an ordered index scan that stops after LIMIT; index-only where the index carries the
      // filtered columns, as the team list's does), then the rows and names for those ids only: at 30 M tasks, joining
      // before the limit made the planner join every overdue task of a county (15 000) to persons before sorting (0.6 s
      // instead of 7 ms), and selecting whole rows in the page query made the team list read every open task of the
      // street instead of walking the team's due-date index.
      `SELECT t.id, t.enrolment_id, t.person_id, p.name AS person_name, p.sex, p.birth_date, t.program, t.region_code, r.name AS region_name,
         t.team_id, tm.name AS team_name, t.worker_id, a.display_name AS worker_name, t.due_date, t.window_start, t.window_end, t.rule,
         t.with_specialist
       FROM (SELECT t.id FROM followup_tasks t WHERE ${where.join(' AND ')} ORDER BY ${key}, t.id LIMIT $2) page
       JOIN followup_tasks t ON t.id = page.id
       JOIN persons p ON p.id = t.person_id
       LEFT JOIN regions r ON r.code = t.region_code
       LEFT JOIN teams tm ON tm.id = t.team_id
       LEFT JOIN accounts a ON a.id = t.worker_id
       ORDER BY ${key}, t.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      enrolmentId: r.enrolment_id,
      personId: r.person_id,
      personName: r.person_name,
      sex: r.sex,
      birthDate: r.birth_date,
      program: r.program,
      regionCode: r.region_code,
      regionName: r.region_name,
      teamId: r.team_id,
      teamName: r.team_name,
      workerId: r.worker_id,
      workerName: r.worker_name,
      dueDate: r.due_date,
      windowStart: r.window_start,
      windowEnd: r.window_end,
      rule: r.rule,
      withSpecialist: r.with_specialist,
    }));
  }

  /** Open tasks by time status, and tasks closed in the last 30 days, for each of the given region prefixes. */
  async countsByPrefix(
    prefixes: readonly string[],
    scope: readonly string[],
    today: string,
    since: Date,
  ): Promise<Array<{ prefix: string; scheduled: number; due: number; overdue: number; done: number; unreachable: number }>> {
    if (prefixes.length === 0) return [];
    return this.db.query(
      `SELECT p.prefix,
         (SELECT count(*)::int FROM followup_tasks t WHERE t.status IN ${OPEN} AND t.region_code LIKE p.prefix || '%' AND t.region_code LIKE ANY($2::text[]) AND t.window_start > $3::date) AS scheduled,
         (SELECT count(*)::int FROM followup_tasks t WHERE t.status IN ${OPEN} AND t.region_code LIKE p.prefix || '%' AND t.region_code LIKE ANY($2::text[]) AND t.window_start <= $3::date AND t.window_end >= $3::date) AS due,
         (SELECT count(*)::int FROM followup_tasks t WHERE t.status IN ${OPEN} AND t.region_code LIKE p.prefix || '%' AND t.region_code LIKE ANY($2::text[]) AND t.window_end < $3::date) AS overdue,
         (SELECT count(*)::int FROM followup_tasks t WHERE t.status = 'done' AND t.region_code LIKE p.prefix || '%' AND t.region_code LIKE ANY($2::text[]) AND t.closed_at >= $4) AS done,
         (SELECT count(*)::int FROM followup_tasks t WHERE t.status = 'unreachable' AND t.region_code LIKE p.prefix || '%' AND t.region_code LIKE ANY($2::text[]) AND t.closed_at >= $4) AS unreachable
       FROM unnest($1::text[]) AS p(prefix)`,
      [prefixes, scope.map((s) => `${s}%`), today, since],
    );
  }

  async childRegions(code: string): Promise<Array<{ code: string; name: string; level: string }>> {
    return this.db.query(`SELECT code, name, level FROM regions WHERE parent_code = $1 ORDER BY code`, [code]);
  }

  async regionName(code: string): Promise<string | undefined> {
    const [r] = await this.db.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [code]);
    return r?.name;
  }

  // ---- SMS numbers of staff ----

  async setAccountSms(accountId: string, phoneEnc: string | null, at: Date): Promise<void> {
    if (phoneEnc === null) await this.db.query('DELETE FROM account_sms WHERE account_id = $1', [accountId]);
    else
      await this.db.query(
        `INSERT INTO account_sms (account_id, phone_enc, enabled, updated_at) VALUES ($1, $2, true, $3)
         ON CONFLICT (account_id) DO UPDATE SET phone_enc = EXCLUDED.phone_enc, enabled = true, updated_at = EXCLUDED.updated_at`,
        [accountId, phoneEnc, at],
      );
  }

  async accountSms(accountId: string): Promise<string | undefined> {
    const [r] = await this.db.query<{ phone_enc: string }>('SELECT phone_enc FROM account_sms WHERE account_id = $1 AND enabled', [accountId]);
    return r?.phone_enc;
  }
}
