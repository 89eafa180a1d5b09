import type { Queryable } from '../../db/database.ts';

export interface Notification {
  accountId: string;
  /** Catalogue key under notifications.kinds (e.g. 'followup.due'). */
  kind: string;
  /** Codes, counts, dates and ids only: never names or other personal data. */
  params?: Record<string, string | number>;
  /** An in-app path ('/followup?…'). */
  link?: string;
  /** With a key, the same notification reaches an account at most once. */
  dedupeKey?: string;
  /** Defaults to the database's now(); pass ctx.clock() from use cases and jobs. */
  at?: Date;
}

const KIND = /^[a-z][a-z0-9_.]{0,63}$/;

/**
 * Puts a notification in an account's in-app notification centre, inside the caller's transaction.
 * Exactly once per (account, dedupeKey), even with concurrent callers.
 */
export async function notify(tx: Queryable, n: Notification): Promise<void> {
  if (!KIND.test(n.kind)) throw new Error(`invalid notification kind: ${n.kind}`);
  if (n.link !== undefined && !n.link.startsWith('/')) throw new Error('a notification link is an in-app path');
  await tx.query(
    `INSERT INTO notifications (account_id, kind, params, link, dedupe_key, created_at)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()))
     ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
    [n.accountId, n.kind, JSON.stringify(n.params ?? {}), n.link ?? null, n.dedupeKey ?? null, n.at ?? null],
  );
}
