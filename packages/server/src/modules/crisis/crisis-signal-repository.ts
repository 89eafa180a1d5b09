import type { CrisisLevel, CrisisSource } from '@anxin/domain/crisis/crisis-level.ts';
import type { Queryable } from '../../db/database.ts';

export interface SignalInsert {
  personId: string | null;
  regionCode: string;
  source: CrisisSource;
  sourceId: string;
  level: CrisisLevel;
  reasons: readonly string[];
  reportedBy: string | null;
  at: Date;
}

export interface OpenCaseRow {
  id: string;
  level: CrisisLevel;
}

/** SQL for signals and for opening or feeding a case from a signal. */
export class CrisisSignalRepository {
  constructor(private readonly db: Queryable) {}

  /** Inserts the signal unless (source, sourceId) is known; returns its id, or null for a duplicate. */
  async insertSignal(s: SignalInsert): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_signals (person_id, region_code, source, source_id, level, reasons, reported_by, at)
       VALUES ($1, $2, $3, $4, $5, ARRAY(SELECT jsonb_array_elements_text($6::jsonb)), $7, $8)
       ON CONFLICT (source, source_id) DO NOTHING
       RETURNING id`,
      [s.personId, s.regionCode, s.source, s.sourceId, s.level, JSON.stringify(s.reasons), s.reportedBy, s.at],
    );
    return rows[0]?.id ?? null;
  }

  async caseOfSignal(source: CrisisSource, sourceId: string): Promise<string | null> {
    const rows = await this.db.query<{ case_id: string | null }>(
      'SELECT case_id FROM crisis_signals WHERE source = $1 AND source_id = $2',
      [source, sourceId],
    );
    return rows[0]?.case_id ?? null;
  }

  /**
   * Opens a case for an identified person unless one is open; concurrent openers meet on the partial
   * unique index, and the loser gets null (then attaches to the winner's case).
   */
  async openCaseForPerson(s: SignalInsert): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_cases (person_id, region_code, level, level_set_at, opened_at, opened_source, last_signal_at)
       VALUES ($1, $2, $3, $4, $4, $5, $4)
       ON CONFLICT (person_id) WHERE person_id IS NOT NULL AND status <> 'closed' DO NOTHING
       RETURNING id`,
      [s.personId, s.regionCode, s.level, s.at, s.source],
    );
    return rows[0]?.id ?? null;
  }

  async openAnonymousCase(s: SignalInsert): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO crisis_cases (person_id, region_code, level, level_set_at, opened_at, opened_source, last_signal_at)
       VALUES (NULL, $1, $2, $3, $3, $4, $3)
       RETURNING id`,
      [s.regionCode, s.level, s.at, s.source],
    );
    const row = rows[0];
    if (!row) throw new Error('crisis case insert returned no row');
    return row.id;
  }

  /** The person's open case, locked for the rest of the transaction. */
  async lockOpenCaseOfPerson(personId: string): Promise<OpenCaseRow | undefined> {
    const rows = await this.db.query<OpenCaseRow>(
      `SELECT id, level FROM crisis_cases WHERE person_id = $1 AND status <> 'closed' FOR UPDATE`,
      [personId],
    );
    return rows[0];
  }

  /** Counts the signal on the case and, when `raiseTo` is given, raises the level and restarts its clock. */
  async attachSignal(caseId: string, at: Date, raiseTo: CrisisLevel | null): Promise<void> {
    await this.db.query(
      `UPDATE crisis_cases
          SET signal_count = signal_count + 1,
              last_signal_at = GREATEST(last_signal_at, $2),
              level = COALESCE($3, level),
              level_set_at = CASE WHEN $3::text IS NULL THEN level_set_at ELSE $2 END,
              version = version + 1,
              updated_at = $2
        WHERE id = $1`,
      [caseId, at, raiseTo],
    );
  }

  async linkSignal(signalId: string, caseId: string): Promise<void> {
    await this.db.query('UPDATE crisis_signals SET case_id = $2 WHERE id = $1', [signalId, caseId]);
  }
}
