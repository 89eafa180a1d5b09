import type { InterventionType, PlanStatus, SessionModality, Attendance, ToolkitItem } from '@anxin/domain/service/counseling.ts';
import type { Queryable } from '../../db/database.ts';

export interface PlanRecord {
  id: string;
  personId: string;
  personName: string;
  regionCode: string;
  type: InterventionType;
  status: PlanStatus;
  consultationId: string | null;
  goalsEnc: string | null;
  teamId: string | null;
  teamName: string | null;
  responsibleAccountId: string | null;
  responsibleName: string | null;
  startDate: string;
  endDate: string | null;
  createdAt: Date;
  sessionCount: number;
}

export interface SessionRecord {
  id: string;
  type: InterventionType;
  regionCode: string;
  date: string;
  durationMinutes: number;
  modality: SessionModality;
  providerId: string;
  providerName: string;
  topic: string | null;
  goalsEnc: string | null;
  outcomeEnc: string | null;
  notesEnc: string | null;
  createdBy: string;
  createdAt: Date;
  /** How many times the record was corrected, and when last. */
  revisionCount: number;
  revisedAt: Date | null;
}

export interface ParticipantRecord {
  sessionId: string;
  personId: string;
  personName: string;
  regionCode: string;
  planId: string | null;
  attendance: Attendance;
}

export interface HandoutRecord {
  id: string;
  personId: string;
  regionCode: string;
  item: ToolkitItem;
  itemLabel: string | null;
  quantity: number;
  handedOn: string;
  handedBy: string;
  handedByName: string;
  createdAt: Date;
}

interface PlanRow {
  id: string;
  person_id: string;
  person_name: string;
  region_code: string;
  type: InterventionType;
  status: PlanStatus;
  consultation_id: string | null;
  goals_enc: string | null;
  team_id: string | null;
  team_name: string | null;
  responsible_account_id: string | null;
  responsible_name: string | null;
  start_date: string;
  end_date: string | null;
  created_at: Date;
  session_count: number;
}

const PLAN_SELECT = `SELECT cp.id, cp.person_id, p.name AS person_name, cp.region_code, cp.type, cp.status, cp.consultation_id,
    cp.goals_enc, cp.team_id, t.name AS team_name, cp.responsible_account_id, a.display_name AS responsible_name,
    cp.start_date, cp.end_date, cp.created_at,
    (SELECT count(*) FROM counseling_session_participants sp WHERE sp.plan_id = cp.id)::int AS session_count
  FROM counseling_plans cp
  JOIN persons p ON p.id = cp.person_id
  LEFT JOIN teams t ON t.id = cp.team_id
  LEFT JOIN accounts a ON a.id = cp.responsible_account_id`;

const toPlan = (r: PlanRow): PlanRecord => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  regionCode: r.region_code,
  type: r.type,
  status: r.status,
  consultationId: r.consultation_id,
  goalsEnc: r.goals_enc,
  teamId: r.team_id,
  teamName: r.team_name,
  responsibleAccountId: r.responsible_account_id,
  responsibleName: r.responsible_name,
  startDate: r.start_date,
  endDate: r.end_date,
  createdAt: r.created_at,
  sessionCount: Number(r.session_count),
});

interface SessionRow {
  id: string;
  type: InterventionType;
  region_code: string;
  session_date: string;
  duration_minutes: number;
  modality: SessionModality;
  provider_id: string;
  provider_name: string;
  topic: string | null;
  goals_enc: string | null;
  outcome_enc: string | null;
  notes_enc: string | null;
  created_by: string;
  created_at: Date;
  revision_count: number;
  revised_at: Date | null;
}

const SESSION_SELECT = `SELECT s.id, s.type, s.region_code, s.session_date, s.duration_minutes, s.modality, s.provider_id,
    a.display_name AS provider_name, s.topic, s.goals_enc, s.outcome_enc, s.notes_enc, s.created_by, s.created_at,
    s.revision_count, s.revised_at
  FROM counseling_sessions s JOIN accounts a ON a.id = s.provider_id`;

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  type: r.type,
  regionCode: r.region_code,
  date: r.session_date,
  durationMinutes: r.duration_minutes,
  modality: r.modality,
  providerId: r.provider_id,
  providerName: r.provider_name,
  topic: r.topic,
  goalsEnc: r.goals_enc,
  outcomeEnc: r.outcome_enc,
  notesEnc: r.notes_enc,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revisionCount: Number(r.revision_count),
  revisedAt: r.revised_at,
});

const likeAny = (prefixes: string[]): string[] => prefixes.map((p) => `${p}%`);

