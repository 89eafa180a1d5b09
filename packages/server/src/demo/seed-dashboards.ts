import type { Queryable } from '../db/database.ts';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华'];
const STATUSES = ['verified', 'verified', 'verified', 'pending', 'pending', 'corrected', 'moved', 'deceased', 'not_found'] as const;
const CATEGORIES = ['recovered_patient', 'patient_family', 'bereaved_family', 'frontline_medical', 'minimum_allowance', 'elderly_special_difficulty', 'student'] as const;

/**
 * Demo data for the dashboards: when the demo districts have (almost) no one registered yet, registers
 * ~120 synthetic persons (names only, no ID, phone or address) in the first communities of 江岸区 and
 * 江汉区, spread over the last 60 days with a mix of verification states and key-population categories,
 * so the figures, trends and drill-down have something to show. Leaves an existing register alone.
 */
export async function seedDashboards(tx: Queryable, o: { at: Date }): Promise<{ persons: number }> {
  const existing = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE region_code LIKE '420102%' OR region_code LIKE '420103%'`);
  if ((existing[0]?.n ?? 0) >= 20) return { persons: 0 };
  const communities = (
    await tx.query<{ code: string }>(
      `(SELECT code FROM regions WHERE code LIKE '420102%' AND level = 'community' ORDER BY code LIMIT 8)
       UNION ALL (SELECT code FROM regions WHERE code LIKE '420103%' AND level = 'community' ORDER BY code LIMIT 3)`,
    )
  ).map((r) => r.code);
  if (communities.length === 0) return { persons: 0 };
  let seed = 20260302;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed % n;
  };
  const n = 120;
  for (let i = 0; i < n; i++) {
    const created = new Date(o.at.getTime() - rand(60 * 24) * 3600_000);
    const name = `${SURNAMES[rand(SURNAMES.length)]}${GIVEN[rand(GIVEN.length)]}${rand(2) ? (GIVEN[rand(GIVEN.length)] ?? '') : ''}`;
    const birth = `${1945 + rand(60)}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
    const status = STATUSES[rand(STATUSES.length)] as string;
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO persons (name, sex, birth_date, region_code, verification_status, deceased_on, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
      [name, rand(2) ? 'male' : 'female', birth, communities[i % communities.length], status, status === 'deceased' ? created.toISOString().slice(0, 10) : null, created],
    );
    const category = CATEGORIES[rand(CATEGORIES.length)] as string;
    await tx.query(`INSERT INTO person_categories (person_id, category, source, valid_from, created_at) VALUES ($1, $2, 'community', $3, $4)`, [
      rows[0]?.id,
      category,
      created.toISOString().slice(0, 10),
      created,
    ]);
  }
  return { persons: n };
}
