import { prepared, type Queryable } from '../../db/database.ts';
import { sessionCache } from './session-cache.ts';

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

/** A session with what a request needs of its account, read in one round trip. */
export interface SessionWithAccount extends SessionRecord {
  username: string;
  disabled: boolean;
  roles: Array<{ role: string; regionCode: string; organizationId: string | null }>;
}

/**
 * The session, its account and the account's role assignments in one query: this runs on every authenticated
 * request, so it costs one round trip, and it is prepared once per connection (PostgreSQL then neither parses nor
 * plans it again). Columns are named, not `s.*`, so a later column cannot change a prepared statement's result.
 */
const FIND_WITH_ACCOUNT = prepared(
  `SELECT s.token_hash, s.account_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, a.username, a.disabled_at IS NOT NULL AS disabled,
              COALESCE((SELECT json_agg(json_build_object('role', ra.role, 'regionCode', ra.region_code,
                                                          'organizationId', ra.organization_id)
                                        ORDER BY ra.created_at, ra.role)
                          FROM role_assignments ra WHERE ra.account_id = a.id), '[]'::json) AS roles
         FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.token_hash = $1`,
);

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

  /**
   * The session, its account and the account's role assignments in one query: this runs on every
   * authenticated request, so it must cost one round trip, not three.
   */
  async findWithAccount(tokenHash: string): Promise<SessionWithAccount | undefined> {
    const rows = await this.q.query<Row & { username: string; disabled: boolean; roles: SessionWithAccount['roles'] | string }>(
      FIND_WITH_ACCOUNT,
      [tokenHash],
    );
    const r = rows[0];
    if (!r) return undefined;
    // pg parses json columns; PGlite may too — accept both so the two drivers agree.
    const roles = typeof r.roles === 'string' ? (JSON.parse(r.roles) as SessionWithAccount['roles']) : r.roles;
    return { ...toSession(r), username: r.username, disabled: r.disabled, roles };
  }

  async touch(tokenHash: string, at: Date): Promise<void> {
    await this.q.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, at]);
  }

  async delete(tokenHash: string): Promise<void> {
    sessionCache.forget(tokenHash);
    await this.q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteAllFor(accountId: string): Promise<number> {
    sessionCache.forgetAccount(accountId);
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