/** What a reassignment needs of a plan. */
export interface PlanOwnerRecord {
  id: string;
  personId: string;
  status: PlanStatus;
  regionCode: string;
  teamId: string | null;
  responsibleAccountId: string | null;
}

/** One correction of a session: who, when, why, what changed and the values it replaced (free text encrypted). */
export interface SessionRevisionRecord {
  id: number;
  sessionId: string;
  revisedBy: string;
  revisedByName: string;
  revisedAt: Date;
  reasonEnc: string;
  changed: string[];
  previous: {
    date: string;
    durationMinutes: number;
    modality: string;
    topic: string | null;
    goalsEnc: string | null;
    outcomeEnc: string | null;
    notesEnc: string | null;
    attendance: { personId: string; attendance: Attendance }[] | null;
  };
}

export class CounselingRepository {
  constructor(private readonly q: Queryable) {}

  async consultation(id: string): Promise<{ id: string; personId: string; status: string; recommendation: string | null } | undefined> {
    const rows = await this.q.query<{ id: string; person_id: string; status: string; recommendation: string | null }>(
      'SELECT id, person_id, status, recommendation FROM consultations WHERE id = $1',
      [id],
    );
    const r = rows[0];
    return r && { id: r.id, personId: r.person_id, status: r.status, recommendation: r.recommendation };
  }

  async teamRegion(teamId: string): Promise<string | undefined> {
    const rows = await this.q.query<{ region_code: string }>('SELECT region_code FROM teams WHERE id = $1', [teamId]);
    return rows[0]?.region_code;
  }

  async accountExists(accountId: string): Promise<boolean> {
    const rows = await this.q.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts WHERE id = $1 AND disabled_at IS NULL', [accountId]);
    return (rows[0]?.n ?? 0) > 0;
  }

