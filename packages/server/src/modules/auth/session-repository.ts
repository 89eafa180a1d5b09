import type { Queryable } from '../../db/database.ts';

export interface SessionRecord {
  tokenHash: string;
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

interface Row {
  token_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

const toSession = (r: Row): SessionRecord => ({
  tokenHash: r.token_hash,
  accountId: r.account_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});

export class SessionRepository {
  constructor(private readonly q: Queryable) {}

  async create(s: SessionRecord & { clientIp: string | null; userAgent: string | null }): Promise<void> {
    await this.q.query(
      `INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at, client_ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.tokenHash, s.accountId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt, s.clientIp, s.userAgent?.slice(0, 300) ?? null],
    );
  }

  async find(tokenHash: string): Promise<SessionRecord | undefined> {
    const rows = await this.q.query<Row>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
    return rows[0] && toSession(rows[0]);
  }

  async touch(tokenHash: string, at: Date): Promise<void> {
    await this.q.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, at]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteAllFor(accountId: string): Promise<number> {
    const rows = await this.q.query('DELETE FROM sessions WHERE account_id = $1 RETURNING token_hash', [accountId]);
    return rows.length;
  }

  async deleteExpired(now: Date, idleMs: number): Promise<number> {
    const rows = await this.q.query(
      `DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2 RETURNING token_hash`,
      [now, new Date(now.getTime() - idleMs)],
    );
    return rows.length;
  }
}
