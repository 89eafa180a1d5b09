import type { ThrottleState } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';

export class LoginThrottleRepository {
  constructor(private readonly q: Queryable) {}

  async get(key: string): Promise<ThrottleState | undefined> {
    const rows = await this.q.query<{ failures: number; window_start: Date; locked_until: Date | null }>(
      'SELECT failures, window_start, locked_until FROM login_throttle WHERE key = $1',
      [key],
    );
    const r = rows[0];
    return r && { failures: r.failures, windowStart: r.window_start, lockedUntil: r.locked_until };
  }

  async put(key: string, s: ThrottleState): Promise<void> {
    await this.q.query(
      `INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET failures = $2, window_start = $3, locked_until = $4`,
      [key, s.failures, s.windowStart, s.lockedUntil],
    );
  }

  async clear(key: string): Promise<void> {
    await this.q.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }
}
