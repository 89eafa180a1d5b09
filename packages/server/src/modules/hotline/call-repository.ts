import type { CallCounts } from '@anxin/domain/hotline/call-metrics.ts';
import type { MonthlyCounts } from '@anxin/domain/hotline/monthly-report.ts';
import type { Queryable } from '../../db/database.ts';

export type CallEventType = 'ringing' | 'answered' | 'ended' | 'abandoned';

export interface CallRecordRow {
  id: string;
  lineId: string;
  lineNumber: string;
  regionCode: string;
  externalId: string;
  source: 'cti' | 'manual';
  seatCode: string | null;
  counselorId: string | null;
  callerBidx: string | null;
  callerNumberEnc: string | null;
  offeredAt: Date;
  answeredAt: Date | null;
  abandonedAt: Date | null;
  endedAt: Date | null;
  recordStatus: 'none' | 'draft' | 'filed';
  version: number;
  anonymous: boolean;
  callerGroup: string | null;
  ageBand: string | null;
  sex: string | null;
  callerRegionCode: string | null;
  problems: { category: string; subcategory: string | null }[];
  risk: Record<string, unknown> | null;
  riskLevel: string | null;
  dispositions: string[];
  callbackConsent: boolean;
  notesEnc: string | null;
  personId: string | null;
  crisisCaseId: string | null;
  recordUpdatedAt: Date | null;
  filedAt: Date | null;
}

const CALL_COLUMNS = `c.id, c.line_id AS "lineId", l.number AS "lineNumber", c.region_code AS "regionCode",
  c.external_id AS "externalId", c.source, s.code AS "seatCode", c.counselor_id AS "counselorId",
  c.caller_bidx AS "callerBidx", c.caller_number_enc AS "callerNumberEnc", c.offered_at AS "offeredAt",
  c.answered_at AS "answeredAt", c.abandoned_at AS "abandonedAt", c.ended_at AS "endedAt",
  c.record_status AS "recordStatus", c.version, c.anonymous, c.caller_group AS "callerGroup", c.age_band AS "ageBand",
  c.sex, c.caller_region_code AS "callerRegionCode", c.problems, c.risk, c.risk_level AS "riskLevel", c.dispositions,
  c.callback_consent AS "callbackConsent", c.notes_enc AS "notesEnc", c.person_id AS "personId",
  c.crisis_case_id AS "crisisCaseId", c.record_updated_at AS "recordUpdatedAt", c.filed_at AS "filedAt"`;
const CALL_FROM = `hotline_calls c JOIN hotline_lines l ON l.id = c.line_id LEFT JOIN hotline_seats s ON s.id = c.seat_id`;

export interface CallEventWrite {
  lineId: string;
  regionCode: string;
  externalId: string;
  type: CallEventType;
  at: Date;
  seatId: string | null;
  counselorId: string | null;
  callerBidx: string | null;
}

export interface RecordPatch {
  anonymous?: boolean;
  callerGroup?: string | null;
  ageBand?: string | null;
  sex?: string | null;
  callerRegionCode?: string | null;
  problems?: { category: string; subcategory: string | null }[];
  risk?: Record<string, unknown> | null;
  riskLevel?: string | null;
  dispositions?: string[];
  callbackConsent?: boolean;
  callerNumberEnc?: string | null;
  notesEnc?: string | null;
  personId?: string | null;
}

const PATCH_COLUMNS: Record<keyof RecordPatch, string> = {
  anonymous: 'anonymous',
  callerGroup: 'caller_group',
  ageBand: 'age_band',
  sex: 'sex',
  callerRegionCode: 'caller_region_code',
  problems: 'problems',
  risk: 'risk',
  riskLevel: 'risk_level',
  dispositions: 'dispositions',
  callbackConsent: 'callback_consent',
  callerNumberEnc: 'caller_number_enc',
  notesEnc: 'notes_enc',
  personId: 'person_id',
};
const JSON_COLUMNS = new Set(['problems', 'risk']);

export interface CountRow extends CallCounts {
  lineId: string;
  /** Local hour 0…23, or null for the whole period. */
  hour: number | null;
}

export class CallRepository {
  constructor(private readonly db: Queryable) {}