  async insertPlan(p: {
    personId: string;
    regionCode: string;
    type: InterventionType;
    consultationId: string | null;
    goalsEnc: string | null;
    teamId: string | null;
    responsibleAccountId: string | null;
    startDate: string;
    createdBy: string;
    at: Date;
  }): Promise<string | undefined> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO counseling_plans (person_id, region_code, type, consultation_id, goals_enc, team_id, responsible_account_id,
         start_date, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
       ON CONFLICT (consultation_id) WHERE consultation_id IS NOT NULL AND status IN ('active', 'paused') DO NOTHING
       RETURNING id`,
      [p.personId, p.regionCode, p.type, p.consultationId, p.goalsEnc, p.teamId, p.responsibleAccountId, p.startDate, p.createdBy, p.at],
    );
    return rows[0]?.id;
  }

  async findPlan(id: string): Promise<PlanRecord | undefined> {
    const rows = await this.q.query<PlanRow>(`${PLAN_SELECT} WHERE cp.id = $1`, [id]);
    return rows[0] && toPlan(rows[0]);
  }

  /** Locks a plan row for a status change or a session. */
  async lockPlan(id: string): Promise<{ id: string; personId: string; status: PlanStatus; type: InterventionType; regionCode: string } | undefined> {
    const rows = await this.q.query<{ id: string; person_id: string; status: PlanStatus; type: InterventionType; region_code: string }>(
      'SELECT id, person_id, status, type, region_code FROM counseling_plans WHERE id = $1 FOR UPDATE',
      [id],
    );
    const r = rows[0];
    return r && { id: r.id, personId: r.person_id, status: r.status, type: r.type, regionCode: r.region_code };
  }

  async setPlanStatus(id: string, status: PlanStatus, endDate: string | null, at: Date): Promise<void> {
    await this.q.query('UPDATE counseling_plans SET status = $2, end_date = $3, updated_at = $4 WHERE id = $1', [id, status, endDate, at]);
  }

  async plansOfPerson(personId: string): Promise<PlanRecord[]> {
    const rows = await this.q.query<PlanRow>(`${PLAN_SELECT} WHERE cp.person_id = $1 ORDER BY cp.created_at DESC`, [personId]);
    return rows.map(toPlan);
  }

  /** Plans within the prefixes, newest first, keyset by (created_at, id). */
  async listPlans(f: {
    prefixes: string[];
    status?: PlanStatus | undefined;
    type?: InterventionType | undefined;
    responsibleAccountId?: string | undefined;
    after?: { createdAt: Date; id: string } | undefined;
    limit: number;
  }): Promise<PlanRecord[]> {
    if (f.prefixes.length === 0) return [];
    const rows = await this.q.query<PlanRow>(
      `${PLAN_SELECT}
        WHERE cp.region_code LIKE ANY ($1::text[])
          AND ($2::text IS NULL OR cp.status = $2)
          AND ($3::text IS NULL OR cp.type = $3)
          AND ($4::uuid IS NULL OR cp.responsible_account_id = $4)
          AND ($5::timestamptz IS NULL OR (cp.created_at, cp.id) < ($5::timestamptz, $6::uuid))
        ORDER BY cp.created_at DESC, cp.id DESC
        LIMIT $7`,
      [likeAny(f.prefixes), f.status ?? null, f.type ?? null, f.responsibleAccountId ?? null, f.after?.createdAt ?? null, f.after?.id ?? null, f.limit],
    );
    return rows.map(toPlan);
  }

  async insertSession(s: {
    type: InterventionType;
    regionCode: string;
    date: string;
    durationMinutes: number;
    modality: SessionModality;
    providerId: string;
    topic: string | null;
    goalsEnc: string | null;
    outcomeEnc: string | null;
    notesEnc: string | null;
    createdBy: string;
    at: Date;
  }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO counseling_sessions (type, region_code, session_date, duration_minutes, modality, provider_id, topic,
         goals_enc, outcome_enc, notes_enc, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [s.type, s.regionCode, s.date, s.durationMinutes, s.modality, s.providerId, s.topic, s.goalsEnc, s.outcomeEnc, s.notesEnc, s.createdBy, s.at],
    );
    return (rows[0] as { id: string }).id;
  }

  async insertParticipants(rows: { sessionId: string; personId: string; planId: string | null; regionCode: string; attendance: Attendance }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.q.query(
      `INSERT INTO counseling_session_participants (session_id, person_id, plan_id, region_code, attendance)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])`,
      [rows.map((r) => r.sessionId), rows.map((r) => r.personId), rows.map((r) => r.planId), rows.map((r) => r.regionCode), rows.map((r) => r.attendance)],
    );
  }

  async findSession(id: string): Promise<SessionRecord | undefined> {
    const rows = await this.q.query<SessionRow>(`${SESSION_SELECT} WHERE s.id = $1`, [id]);
    return rows[0] && toSession(rows[0]);
  }

  async sessionsOfPerson(personId: string, limit: number): Promise<SessionRecord[]> {
    const rows = await this.q.query<SessionRow>(
      `${SESSION_SELECT}
        WHERE s.id IN (SELECT session_id FROM counseling_session_participants WHERE person_id = $1)
        ORDER BY s.session_date DESC, s.created_at DESC LIMIT $2`,
      [personId, limit],
    );
    return rows.map(toSession);
  }

  /** Sessions held within the prefixes, newest first (the counseling page's list). */
  async listSessions(f: { prefixes: string[]; providerId?: string | undefined; limit: number }): Promise<SessionRecord[]> {
    if (f.prefixes.length === 0) return [];
    const rows = await this.q.query<SessionRow>(
      `${SESSION_SELECT}
        WHERE s.region_code LIKE ANY ($1::text[]) AND ($2::uuid IS NULL OR s.provider_id = $2)
        ORDER BY s.session_date DESC, s.created_at DESC LIMIT $3`,
      [likeAny(f.prefixes), f.providerId ?? null, f.limit],
    );
    return rows.map(toSession);
  }

  async participantsOf(sessionIds: string[]): Promise<ParticipantRecord[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.q.query<{
      session_id: string;
      person_id: string;
      person_name: string;
      region_code: string;
      plan_id: string | null;
      attendance: Attendance;
    }>(
      `SELECT sp.session_id, sp.person_id, p.name AS person_name, sp.region_code, sp.plan_id, sp.attendance
         FROM counseling_session_participants sp JOIN persons p ON p.id = sp.person_id
        WHERE sp.session_id = ANY ($1::uuid[]) ORDER BY p.name COLLATE "C", sp.person_id`,
      [sessionIds],
    );
    return rows.map((r) => ({
      sessionId: r.session_id,
      personId: r.person_id,
      personName: r.person_name,
      regionCode: r.region_code,
      planId: r.plan_id,
      attendance: r.attendance,
    }));
  }

  /** Plans' owners, in id order (FOR UPDATE inside a transaction: the order keeps two bulk moves from deadlocking). */
  async planOwners(ids: string[], forUpdate = false): Promise<PlanOwnerRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.q.query<{ id: string; person_id: string; status: PlanStatus; region_code: string; team_id: string | null; responsible_account_id: string | null }>(
      `SELECT id, person_id, status, region_code, team_id, responsible_account_id FROM counseling_plans
        WHERE id = ANY ($1::uuid[]) ORDER BY id${forUpdate ? ' FOR UPDATE' : ''}`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, personId: r.person_id, status: r.status, regionCode: r.region_code, teamId: r.team_id, responsibleAccountId: r.responsible_account_id }));
  }

  async setPlanOwner(id: string, owner: { teamId: string | null; responsibleAccountId: string | null }, at: Date): Promise<void> {
    await this.q.query('UPDATE counseling_plans SET team_id = $2, responsible_account_id = $3, updated_at = $4 WHERE id = $1', [
      id,
      owner.teamId,
      owner.responsibleAccountId,
      at,
    ]);
  }

  async insertPlanOwnership(o: {
    planId: string;
    teamId: string | null;
    responsibleAccountId: string | null;
    previousTeamId: string | null;
    previousAccountId: string | null;
    by: string;
    at: Date;
  }): Promise<void> {
    await this.q.query(
      `INSERT INTO counseling_plan_ownership (plan_id, team_id, responsible_account_id, previous_team_id, previous_account_id, reason, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5, 'reassigned', $6, $7)`,
      [o.planId, o.teamId, o.responsibleAccountId, o.previousTeamId, o.previousAccountId, o.by, o.at],
    );
  }

  /** Whether the team covers the region (a team_regions row on the region or one of its ancestors). */
  async teamCovers(teamId: string, codes: readonly string[]): Promise<boolean> {
    const rows = await this.q.query('SELECT 1 FROM team_regions WHERE team_id = $1 AND region_code = ANY ($2::text[]) LIMIT 1', [teamId, [...codes]]);
    return rows.length > 0;
  }

  /** An enabled account's role assignments (to check what the account may do where); undefined when unknown or disabled. */
  async accountRoles(accountId: string): Promise<{ username: string; roles: { role: string; regionCode: string; organizationId: string | null }[] } | undefined> {
    const rows = await this.q.query<{ username: string; role: string | null; region_code: string | null; organization_id: string | null }>(
      `SELECT a.username, ra.role, ra.region_code, ra.organization_id
         FROM accounts a LEFT JOIN role_assignments ra ON ra.account_id = a.id
        WHERE a.id = $1 AND a.disabled_at IS NULL`,
      [accountId],
    );
    const first = rows[0];
    if (!first) return undefined;
    return {
      username: first.username,
      roles: rows.flatMap((r) => (r.role && r.region_code ? [{ role: r.role, regionCode: r.region_code, organizationId: r.organization_id }] : [])),
    };
  }

  /** Locks a session row for a correction. */
  async lockSession(id: string): Promise<SessionRecord | undefined> {
    const rows = await this.q.query<SessionRow>(`${SESSION_SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
    return rows[0] && toSession(rows[0]);
  }

  async updateSession(
    id: string,
    v: { date: string; durationMinutes: number; modality: SessionModality; topic: string | null; goalsEnc: string | null; outcomeEnc: string | null; notesEnc: string | null },
    at: Date,
  ): Promise<void> {
    await this.q.query(
      `UPDATE counseling_sessions SET session_date = $2, duration_minutes = $3, modality = $4, topic = $5, goals_enc = $6, outcome_enc = $7,
              notes_enc = $8, revision_count = revision_count + 1, revised_at = $9
        WHERE id = $1`,
      [id, v.date, v.durationMinutes, v.modality, v.topic, v.goalsEnc, v.outcomeEnc, v.notesEnc, at],
    );
  }

  async setAttendance(sessionId: string, rows: { personId: string; attendance: Attendance }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.q.query(
      `UPDATE counseling_session_participants sp SET attendance = u.attendance
         FROM unnest($2::uuid[], $3::text[]) AS u (person_id, attendance)
        WHERE sp.session_id = $1 AND sp.person_id = u.person_id`,
      [sessionId, rows.map((r) => r.personId), rows.map((r) => r.attendance)],
    );
  }

  async insertRevision(r: Omit<SessionRevisionRecord, 'id' | 'revisedByName'>): Promise<void> {
    await this.q.query(
      `INSERT INTO counseling_session_revisions (session_id, revised_by, revised_at, reason_enc, changed, previous_date, previous_duration,
         previous_modality, previous_topic, previous_goals_enc, previous_outcome_enc, previous_notes_enc, previous_attendance)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12, $13::jsonb)`,
      [
        r.sessionId,
        r.revisedBy,
        r.revisedAt,
        r.reasonEnc,
        r.changed,
        r.previous.date,
        r.previous.durationMinutes,
        r.previous.modality,
        r.previous.topic,
        r.previous.goalsEnc,
        r.previous.outcomeEnc,
        r.previous.notesEnc,
        r.previous.attendance === null ? null : JSON.stringify(r.previous.attendance),
      ],
    );
  }

  /** A session's corrections, oldest first. */
  async revisionsOf(sessionId: string): Promise<SessionRevisionRecord[]> {
    const rows = await this.q.query<{
      id: number;
      session_id: string;
      revised_by: string;
      revised_by_name: string;
      revised_at: Date;
      reason_enc: string;
      changed: string[] | string;
      previous_date: string;
      previous_duration: number;
      previous_modality: string;
      previous_topic: string | null;
      previous_goals_enc: string | null;
      previous_outcome_enc: string | null;
      previous_notes_enc: string | null;
      previous_attendance: { personId: string; attendance: Attendance }[] | string | null;
    }>(
      `SELECT r.*, a.display_name AS revised_by_name FROM counseling_session_revisions r JOIN accounts a ON a.id = r.revised_by
        WHERE r.session_id = $1 ORDER BY r.id`,
      [sessionId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      sessionId: r.session_id,
      revisedBy: r.revised_by,
      revisedByName: r.revised_by_name,
      revisedAt: r.revised_at,
      reasonEnc: r.reason_enc,
      // Both drivers return text[] as an array; accept the literal form too.
      changed: Array.isArray(r.changed) ? r.changed : r.changed.replace(/^{|}$/g, '').split(',').filter(Boolean),
      previous: {
        date: r.previous_date,
        durationMinutes: r.previous_duration,
        modality: r.previous_modality,
        topic: r.previous_topic,
        goalsEnc: r.previous_goals_enc,
        outcomeEnc: r.previous_outcome_enc,
        notesEnc: r.previous_notes_enc,
        attendance: typeof r.previous_attendance === 'string' ? (JSON.parse(r.previous_attendance) as { personId: string; attendance: Attendance }[]) : r.previous_attendance,
      },
    }));
  }

  /** Accounts holding one of the roles within the prefixes or at one of the given (ancestor) regions, by name. */
  async counselors(roles: readonly string[], prefixes: string[], above: string[]): Promise<{ accountId: string; displayName: string; role: string; regionCode: string }[]> {
    const rows = await this.q.query<{ account_id: string; display_name: string; role: string; region_code: string }>(
      `SELECT DISTINCT ON (a.display_name, a.id) a.id AS account_id, a.display_name, ra.role, ra.region_code
         FROM role_assignments ra JOIN accounts a ON a.id = ra.account_id AND a.disabled_at IS NULL
        WHERE ra.role = ANY ($1::text[]) AND (ra.region_code LIKE ANY ($2::text[]) OR ra.region_code = ANY ($3::text[]))
        ORDER BY a.display_name, a.id, length(ra.region_code), ra.role
        LIMIT 500`,
      [[...roles], likeAny(prefixes), above],
    );
    return rows.map((r) => ({ accountId: r.account_id, displayName: r.display_name, role: r.role, regionCode: r.region_code }));
  }

  async insertHandout(h: {
    personId: string;
    regionCode: string;
    item: ToolkitItem;
    itemLabel: string | null;
    quantity: number;
    handedOn: string;
    handedBy: string;
    at: Date;
  }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO toolkit_handouts (person_id, region_code, item, item_label, quantity, handed_on, handed_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [h.personId, h.regionCode, h.item, h.itemLabel, h.quantity, h.handedOn, h.handedBy, h.at],
    );
    return (rows[0] as { id: string }).id;
  }

  async handoutsOfPerson(personId: string): Promise<HandoutRecord[]> {
    const rows = await this.q.query<{
      id: string;
      person_id: string;
      region_code: string;
      item: ToolkitItem;
      item_label: string | null;
      quantity: number;
      handed_on: string;
      handed_by: string;
      handed_by_name: string;
      created_at: Date;
    }>(
      `SELECT h.*, a.display_name AS handed_by_name FROM toolkit_handouts h JOIN accounts a ON a.id = h.handed_by
        WHERE h.person_id = $1 ORDER BY h.handed_on DESC, h.created_at DESC`,
      [personId],
    );
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      regionCode: r.region_code,
      item: r.item,
      itemLabel: r.item_label,
      quantity: r.quantity,
      handedOn: r.handed_on,
      handedBy: r.handed_by,
      handedByName: r.handed_by_name,
      createdAt: r.created_at,
    }));
  }
}
