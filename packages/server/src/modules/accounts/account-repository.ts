import { isRole, type Actor, type Role, type RoleAssignment } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';

export interface AccountRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  locale: 'zh-CN' | 'en';
  designatedPost: string | null;
  disabledAt: Date | null;
}

export interface RoleView extends RoleAssignment {
  regionName: string;
  organizationName: string | null;
}

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  locale: 'zh-CN' | 'en';
  designated_post: string | null;
  disabled_at: Date | null;
}

const toAccount = (r: AccountRow): AccountRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  locale: r.locale,
  designatedPost: r.designated_post,
  disabledAt: r.disabled_at,
});

export class AccountRepository {
  constructor(private readonly q: Queryable) {}

  async findByUsername(username: string): Promise<AccountRecord | undefined> {
    const rows = await this.q.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username.toLowerCase()]);
    return rows[0] && toAccount(rows[0]);
  }

  async findById(id: string): Promise<AccountRecord | undefined> {
    const rows = await this.q.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
    return rows[0] && toAccount(rows[0]);
  }

  async roles(accountId: string): Promise<RoleView[]> {
    const rows = await this.q.query<{
      role: string;
      region_code: string;
      region_name: string;
      organization_id: string | null;
      organization_name: string | null;
    }>(
      `SELECT ra.role, ra.region_code, r.name AS region_name, ra.organization_id, o.name AS organization_name
         FROM role_assignments ra
         JOIN regions r ON r.code = ra.region_code
         LEFT JOIN organizations o ON o.id = ra.organization_id
        WHERE ra.account_id = $1
        ORDER BY ra.created_at, ra.role`,
      [accountId],
    );
    return rows
      .filter((r): r is typeof r & { role: Role } => isRole(r.role))
      .map((r) => ({
        role: r.role,
        regionCode: r.region_code,
        regionName: r.region_name,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
      }));
  }

  async actor(account: AccountRecord): Promise<Actor> {
    const roles = await this.roles(account.id);
    return {
      accountId: account.id,
      username: account.username,
      roles: roles.map((r) => ({ role: r.role, regionCode: r.regionCode, organizationId: r.organizationId })),
    };
  }

  async create(input: {
    username: string;
    displayName: string;
    passwordHash: string;
    locale?: 'zh-CN' | 'en';
    designatedPost?: string | null;
  }): Promise<AccountRecord> {
    const rows = await this.q.query<AccountRow>(
      `INSERT INTO accounts (username, display_name, password_hash, locale, designated_post)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [input.username.toLowerCase(), input.displayName, input.passwordHash, input.locale ?? 'zh-CN', input.designatedPost ?? null],
    );
    return toAccount(rows[0] as AccountRow);
  }

  async addRole(accountId: string, role: Role, regionCode: string, organizationId: string | null = null): Promise<void> {
    await this.q.query(
      `INSERT INTO role_assignments (account_id, role, region_code, organization_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, role, region_code) DO UPDATE SET organization_id = EXCLUDED.organization_id`,
      [accountId, role, regionCode, organizationId],
    );
  }

  async setPassword(accountId: string, passwordHash: string): Promise<void> {
    await this.q.query('UPDATE accounts SET password_hash = $2, password_changed_at = now() WHERE id = $1', [
      accountId,
      passwordHash,
    ]);
  }

  /** Accounts holding a role within the given region prefixes (jurisdiction-scoped listing). */
  async listWithin(prefixes: string[], limit: number, afterUsername: string | null): Promise<AccountRecord[]> {
    if (prefixes.length === 0) return [];
    const rows = await this.q.query<AccountRow>(
      `SELECT a.* FROM accounts a
        WHERE EXISTS (SELECT 1 FROM role_assignments ra
                       WHERE ra.account_id = a.id AND ra.region_code LIKE ANY ($1::text[]))
          AND ($2::text IS NULL OR a.username > $2)
        ORDER BY a.username LIMIT $3`,
      [prefixes.map((p) => `${p}%`), afterUsername, limit],
    );
    return rows.map(toAccount);
  }
}