  /** Whether this event id was already taken for the line (idempotency). */
  async eventCall(lineId: string, eventId: string): Promise<string | undefined> {
    const rows = await this.db.query<{ callId: string }>(
      `SELECT call_id AS "callId" FROM hotline_events WHERE line_id = $1 AND event_id = $2`,
      [lineId, eventId],
    );
    return rows[0]?.callId;
  }

  /**
   * Applies one CTI event to its call, creating the call on its first event whatever the type, so events
   * arriving out of order (ended before answered) are reconciled: each timestamp is kept once, the
   * offered time is the earliest seen, and a draft record exists as soon as an answer is known.
   */
  async applyEvent(e: CallEventWrite): Promise<{ id: string; draftCreated: boolean }> {
    const answeredAt = e.type === 'answered' ? e.at : null;
    const abandonedAt = e.type === 'abandoned' ? e.at : null;
    const endedAt = e.type === 'ended' || e.type === 'abandoned' ? e.at : null;
    const rows = await this.db.query<{ id: string; draftCreated: boolean }>(
      `WITH before AS (SELECT record_status FROM hotline_calls WHERE line_id = $1 AND external_id = $3)
       INSERT INTO hotline_calls AS c (line_id, region_code, external_id, source, seat_id, counselor_id, caller_bidx,
                                       offered_at, answered_at, abandoned_at, ended_at, record_status, record_updated_at)
       VALUES ($1, $2, $3, 'cti', $4, $5, $6, $7, $8, $9, $10, CASE WHEN $8::timestamptz IS NULL THEN 'none' ELSE 'draft' END,
               CASE WHEN $8::timestamptz IS NULL THEN NULL ELSE $7::timestamptz END)
       ON CONFLICT (line_id, external_id) DO UPDATE SET
         seat_id = COALESCE(c.seat_id, EXCLUDED.seat_id),
         counselor_id = COALESCE(c.counselor_id, EXCLUDED.counselor_id),
         caller_bidx = COALESCE(c.caller_bidx, EXCLUDED.caller_bidx),
         offered_at = LEAST(c.offered_at, EXCLUDED.offered_at),
         answered_at = COALESCE(c.answered_at, EXCLUDED.answered_at),
         abandoned_at = COALESCE(c.abandoned_at, EXCLUDED.abandoned_at),
         ended_at = COALESCE(c.ended_at, EXCLUDED.ended_at),
         record_status = CASE WHEN c.record_status = 'none' AND EXCLUDED.answered_at IS NOT NULL THEN 'draft' ELSE c.record_status END,
         record_updated_at = COALESCE(c.record_updated_at, EXCLUDED.record_updated_at)
       RETURNING c.id, (c.record_status = 'draft' AND COALESCE((SELECT record_status FROM before), 'none') = 'none') AS "draftCreated"`,
      [e.lineId, e.regionCode, e.externalId, e.seatId, e.counselorId, e.callerBidx, e.at, answeredAt, abandonedAt, endedAt],
    );
    const row = rows[0];
    if (!row) throw new Error('call upsert returned nothing');
    return row;
  }

  async insertEvent(lineId: string, eventId: string, callId: string, type: CallEventType, at: Date, receivedAt: Date): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO hotline_events (line_id, event_id, call_id, type, occurred_at, received_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (line_id, event_id) DO NOTHING RETURNING event_id`,
      [lineId, eventId, callId, type, at, receivedAt],
    );
    return rows.length > 0;
  }

  /** A call entered by hand (no telephony): answered by the counselor at `at`, draft record open. */
  async insertManual(c: { lineId: string; regionCode: string; externalId: string; counselorId: string; at: Date; callerBidx: string | null }): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO hotline_calls (line_id, region_code, external_id, source, counselor_id, caller_bidx, offered_at, answered_at,
                                  record_status, record_updated_at)
       VALUES ($1, $2, $3, 'manual', $4, $5, $6, $6, 'draft', $6) RETURNING id`,
      [c.lineId, c.regionCode, c.externalId, c.counselorId, c.callerBidx, c.at],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('manual call insert failed');
    return id;
  }

  async find(id: string): Promise<CallRecordRow | undefined> {
    return (await this.db.query<CallRecordRow>(`SELECT ${CALL_COLUMNS} FROM ${CALL_FROM} WHERE c.id = $1`, [id]))[0];
  }

