import type { Queryable } from '../../db/database.ts';

/** Test and demo helpers: a team covering regions with members, and a bare person row. */
export async function makeTeam(
  db: Queryable,
  t: { name: string; kind: string; regionCode: string; covers: string[]; members: Array<{ accountId: string; lead?: boolean }> },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO teams (name, kind, region_code) VALUES ($1, $2, $3)
     ON CONFLICT (region_code, name) DO UPDATE SET kind = EXCLUDED.kind RETURNING id`,
    [t.name, t.kind, t.regionCode],
  );
  if (!row) throw new Error('team insert failed');
  for (const code of t.covers) {
    await db.query('INSERT INTO team_regions (team_id, region_code) VALUES ($1, $2) ON CONFLICT DO NOTHING', [row.id, code]);
  }
  for (const m of t.members) {
    await db.query('INSERT INTO team_members (team_id, account_id, is_lead) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [row.id, m.accountId, m.lead ?? false]);
  }
  return row.id;
}

export async function makePersonRow(db: Queryable, p: { name: string; regionCode: string; birthDate?: string; sex?: 'male' | 'female' }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO persons (name, sex, birth_date, region_code) VALUES ($1, $2, $3, $4) RETURNING id`,
    [p.name, p.sex ?? 'male', p.birthDate ?? '1980-05-17', p.regionCode],
  );
  if (!row) throw new Error('person insert failed');
  return row.id;
}
