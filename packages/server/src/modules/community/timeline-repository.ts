import type { Queryable } from '../../db/database.ts';

export interface TimelineRow {
  id: number;
  occurredAt: Date;
  kind: string;
  refId: string | null;
  summary: Record<string, unknown>;
  /** occurred_at to the microsecond, for keyset cursors. */
  cursorAt: string;
}

export class TimelineRepository {
  constructor(private readonly q: Queryable) {}

  /** Newest first by (occurred_at, id), keyset-paged. */
  async page(personId: string, after: { occurredAt: string; id: number } | undefined, limit: number): Promise<TimelineRow[]> {
    const params: unknown[] = [personId, limit];
    let keyset = '';
    if (after) {
      params.push(after.occurredAt, after.id);
      keyset = 'AND (occurred_at, id) < ($3::timestamptz, $4::bigint)';
    }
    const rows = await this.q.query<{ id: number; occurred_at: Date; kind: string; ref_id: string | null; summary: Record<string, unknown>; cursor_at: string }>(
      `SELECT id, occurred_at, kind, ref_id, summary,
              to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at FROM person_timeline
        WHERE person_id = $1 ${keyset} ORDER BY occurred_at DESC, id DESC LIMIT $2`,
      params,
    );
    return rows.map((r) => ({ id: Number(r.id), occurredAt: r.occurred_at, kind: r.kind, refId: r.ref_id, summary: r.summary, cursorAt: r.cursor_at }));
  }
}
