import type { StoredBlockingKeys } from '@anxin/domain/register/duplicate-blocking.ts';
import type { Queryable } from '../../db/database.ts';

export interface CandidateRow {
  id: string;
  personA: string;
  personB: string;
  keys: string[];
  status: 'pending' | 'merged' | 'dismissed';
  createdAt: Date;
  /** created_at to the microsecond, for keyset cursors. */
  cursorAt: string;
}

/** A record with a national ID found by name + birth date key or phone, with what its keys are made of. */
export interface IdHolder {
  id: string;
  name: string;
  birthDate: string;
  phoneBidx: string | null;
}

export interface KeyedPerson {
  id: string;
  hasNationalId: boolean;
  mergedInto: string | null;
}

interface Row {
  id: string;
  person_a: string;
  person_b: string;
  keys: string[];
  status: CandidateRow['status'];
  created_at: Date;
  cursor_at: string;
}
const toRow = (r: Row): CandidateRow => ({
  id: r.id,
  personA: r.person_a,
  personB: r.person_b,
  keys: r.keys,
  status: r.status,
  createdAt: r.created_at,
  cursorAt: r.cursor_at,
});
const CANDIDATE_COLUMNS = `c.id, c.person_a, c.person_b, c.keys, c.status, c.created_at,
  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export class DuplicateRepository {
  constructor(private readonly q: Queryable) {}

  async blockingInput(
    personId: string,
  ): Promise<{ name: string; birthDate: string; phoneBidx: string | null; hasNationalId: boolean; mergedInto: string | null } | undefined> {
    const rows = await this.q.query<{ name: string; birth_date: string; phone_bidx: string | null; has_id: boolean; merged_into: string | null }>(
      'SELECT name, birth_date, phone_bidx, national_id_bidx IS NOT NULL AS has_id, merged_into FROM persons WHERE id = $1',
      [personId],
    );
    const r = rows[0];
    return r && { name: r.name, birthDate: r.birth_date, phoneBidx: r.phone_bidx, hasNationalId: r.has_id, mergedInto: r.merged_into };
  }

  /** Stores a record's blocking keys where domain `storedBlockingKeys` puts them (key table rows, or the record's own name + birth date key). */
  async replaceKeys(personId: string, stored: StoredBlockingKeys): Promise<void> {
    await this.q.query('DELETE FROM person_duplicate_keys WHERE person_ref = $1', [personId]);
    if (stored.table.length > 0)
      await this.q.query('INSERT INTO person_duplicate_keys (key, person_ref) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [stored.table, personId]);
    await this.q.query('UPDATE persons SET name_birth_key = $2 WHERE id = $1 AND name_birth_key IS DISTINCT FROM $2', [personId, stored.nameBirthKey]);
  }

  /** Other persons whose key-table rows (records without a national ID) share any of these keys, with the keys they share. */
  async sharing(personId: string, keys: string[]): Promise<Array<KeyedPerson & { keys: string[] }>> {
    if (keys.length === 0) return [];
    const rows = await this.q.query<{ id: string; has_id: boolean; merged_into: string | null; keys: string[] }>(
      `SELECT p.id, p.national_id_bidx IS NOT NULL AS has_id, p.merged_into, array_agg(k.key ORDER BY k.key) AS keys
         FROM person_duplicate_keys k JOIN persons p ON p.id = k.person_ref
        WHERE k.key = ANY ($1::text[]) AND k.person_ref <> $2
        GROUP BY p.id, p.national_id_bidx, p.merged_into`,
      [keys, personId],
    );
    return rows.map((r) => ({ id: r.id, hasNationalId: r.has_id, mergedInto: r.merged_into, keys: r.keys }));
  }

  /**
   * Active records with a national ID that may share a key with a record without one: those with one of
   * these name + birth date keys, or one of these phones (blind index). The caller works out which keys
   * they share. One index probe per value, whatever the statistics say: each probe is a lateral subquery
   * behind `OFFSET 0`, which the planner can neither flatten into a join nor turn into a scan of the
   * register. (With `= ANY` and no statistics yet for name_birth_key — a large import into a register
   * analyzed while empty — it chose a parallel sequential scan: 230 ms per batch at 700 000 persons.)
   */
  async withIdMatching(nameBirthKeys: readonly string[], phoneBidxs: readonly string[], exceptId: string | null = null): Promise<IdHolder[]> {
    if (nameBirthKeys.length === 0 && phoneBidxs.length === 0) return [];
    const rows = await this.q.query<{ id: string; name: string; birth_date: string; phone_bidx: string | null }>(
      `SELECT DISTINCT h.id, h.name, h.birth_date, h.phone_bidx FROM (
         SELECT p.* FROM unnest($1::text[]) AS k (v)
           CROSS JOIN LATERAL (SELECT id, name, birth_date, phone_bidx, national_id_bidx, merged_into FROM persons
                                WHERE name_birth_key = k.v OFFSET 0) p
         UNION ALL
         SELECT p.* FROM unnest($2::text[]) AS k (v)
           CROSS JOIN LATERAL (SELECT id, name, birth_date, phone_bidx, national_id_bidx, merged_into FROM persons
                                WHERE phone_bidx = k.v OFFSET 0) p
       ) h
       WHERE h.national_id_bidx IS NOT NULL AND h.merged_into IS NULL AND h.id IS DISTINCT FROM $3::uuid`,
      [[...new Set(nameBirthKeys)], [...new Set(phoneBidxs)], exceptId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, birthDate: r.birth_date, phoneBidx: r.phone_bidx }));
  }

  /** Queues a pair (a < b) unless it is already known; a decided pair is not re-opened. */
  async queue(a: string, b: string, keys: string[], at: Date | null): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO duplicate_candidates (person_a, person_b, keys, created_at) VALUES ($1, $2, $3::text[], COALESCE($4::timestamptz, now()))
       ON CONFLICT (person_a, person_b) DO UPDATE SET keys = EXCLUDED.keys WHERE duplicate_candidates.status = 'pending'
       RETURNING id`,
      [a, b, keys, at],
    );
    return rows.length > 0;
  }

  async find(id: string, lock = false): Promise<CandidateRow | undefined> {
    const rows = await this.q.query<Row>(`SELECT ${CANDIDATE_COLUMNS} FROM duplicate_candidates c WHERE c.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] && toRow(rows[0]);
  }

  /** Pending pairs where both persons lie within the patterns; oldest first, keyset by (created_at, id). */
  async pending(patterns: string[], after: { createdAt: string; id: string } | undefined, limit: number): Promise<CandidateRow[]> {
    const params: unknown[] = [patterns, limit];
    let keyset = '';
    if (after) {
      params.push(after.createdAt, after.id);
      keyset = 'AND (c.created_at, c.id) > ($3::timestamptz, $4::uuid)';
    }
    const rows = await this.q.query<Row>(
      `SELECT ${CANDIDATE_COLUMNS}
         FROM duplicate_candidates c
         JOIN persons a ON a.id = c.person_a
         JOIN persons b ON b.id = c.person_b
        WHERE c.status = 'pending' AND a.merged_into IS NULL AND b.merged_into IS NULL
          AND a.region_code LIKE ANY ($1::text[]) AND b.region_code LIKE ANY ($1::text[]) ${keyset}
        ORDER BY c.created_at, c.id LIMIT $2`,
      params,
    );
    return rows.map(toRow);
  }

  async decide(id: string, status: CandidateRow['status'], by: string | null, at: Date | null): Promise<void> {
    await this.q.query('UPDATE duplicate_candidates SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1', [id, status, by, at]);
  }

  /**
   * Every table of the schema with a `person_id` column, with its primary-key columns (to track moved
   * rows by; empty when the table has no primary key).
   */
  async personTables(): Promise<Array<{ table: string; keyColumns: string[] }>> {
    const rows = await this.q.query<{ table_name: string; key_columns: string[] | null }>(
      `SELECT c.table_name::text AS table_name,
              (SELECT array_agg(k.column_name::text ORDER BY k.ordinal_position)
                 FROM information_schema.table_constraints tc
                 JOIN information_schema.key_column_usage k
                   ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
                WHERE tc.table_schema = c.table_schema AND tc.table_name = c.table_name AND tc.constraint_type = 'PRIMARY KEY') AS key_columns
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = current_schema() AND c.column_name = 'person_id'
        ORDER BY c.table_name`,
    );
    return rows.map((r) => ({ table: r.table_name, keyColumns: r.key_columns ?? [] }));
  }

  /**
   * Moves a table's rows (all, or just those with these keys) from one person to another; returns the
   * moved rows' primary keys after the move, each as the JSON text of an array of its key values.
   */
  async moveRows(table: string, keyColumns: string[], from: string, to: string, keys?: string[]): Promise<string[]> {
    const key = `jsonb_build_array(${keyColumns.map((c) => `${quoteIdent(c)}::text`).join(', ')})::text`;
    const rows = keys
      ? await this.q.query<{ k: string }>(
          `UPDATE ${quoteIdent(table)} SET person_id = $2 WHERE person_id = $1 AND ${key} = ANY ($3::text[]) RETURNING ${key} AS k`,
          [from, to, keys],
        )
      : await this.q.query<{ k: string }>(`UPDATE ${quoteIdent(table)} SET person_id = $2 WHERE person_id = $1 RETURNING ${key} AS k`, [from, to]);
    return rows.map((r) => r.k);
  }

  async countRows(table: string, personId: string): Promise<number> {
    const rows = await this.q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)} WHERE person_id = $1`, [personId]);
    return rows[0]?.n ?? 0;
  }

  async setMergedInto(personId: string, into: string | null, at: Date): Promise<void> {
    await this.q.query('UPDATE persons SET merged_into = $2, updated_at = $3 WHERE id = $1', [personId, into, at]);
  }

  async insertMerge(m: { candidateId: string | null; survivor: string; merged: string; moved: Record<string, string[]>; by: string; at: Date }): Promise<string> {
    const rows = await this.q.query<{ id: string }>(
      `INSERT INTO person_merges (candidate_id, survivor_ref, merged_ref, moved, merged_by, merged_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING id`,
      [m.candidateId, m.survivor, m.merged, JSON.stringify(m.moved), m.by, m.at],
    );
    return rows[0]?.id ?? '';
  }

  async lastMergeOf(
    candidateId: string,
  ): Promise<{ id: string; survivor: string; merged: string; moved: Record<string, string[]>; undoneAt: Date | null } | undefined> {
    const rows = await this.q.query<{ id: string; survivor_ref: string; merged_ref: string; moved: Record<string, string[]>; undone_at: Date | null }>(
      `SELECT id, survivor_ref, merged_ref, moved, undone_at FROM person_merges
        WHERE candidate_id = $1 ORDER BY merged_at DESC, id DESC LIMIT 1 FOR UPDATE`,
      [candidateId],
    );
    const r = rows[0];
    return r && { id: r.id, survivor: r.survivor_ref, merged: r.merged_ref, moved: r.moved, undoneAt: r.undone_at };
  }

  async markUndone(mergeId: string, by: string, at: Date): Promise<void> {
    await this.q.query('UPDATE person_merges SET undone_by = $2, undone_at = $3 WHERE id = $1', [mergeId, by, at]);
  }
}
