import type { Database } from '../db/database.ts';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns.ts';
import type { FieldCipher } from './field-cipher.ts';

export interface RotationReport {
  activeKeyId: string;
  reencrypted: Record<string, number>;
}

const ident = (s: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`bad identifier ${s}`);
  return `"${s}"`;
};

/**
 * Re-encrypts every value not under the active key, in batches of `batchSize`, each batch in its own
 * transaction so a large table never holds one long lock and an interrupted run can simply be repeated.
 */
export async function reencryptAll(
  db: Database,
  cipher: FieldCipher,
  columns: readonly EncryptedColumn[] = ENCRYPTED_COLUMNS,
  batchSize = 1000,
): Promise<RotationReport> {
  const report: RotationReport = { activeKeyId: cipher.activeKeyId, reencrypted: {} };
  const prefix = `${cipher.activeKeyId}.`;
  for (const col of columns) {
    const t = ident(col.table);
    const id = ident(col.idColumn);
    const c = ident(col.column);
    let count = 0;
    for (;;) {
      const changed = await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string; value: string }>(
          `SELECT ${id}::text AS id, ${c} AS value FROM ${t}
            WHERE ${c} IS NOT NULL AND left(${c}, $1) <> $2 LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [prefix.length, prefix, batchSize],
        );
        for (const r of rows) {
          const plain = cipher.decrypt(r.value, col.context);
          await tx.query(`UPDATE ${t} SET ${c} = $2 WHERE ${id}::text = $1`, [r.id, cipher.encrypt(plain, col.context)]);
        }
        return rows.length;
      });
      count += changed;
      if (changed < batchSize) break;
    }
    report.reencrypted[`${col.table}.${col.column}`] = count;
  }
  return report;
}
