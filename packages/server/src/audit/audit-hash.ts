import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface AuditRow {
  id: number;
  at: Date;
  accountId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  resourceType: string | null;
  resourceId: string | null;
  regionCode: string | null;
  clientIp: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  prevHash: string;
}

/** The hash of one audit row: its content (id included, so rows cannot be reordered) and the previous hash. */
export function auditRowHash(row: AuditRow): string {
  const content = canonicalJson([
    row.id,
    row.at.toISOString(),
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
    row.details,
    row.prevHash,
  ]);
  return createHash('sha256').update(content).digest('hex');
}