  async lockForUpdate(id: string): Promise<CallRecordRow | undefined> {
    await this.db.query(`SELECT id FROM hotline_calls WHERE id = $1 FOR UPDATE`, [id]);
    return this.find(id);
  }

  /** Drafts the account may write: its own, and unclaimed ones on lines in the jurisdiction. */
  async listOpenDrafts(accountId: string, prefixes: string[], limit: number): Promise<CallRecordRow[]> {
    return this.db.query<CallRecordRow>(
      `SELECT ${CALL_COLUMNS} FROM ${CALL_FROM}
        WHERE c.record_status = 'draft' AND c.region_code LIKE ANY($2)
          AND (c.counselor_id = $1 OR c.counselor_id IS NULL)
        ORDER BY (c.counselor_id IS NULL), c.answered_at DESC LIMIT $3`,
      [accountId, prefixes.map((p) => `${p}%`), limit],
    );
  }

  async listRecent(prefixes: string[], from: Date, limit: number): Promise<CallRecordRow[]> {
    return this.db.query<CallRecordRow>(
      `SELECT ${CALL_COLUMNS} FROM ${CALL_FROM} WHERE c.region_code LIKE ANY($1) AND c.offered_at >= $2
        ORDER BY c.offered_at DESC LIMIT $3`,
      [prefixes.map((p) => `${p}%`), from, limit],
    );
  }

