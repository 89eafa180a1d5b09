import type { Queryable } from '../../db/database.ts';
import type { ImportFormat } from './import-file.ts';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportRecord {
  id: string;
  sha256: string;
  format: ImportFormat;
  fileName: string;
  storedPath: string | null;
  fileBytes: number;
  encoding: string | null;
  status: ImportStatus;
  accountId: string | null;
  scopePrefixes: string[];
  rowsDone: number;
  bytesDone: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorCode: string | null;
  errorMessage: string | null;
  leaseUntil: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
}

interface Row {
  id: string;
  sha256: string;
  format: ImportFormat;
  file_name: string;
  stored_path: string | null;
  file_bytes: number;
  encoding: string | null;
  status: ImportStatus;
  account_id: string | null;
  scope_prefixes: string[];
  rows_done: number;
  bytes_done: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error_code: string | null;
  error_message: string | null;
  lease_until: Date | null;
  started_at: Date;
  finished_at: Date | null;
}

const toRecord = (r: Row): ImportRecord => ({
  id: r.id,
  sha256: r.sha256,
  format: r.format,
  fileName: r.file_name,
  storedPath: r.stored_path,
  fileBytes: Number(r.file_bytes),
  encoding: r.encoding,
  status: r.status,
  accountId: r.account_id,
  scopePrefixes: r.scope_prefixes,
  rowsDone: r.rows_done,
  bytesDone: Number(r.bytes_done),
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  rejected: r.rejected,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  leaseUntil: r.lease_until,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export interface BatchProgress {
  rowsDone: number;
  bytesDone: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface RowError {
  rowNumber: number;
  field: string;
  reason: string;
  value?: string | undefined;
}

export class ImportRepository {
  constructor(private readonly q: Queryable) {}

  async create(i: {
    sha256: string;
    format: ImportFormat;
    fileName: string;
    storedPath: string | null;
    fileBytes: number;
    encoding: string | null;
    accountId: string | null;
    scopePrefixes: string[];
    at: Date;
  }): Promise<ImportRecord> {
    const rows = await this.q.query<Row>(
      `INSERT INTO imports (sha256, format, file_name, stored_path, file_bytes, encoding, account_id, scope_prefixes, started_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
      [i.sha256, i.format, i.fileName, i.storedPath, i.fileBytes, i.encoding, i.accountId, i.scopePrefixes, i.at],
    );
    return toRecord(rows[0] as Row);
  }

  async find(id: string): Promise<ImportRecord | undefined> {
    const rows = await this.q.query<Row>('SELECT * FROM imports WHERE id = $1', [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** The latest unfinished import of the same file by the same importer (to resume), if any. */
  async findUnfinished(sha256: string, format: ImportFormat, accountId: string | null): Promise<ImportRecord | undefined> {
    const rows = await this.q.query<Row>(
      `SELECT * FROM imports WHERE sha256 = $1 AND format = $2 AND status IN ('queued', 'running')
          AND account_id IS NOT DISTINCT FROM $3::uuid
        ORDER BY started_at DESC LIMIT 1`,
      [sha256, format, accountId],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** Imports a crashed process left running (lease expired), for the server to pick up again. */
  async listAbandoned(now: Date): Promise<ImportRecord[]> {
    const rows = await this.q.query<Row>(
      `SELECT * FROM imports WHERE status IN ('queued', 'running') AND stored_path IS NOT NULL
          AND (lease_until IS NULL OR lease_until < $1) ORDER BY started_at`,
      [now],
    );
    return rows.map(toRecord);
  }

  /** Takes (or renews) the lease; false when another live process holds it. */
  async claim(id: string, now: Date, until: Date, renew = false): Promise<boolean> {
    const rows = await this.q.query<{ id: string }>(
      `UPDATE imports SET status = 'running', lease_until = $3, updated_at = $2
        WHERE id = $1 AND status IN ('queued', 'running') AND (${renew ? 'true' : 'lease_until IS NULL OR lease_until < $2'})
        RETURNING id`,
      [id, now, until],
    );
    return rows.length === 1;
  }

  async release(id: string): Promise<void> {
    await this.q.query('UPDATE imports SET lease_until = NULL WHERE id = $1', [id]);
  }

  async recordBatch(id: string, p: BatchProgress, leaseUntil: Date, at: Date): Promise<void> {
    await this.q.query(
      `UPDATE imports SET rows_done = $2, bytes_done = $3, created = $4, updated = $5, unchanged = $6, rejected = $7,
              lease_until = $8, updated_at = $9
        WHERE id = $1`,
      [id, p.rowsDone, p.bytesDone, p.created, p.updated, p.unchanged, p.rejected, leaseUntil, at],
    );
  }

  async finish(id: string, at: Date, fileBytes: number): Promise<void> {
    await this.q.query(
      `UPDATE imports SET status = 'done', finished_at = $2, lease_until = NULL, updated_at = $2, bytes_done = $3 WHERE id = $1`,
      [id, at, fileBytes],
    );
  }

  async fail(id: string, at: Date, code: string, message: string): Promise<void> {
    await this.q.query(
      `UPDATE imports SET status = 'failed', error_code = $3, error_message = $4, finished_at = $2, lease_until = NULL, updated_at = $2
        WHERE id = $1`,
      [id, at, code, message.slice(0, 500)],
    );
  }

  async insertErrors(importId: string, errors: readonly RowError[]): Promise<void> {
    if (errors.length === 0) return;
    await this.q.query(
      `INSERT INTO import_errors (import_id, row_number, field, reason, value)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
      [importId, errors.map((e) => e.rowNumber), errors.map((e) => e.field), errors.map((e) => e.reason), errors.map((e) => e.value ?? null)],
    );
  }

  /**
   * Duplicate-detection blocking keys of a batch: removes those of the given persons (updated ones), then
   * inserts the new (key, person) pairs. The pairs of persons created in this transaction (`fresh`: no
   * other writer can see them yet) go in with a plain insert — an ON CONFLICT arbiter costs a speculative
   * insertion per row —, the others with ON CONFLICT DO NOTHING. At most one statement of each kind.
   */
  async replaceBlockingKeys(removeFor: readonly string[], pairs: readonly (readonly [string, string])[], fresh: ReadonlySet<string> = new Set()): Promise<void> {
    if (removeFor.length > 0) await this.q.query('DELETE FROM person_duplicate_keys WHERE person_ref = ANY ($1::uuid[])', [removeFor]);
    const seen = new Set<string>();
    const plain: (readonly [string, string])[] = [];
    const guarded: (readonly [string, string])[] = [];
    for (const p of pairs) {
      const k = `${p[0]}\u0000${p[1]}`;
      if (seen.has(k)) continue;
      seen.add(k);
      (fresh.has(p[1]) ? plain : guarded).push(p);
    }
    for (const [list, tail] of [
      [plain, ''],
      [guarded, ' ON CONFLICT DO NOTHING'],
    ] as const)
      if (list.length > 0)
        await this.q.query(`INSERT INTO person_duplicate_keys (key, person_ref) SELECT * FROM unnest($1::text[], $2::uuid[])${tail}`, [
          list.map((p) => p[0]),
          list.map((p) => p[1]),
        ]);
  }

  /**
   * Every person holding one of these blocking keys, with whether it carries a national ID and whether it
   * was merged away. Two single-table look-ups (key index, then primary key), so the plan stays an index
   * scan even while a large import has left the tables' statistics behind. Persons in `known` (the batch's
   * own, just written) are not looked up again.
   */
  async holdersOfKeys(
    keys: readonly string[],
    known: ReadonlyMap<string, { hasNationalId: boolean; mergedInto: string | null }> = new Map(),
  ): Promise<{ key: string; personId: string; hasNationalId: boolean; mergedInto: string | null }[]> {
    if (keys.length === 0) return [];
    const held = await this.q.query<{ key: string; person_ref: string }>('SELECT key, person_ref FROM person_duplicate_keys WHERE key = ANY ($1::text[])', [
      [...new Set(keys)],
    ]);
    if (held.length === 0) return [];
    const unknown = [...new Set(held.map((h) => h.person_ref).filter((id) => !known.has(id)))];
    const persons =
      unknown.length === 0
        ? []
        : await this.q.query<{ id: string; has_id: boolean; merged_into: string | null }>(
            'SELECT id, national_id_bidx IS NOT NULL AS has_id, merged_into FROM persons WHERE id = ANY ($1::uuid[])',
            [unknown],
          );
    const byId = new Map<string, { hasNationalId: boolean; mergedInto: string | null }>(known);
    for (const p of persons) byId.set(p.id, { hasNationalId: p.has_id, mergedInto: p.merged_into });
    return held.flatMap((h) => {
      const p = byId.get(h.person_ref);
      return p ? [{ key: h.key, personId: h.person_ref, ...p }] : [];
    });
  }

  /** Queues candidate pairs (a < b) for review; a pair already decided is not re-opened, a pending one gets the new keys. */
  async queueDuplicatePairs(pairs: readonly { a: string; b: string; keys: readonly string[] }[], at: Date): Promise<void> {
    if (pairs.length === 0) return;
    await this.q.query(
      `INSERT INTO duplicate_candidates (person_a, person_b, keys, created_at)
       SELECT k.a, k.b, ARRAY(SELECT jsonb_array_elements_text(k.keys)), $4 FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[]) AS k (a, b, keys)
       ON CONFLICT (person_a, person_b) DO UPDATE SET keys = EXCLUDED.keys WHERE duplicate_candidates.status = 'pending'`,
      [pairs.map((p) => p.a), pairs.map((p) => p.b), pairs.map((p) => JSON.stringify(p.keys)), at],
    );
  }

  /** One page of the error report, in row order (keyset on the error id). */
  async errorsPage(importId: string, afterId: number, limit: number): Promise<(RowError & { id: number })[]> {
    const rows = await this.q.query<{ id: number; row_number: number; field: string; reason: string; value: string | null }>(
      `SELECT id, row_number, field, reason, value FROM import_errors WHERE import_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [importId, afterId, limit],
    );
    return rows.map((r) => ({ id: Number(r.id), rowNumber: r.row_number, field: r.field, reason: r.reason, value: r.value ?? undefined }));
  }
}
