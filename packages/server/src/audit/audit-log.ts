import type { Database, Queryable } from '../db/database.ts';
import { GENESIS_HASH, auditRowHash, type AuditRow } from './audit-hash.ts';

export interface AuditEntry {
  at: Date;
  accountId?: string | null;
  username?: string | null;
  role?: string | null;
  action: string;
  outcome?: 'success' | 'denied' | 'failure';
  resourceType?: string | null;
  resourceId?: string | null;
  regionCode?: string | null;
  clientIp?: string | null;
  reason?: string | null;
  /** Never personal data: ids, counts, codes. */
  details?: Record<string, unknown> | null;
}

// One appender at a time, so each row links to the true previous row even with several server processes.
const AUDIT_LOCK = 7_346_002;

interface DbRow {
  id: number;
  at: Date;
  account_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  resource_type: string | null;
  resource_id: string | null;
  region_code: string | null;
  client_ip: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
}

const toRow = (r: DbRow): AuditRow => ({
  id: Number(r.id),
  at: r.at,
  accountId: r.account_id,
  username: r.username,
  role: r.role,
  action: r.action,
  outcome: r.outcome,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  regionCode: r.region_code,
  clientIp: r.client_ip,
  reason: r.reason,
  details: r.details,
  prevHash: r.prev_hash,
});

/**
 * Appends an entry inside the caller's transaction, so the audit row commits or rolls back with the
 * change it describes. `tx` must be a transaction: the advisory lock is held until it ends.
 */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const [{ id }] = (await tx.query<{ id: number }>("SELECT nextval('audit_log_id_seq') AS id")) as [{ id: number }];
  const row: AuditRow = {
    id: Number(id),
    at: entry.at,
    accountId: entry.accountId ?? null,
    username: entry.username ?? null,
    role: entry.role ?? null,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    resourceType: entry.resourceType ?? null,
    resourceId: entry.resourceId ?? null,
    regionCode: entry.regionCode ?? null,
    clientIp: entry.clientIp ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? null,
    prevHash: last[0]?.hash ?? GENESIS_HASH,
  };
  await tx.query(
    `INSERT INTO audit_log (id, at, account_id, username, role, action, outcome, resource_type, resource_id,
       region_code, client_ip, reason, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      row.id,
      row.at,
      row.accountId,
      row.username,
      row.role,
      row.action,
      row.outcome,
      row.resourceType,
      row.resourceId,
      row.regionCode,
      row.clientIp,
      row.reason,
      row.details === null ? null : JSON.stringify(row.details),
      row.prevHash,
      auditRowHash(row),
    ],
  );
  return row.id;
}

/** Appends an entry in a transaction of its own (sign-ins, denials, reads). */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<number> {
  return db.transaction((tx) => appendAudit(tx, entry));
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  headHash: string;
  /** The first row that does not verify, and why. */
  problem?: { id: number; reason: 'hash_mismatch' | 'broken_link' };
}

/**
 * Walks the chain in id order. An edited row fails its own hash; a deleted row breaks the link of
 * the row after it. (Deleting the newest rows leaves a shorter valid chain: compare `rows` and
 * `headHash` with a copy kept elsewhere, e.g. the daily log line, to catch that.)
 */
export async function verifyAuditChain(db: Queryable, batchSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let count = 0;
  for (;;) {
    const batch = await db.query<DbRow>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [
      afterId,
      batchSize,
    ]);
    for (const r of batch) {
      const row = toRow(r);
      if (row.prevHash !== prevHash) return { ok: false, rows: count, headHash: prevHash, problem: { id: row.id, reason: 'broken_link' } };
      if (auditRowHash(row) !== r.hash) return { ok: false, rows: count, headHash: prevHash, problem: { id: row.id, reason: 'hash_mismatch' } };
      prevHash = r.hash;
      afterId = row.id;
      count++;
    }
    if (batch.length < batchSize) break;
  }
  return { ok: true, rows: count, headHash: prevHash };
}
