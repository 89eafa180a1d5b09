import type { Queryable } from '../../db/database.ts';

export interface NotificationView {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

interface Row {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

export class NotificationRepository {
  constructor(private readonly db: Queryable) {}

  /** Newest first; keyset page after (createdAt, id). */
  async list(
    accountId: string,
    opts: { unreadOnly: boolean; limit: number; after?: { createdAt: Date; id: string } },
  ): Promise<NotificationView[]> {
    const params: unknown[] = [accountId, opts.limit];
    let where = 'account_id = $1';
    if (opts.unreadOnly) where += ' AND read_at IS NULL';
    if (opts.after) {
      params.push(opts.after.createdAt, opts.after.id);
      where += ` AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows = await this.db.query<Row>(
      `SELECT id, kind, params, link, created_at, read_at FROM notifications WHERE ${where}
       ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      params: r.params,
      link: r.link,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at ? r.read_at.toISOString() : null,
    }));
  }

  async unreadCount(accountId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND read_at IS NULL',
      [accountId],
    );
    return row?.n ?? 0;
  }

  /** Marks the given notifications (or all, when ids is null) of this account read; returns how many changed. */
  async markRead(accountId: string, ids: readonly string[] | null, at: Date): Promise<number> {
    const rows =
      ids === null
        ? await this.db.query('UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL RETURNING id', [accountId, at])
        : await this.db.query(
            'UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND id = ANY($3::uuid[]) AND read_at IS NULL RETURNING id',
            [accountId, at, ids],
          );
    return rows.length;
  }

  async exists(accountId: string, id: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM notifications WHERE account_id = $1 AND id = $2', [accountId, id]);
    return rows.length > 0;
  }
}