  async countPriorCalls(callerBidx: string, before: Date): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM hotline_calls WHERE caller_bidx = $1 AND offered_at < $2`,
      [callerBidx, before],
    );
    return rows[0]?.n ?? 0;
  }

  /** Writes the changed record fields and bumps the version; returns the new version. */
  async updateRecord(id: string, patch: RecordPatch, extra: { counselorId: string; at: Date; file: boolean; crisisCaseId?: string | null }): Promise<number> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof RecordPatch, string][]) {
      if (patch[key] === undefined) continue;
      const value = patch[key];
      params.push(JSON_COLUMNS.has(column) ? (value === null ? null : JSON.stringify(value)) : value);
      sets.push(`${column} = $${params.length}${JSON_COLUMNS.has(column) ? '::jsonb' : ''}`);
    }
    params.push(extra.counselorId);
    sets.push(`counselor_id = COALESCE(counselor_id, $${params.length})`);
    params.push(extra.at);
    sets.push(`record_updated_at = $${params.length}`);
    if (extra.file) sets.push(`record_status = 'filed'`, `filed_at = $${params.length}`);
    if (extra.crisisCaseId) {
      params.push(extra.crisisCaseId);
      sets.push(`crisis_case_id = $${params.length}`);
    }
    const rows = await this.db.query<{ version: number }>(
      `UPDATE hotline_calls SET ${sets.join(', ')}, version = version + 1 WHERE id = $1 RETURNING version`,
      params,
    );
    return rows[0]?.version ?? 0;
  }

  /**
   * Per-line sums over calls offered in [from, to), by local hour (and in total), with the same
   * definitions as the domain's countCalls (parity is tested).
   */
  async counts(input: { lineIds: string[]; from: Date; to: Date; now: Date; shortAbandonSeconds: number; serviceLevelSeconds: number; timeZone: string; byHour: boolean }): Promise<CountRow[]> {
    const hourExpr = input.byHour ? `EXTRACT(HOUR FROM offered_at AT TIME ZONE $7)::int` : 'NULL::int';
    return this.db.query<CountRow>(
      `WITH c AS (
         SELECT line_id, ${hourExpr} AS hour, offered_at, answered_at, ended_at,
                CASE WHEN answered_at IS NOT NULL THEN 'answered'
                     WHEN COALESCE(abandoned_at, ended_at) IS NOT NULL THEN
                       CASE WHEN EXTRACT(EPOCH FROM COALESCE(abandoned_at, ended_at) - offered_at) < $5 THEN 'short' ELSE 'abandoned' END
                     ELSE 'waiting' END AS outcome
           FROM hotline_calls WHERE line_id = ANY($1) AND offered_at >= $2 AND offered_at < $3)
       SELECT line_id AS "lineId", hour,
              count(*) FILTER (WHERE outcome = 'answered')::int AS answered,
              count(*) FILTER (WHERE outcome = 'abandoned')::int AS abandoned,
              count(*) FILTER (WHERE outcome = 'short')::int AS "shortAbandoned",
              count(*) FILTER (WHERE outcome = 'waiting')::int AS waiting,
              COALESCE(sum(GREATEST(0, EXTRACT(EPOCH FROM answered_at - offered_at))) FILTER (WHERE outcome = 'answered'), 0)::float8 AS "waitSum",
              count(*) FILTER (WHERE outcome = 'answered' AND EXTRACT(EPOCH FROM answered_at - offered_at) <= $6)::int AS "withinTarget",
              COALESCE(sum(GREATEST(0, EXTRACT(EPOCH FROM ended_at - answered_at))) FILTER (WHERE outcome = 'answered' AND ended_at IS NOT NULL), 0)::float8 AS "handleSum",
              count(*) FILTER (WHERE outcome = 'answered' AND ended_at IS NOT NULL)::int AS handled,
              COALESCE(max(EXTRACT(EPOCH FROM $4::timestamptz - offered_at)) FILTER (WHERE outcome = 'waiting'), 0)::float8 AS "longestWaitSeconds"
         FROM c GROUP BY line_id, hour ORDER BY line_id, hour`,
      [input.lineIds, input.from, input.to, input.now, input.shortAbandonSeconds, input.serviceLevelSeconds, ...(input.byHour ? [input.timeZone] : [])],
    );
  }

  /** Calls offered per local hour of week (0 = Monday 00:00) for each week starting at `from` (weeks of 7 days). */
  async hourOfWeekCounts(lineId: string, from: Date, weeks: number, timeZone: string): Promise<{ week: number; how: number; n: number }[]> {
    return this.db.query(
      `SELECT floor(EXTRACT(EPOCH FROM offered_at - $2::timestamptz) / 604800)::int AS week,
              ((EXTRACT(ISODOW FROM offered_at AT TIME ZONE $4)::int - 1) * 24 + EXTRACT(HOUR FROM offered_at AT TIME ZONE $4)::int) AS how,
              count(*)::int AS n
         FROM hotline_calls
        WHERE line_id = $1 AND offered_at >= $2 AND offered_at < $2::timestamptz + make_interval(days => 7 * $3)
        GROUP BY 1, 2`,
      [lineId, from, weeks, timeZone],
    );
  }

  /** Mean talk time of answered, ended calls offered in [from, to). */
  async averageHandleSeconds(lineId: string, from: Date, to: Date): Promise<number | null> {
    const rows = await this.db.query<{ aht: number | null }>(
      `SELECT avg(EXTRACT(EPOCH FROM ended_at - answered_at))::float8 AS aht FROM hotline_calls
        WHERE line_id = $1 AND offered_at >= $2 AND offered_at < $3 AND answered_at IS NOT NULL AND ended_at IS NOT NULL`,
      [lineId, from, to],
    );
    return rows[0]?.aht ?? null;
  }

  /** Filed records by local day, problem category, caller region (or the line's) and caller group. */
  async problemCounts(input: { prefixes: string[]; from: Date; to: Date; timeZone: string }): Promise<
    { day: string; category: string; regionCode: string; callerGroup: string; n: number }[]
  > {
    return this.db.query(
      `SELECT to_char(c.offered_at AT TIME ZONE $4, 'YYYY-MM-DD') AS day, p.value->>'category' AS category,
              COALESCE(c.caller_region_code, c.region_code) AS "regionCode", COALESCE(c.caller_group, 'unknown') AS "callerGroup",
              count(*)::int AS n
         FROM hotline_calls c CROSS JOIN LATERAL jsonb_array_elements(c.problems) p
        WHERE c.record_status = 'filed' AND c.region_code LIKE ANY($1) AND c.offered_at >= $2 AND c.offered_at < $3
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [input.prefixes.map((p) => `${p}%`), input.from, input.to, input.timeZone],
    );
  }

  /** Aggregates of one line's calls offered in [from, to) for the monthly form (see domain monthly-report.ts). */
  async monthlyCounts(input: { lineId: string; from: Date; to: Date; shortAbandonSeconds: number; localPrefix: string }): Promise<MonthlyCounts> {
    const base = await this.db.query<{ offered: number; answered: number; abandoned: number; filed: number; crisis: number; difficult: number; repeat: number; local: number; nonLocal: number; unknownOrigin: number }>(
      `WITH c AS (
         SELECT *, CASE WHEN answered_at IS NOT NULL THEN 'answered'
                        WHEN COALESCE(abandoned_at, ended_at) IS NOT NULL THEN
                          CASE WHEN EXTRACT(EPOCH FROM COALESCE(abandoned_at, ended_at) - offered_at) < $4 THEN 'short' ELSE 'abandoned' END
                        ELSE 'waiting' END AS outcome
           FROM hotline_calls WHERE line_id = $1 AND offered_at >= $2 AND offered_at < $3)
       SELECT count(*) FILTER (WHERE outcome <> 'short')::int AS offered,
              count(*) FILTER (WHERE outcome = 'answered')::int AS answered,
              count(*) FILTER (WHERE outcome = 'abandoned')::int AS abandoned,
              count(*) FILTER (WHERE record_status = 'filed')::int AS filed,
              count(*) FILTER (WHERE record_status = 'filed' AND risk_level IN ('high', 'imminent'))::int AS crisis,
              count(*) FILTER (WHERE record_status = 'filed' AND problems @> '[{"category":"other","subcategory":"silent"}]'::jsonb
                                  OR record_status = 'filed' AND problems @> '[{"category":"other","subcategory":"harassment"}]'::jsonb)::int AS difficult,
              count(*) FILTER (WHERE outcome <> 'short' AND caller_bidx IS NOT NULL AND EXISTS (
                SELECT 1 FROM hotline_calls p WHERE p.line_id = c.line_id AND p.caller_bidx = c.caller_bidx AND p.offered_at >= $2 AND p.offered_at < c.offered_at))::int AS repeat,
              count(*) FILTER (WHERE record_status = 'filed' AND caller_region_code LIKE $5)::int AS local,
              count(*) FILTER (WHERE record_status = 'filed' AND caller_region_code IS NOT NULL AND caller_region_code NOT LIKE $5)::int AS "nonLocal",
              count(*) FILTER (WHERE record_status = 'filed' AND caller_region_code IS NULL)::int AS "unknownOrigin"
         FROM c`,
      [input.lineId, input.from, input.to, input.shortAbandonSeconds, `${input.localPrefix}%`],
    );
    const dims = await this.db.query<{ dim: string; key: string; n: number }>(
      `WITH f AS (SELECT * FROM hotline_calls WHERE line_id = $1 AND offered_at >= $2 AND offered_at < $3 AND record_status = 'filed')
       SELECT 'category' AS dim, cat AS key, count(*)::int AS n
         FROM (SELECT DISTINCT f.id, p.value->>'category' AS cat FROM f CROSS JOIN LATERAL jsonb_array_elements(f.problems) p) x GROUP BY cat
       UNION ALL SELECT 'sex', COALESCE(sex, 'unknown'), count(*)::int FROM f GROUP BY 2
       UNION ALL SELECT 'age', COALESCE(age_band, 'unknown'), count(*)::int FROM f GROUP BY 2`,
      [input.lineId, input.from, input.to],
    );
    const pick = (dim: string): Record<string, number> => Object.fromEntries(dims.filter((d) => d.dim === dim).map((d) => [d.key, d.n]));
    const b = base[0];
    if (!b) throw new Error('monthly aggregate returned nothing');
    return { ...b, byCategory: pick('category'), bySex: pick('sex'), byAgeBand: pick('age') };
  }

  /** Clears free text and the caller's number on calls older than `before`; keeps codes and counts. */
  async anonymiseBefore(before: Date, at: Date, limit: number): Promise<number> {
    const rows = await this.db.query(
      `UPDATE hotline_calls SET notes_enc = NULL, caller_number_enc = NULL, caller_bidx = NULL, person_id = NULL,
              anonymised_at = $2, version = version + 1
        WHERE id IN (SELECT id FROM hotline_calls WHERE offered_at < $1 AND anonymised_at IS NULL ORDER BY offered_at LIMIT $3)
        RETURNING id`,
      [before, at, limit],
    );
    return rows.length;
  }
}
