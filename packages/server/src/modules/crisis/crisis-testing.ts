import type { Queryable } from '../../db/database.ts';

let n = 0;

/** Inserts a minimal registered person (no identifiers) for crisis tests. */
export async function insertTestPerson(db: Queryable, regionCode: string, name = '测试对象'): Promise<string> {
  n++;
  const rows = await db.query<{ id: string }>(
    `INSERT INTO persons (name, sex, birth_date, region_code) VALUES ($1, 'female', '1990-01-01', $2) RETURNING id`,
    [`${name}${n}`, regionCode],
  );
  const row = rows[0];
  if (!row) throw new Error('person insert failed');
  return row.id;
}
