import { FIGURES_BY_ID } from '@anxin/domain/figures/figure-catalogue.ts';
import type { Contribution } from '@anxin/domain/figures/figure-definition.ts';
import { figureValue, rollupContributions, rollupKey } from '@anxin/domain/figures/figure-rollup.ts';
import { countFigureIds } from '@anxin/domain/figures/figure-catalogue.ts';
import { addDays } from '@anxin/domain/register/iso-date.ts';
import { assessmentContributions } from '@anxin/domain/figures/assessment-figures.ts';
import { populationContributions } from '@anxin/domain/figures/population-rollup.ts';
import type { SeverityCount } from '@anxin/domain/figures/population-status.ts';
import {
  categoryContributions,
  episodeContributions,
  handoverContributions,
  personContributions,
  type PersonFacts,
} from '@anxin/domain/figures/register-figures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity } from '../../testing/factories.ts';
import { createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { rebuildRollups } from './rebuild-rollups.ts';
import { refreshRollups } from './refresh-rollups.ts';
import { PopulationRepository } from './population-repository.ts';
import { RollupRepository } from './rollup-repository.ts';
import { POPULATION_TABLES, type RollupTables } from './rollup-tables.ts';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
}

const STATUSES = ['pending', 'verified', 'corrected', 'not_found', 'moved', 'deceased'] as const;
const CATEGORIES = ['recovered_patient', 'patient_family', 'student', 'disability'] as const;
const TZ = 'Asia/Shanghai';
const SCORES = [
  ['phq9', 'mild'],
  ['phq9', 'moderate'],
  ['phq9', 'severe'],
  ['gad7', 'minimal'],
  ['gad7', 'severe'],
  ['k6', 'serious'],
  ['who5', 'adequate_wellbeing'],
  ['who5', 'likely_depression'],
] as const;

describe.each(backends())('dashboard rollups on %s', (backend) => {
  let ctx: TestContext;
  let regions: string[];
  let orgId: string;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    const a = await makeCommunity(ctx, '420102000000', 1);
    const b = await makeCommunity(ctx, '420102000000', 2);
    const c = await makeCommunity(ctx, '420103000000', 3);
    const d = await makeCommunity(ctx, '110101000000', 4);
    await ctx.db.query(`INSERT INTO regions (code, parent_code, level, name) VALUES ($1, $2, 'grid', '测试网格')`, [
      `${a.community}007`,
      a.community,
    ]);
    regions = [a.community, b.community, c.community, d.community, `${a.community}007`];
    const org = await ctx.db.query<{ id: string }>(
      `INSERT INTO organizations (type, name, region_code) VALUES ('designated_hospital', '测试医院', '420102000000') RETURNING id`,
    );
    orgId = org[0]?.id as string;
  });
  afterAll(async () => {
    await ctx.close();
  });

  /** The rollups as the domain would count them, from the base rows as they are now. */
  async function recount(): Promise<{ map: Map<string, number>; contributions: Contribution[] }> {
    const persons = await ctx.db.query<{ id: string; region_code: string; created_at: Date; verification_status: string; merged_into: string | null }>(
      `SELECT id, region_code, created_at, verification_status, merged_into FROM persons`,
    );
    const facts = new Map<string, PersonFacts>();
    for (const p of persons)
      facts.set(p.id, {
        regionCode: p.region_code,
        createdDay: localIsoDate(p.created_at, TZ),
        verificationStatus: p.verification_status,
        mergedInto: p.merged_into,
      });
    const out: Contribution[] = [...facts.values()].flatMap(personContributions);
    for (const c of await ctx.db.query<{ person_id: string; category: string; valid_to: string | null; created_at: Date }>(
      `SELECT person_id, category, valid_to, created_at FROM person_categories`,
    ))
      out.push(...categoryContributions({ category: c.category, validTo: c.valid_to, createdDay: localIsoDate(c.created_at, TZ) }, facts.get(c.person_id) as PersonFacts));
    for (const e of await ctx.db.query<{ person_id: string; admission_date: string; discharge_date: string | null }>(
      `SELECT person_id, admission_date, discharge_date FROM hospital_episodes`,
    ))
      out.push(...episodeContributions({ admissionDate: e.admission_date, dischargeDate: e.discharge_date }, facts.get(e.person_id) as PersonFacts));
    for (const h of await ctx.db.query<{ region_code: string; created_at: Date; status: string; to_org_id: string | null }>(
      `SELECT region_code, created_at, status, to_org_id FROM handovers`,
    ))
      out.push(...handoverContributions({ regionCode: h.region_code, createdDay: localIsoDate(h.created_at, TZ), status: h.status, toOrgId: h.to_org_id }));
    const assessments = await ctx.db.query<{ id: string; region_code: string; instrument: string; status: string; severity: string | null; completed_at: Date | null; previous_id: string | null }>(
      `SELECT id, region_code, instrument, status, severity, completed_at, previous_id FROM assessments`,
    );
    const amended = new Set(assessments.map((a) => a.previous_id).filter((x) => x !== null));
    for (const a of assessments)
      out.push(
        ...assessmentContributions(assessmentFacts(a, amended)),
      );
    return { map: rollupContributions(out), contributions: out };
  }

  /** What the database holds: folded level rows plus pending changes expanded to every level. */
  async function stored(): Promise<Map<string, number>> {
    const rows = await ctx.db.query<{ figure: string; region_code: string; day: string; v: number }>(
      `SELECT figure, region_code, to_char(day, 'YYYY-MM-DD') AS day, sum(v)::bigint AS v FROM (
         SELECT figure, region_code, day, value AS v FROM rollup_counts WHERE level > 0
         UNION ALL
         SELECT figure, rpad(substr(region_code, 1, l.d), 12, '0'), day, delta
           FROM rollup_delta CROSS JOIN (VALUES (2), (4), (6), (9), (12)) AS l(d)
       ) s GROUP BY 1, 2, 3 HAVING sum(v) <> 0`,
    );
    return new Map(rows.map((r) => [rollupKey(r.figure, r.region_code, r.day), r.v]));
  }

  type AssessmentRow = { id: string; region_code: string; instrument: string; status: string; severity: string | null; completed_at: Date | null };
  const assessmentFacts = (a: AssessmentRow, amended: ReadonlySet<string | null>) => ({
    regionCode: a.region_code,
    instrument: a.instrument,
    status: a.status,
    severity: a.severity,
    completedDay: a.completed_at ? localIsoDate(a.completed_at, TZ) : null,
    superseded: amended.has(a.id),
  });

  /** The population rollup as the domain counts it: each counted result under 'all' and the person's open categories now. */
  async function populationRecount(): Promise<Map<string, number>> {
    const open = new Map<string, string[]>();
    for (const c of await ctx.db.query<{ person_id: string; category: string }>(`SELECT person_id, category FROM person_categories WHERE valid_to IS NULL`))
      open.set(c.person_id, [...(open.get(c.person_id) ?? []), c.category]);
    const assessments = await ctx.db.query<{ id: string; person_id: string; region_code: string; instrument: string; status: string; severity: string | null; completed_at: Date | null; previous_id: string | null }>(
      `SELECT id, person_id, region_code, instrument, status, severity, completed_at, previous_id FROM assessments`,
    );
    const amended = new Set(assessments.map((a) => a.previous_id).filter((x) => x !== null));
    return rollupContributions(
      assessments.flatMap((a) =>
        populationContributions({ ...assessmentFacts(a, amended), openCategories: open.get(a.person_id) ?? [] }),
      ),
    );
  }

  /** Folded rows (every level but the country) plus pending changes of one table set, as recount keys. */
  async function storedOf(tables: RollupTables, pending = true): Promise<Map<string, number>> {
    const rows = await ctx.db.query<{ figure: string; region_code: string; day: string; v: number }>(
      `SELECT figure, region_code, to_char(day, 'YYYY-MM-DD') AS day, sum(v)::bigint AS v FROM (
         SELECT figure, region_code, day, value AS v FROM ${tables.counts} WHERE level > 0
         ${pending ? `UNION ALL
         SELECT figure, rpad(substr(region_code, 1, l.d), 12, '0'), day, delta
           FROM ${tables.delta} CROSS JOIN (VALUES (2), (4), (6), (9), (12)) AS l(d)` : ''}
       ) s GROUP BY 1, 2, 3 HAVING sum(v) <> 0`,
    );
    return new Map(rows.map((r) => [rollupKey(r.figure, r.region_code, r.day), Number(r.v)]));
  }

  /**
   * What the population view counted from the base tables before the rollup (the repository's former
   * query, kept here as the reference): the same rows must come out of the rollup.
   */
  async function populationFromBaseTables(prefix: string, from: string, to: string): Promise<SeverityCount[]> {
    const rows = await ctx.db.query<SeverityCount>(
      `WITH a AS (
         SELECT a.person_id, a.instrument, a.severity, to_char(a.completed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
           FROM assessments a
          WHERE a.region_code LIKE $1 AND a.status = 'submitted'
            AND a.completed_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
            AND a.completed_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
            AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id)
       )
       SELECT 'all' AS category, instrument, month, severity, count(*)::int AS n FROM a GROUP BY 2, 3, 4
       UNION ALL
       SELECT c.category, a.instrument, a.month, a.severity, count(*)::int
         FROM a JOIN (SELECT DISTINCT person_id, category FROM person_categories WHERE valid_to IS NULL) c ON c.person_id = a.person_id
        GROUP BY 1, 2, 3, 4`,
      [`${prefix}%`, from, to],
    );
    const key = (x: SeverityCount) => `${x.category}|${x.instrument}|${x.month}|${x.severity ?? ''}`;
    return rows.map((x) => ({ ...x, n: Number(x.n) })).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  /** The population view's counts from the rollup against the base-table query, for random periods at every level. */
  async function expectPopulationReadsMatch(r: ReturnType<typeof rng>, periods: number): Promise<void> {
    const repo = new PopulationRepository(ctx.db);
    const targets: [string, string][] = [
      ['000000000000', ''],
      ['420000000000', '42'],
      ['420100000000', '4201'],
      ['420102000000', '420102'],
      ...[...new Set(regions.map((c) => c.slice(0, 9)))].map((s): [string, string] => [`${s}000`, s]),
      ...regions.filter((c) => c.length === 12).map((c): [string, string] => [c, c]),
    ];
    const key = (x: SeverityCount) => `${x.category}|${x.instrument}|${x.month}|${x.severity ?? ''}`;
    for (let i = 0; i < periods; i++) {
      const from = addDays('2025-11-25', r.int(140));
      const to = addDays(from, r.int(100));
      for (const [code, prefix] of targets) {
        const got = (await repo.severityCounts(code, prefix, from, to)).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        expect([from, to, code, got]).toEqual([from, to, code, await populationFromBaseTables(prefix, from, to)]);
      }
    }
  }

  async function randomWrites(r: ReturnType<typeof rng>, n: number): Promise<void> {
    // Days over four months (a year boundary included), so month rows and totals are exercised.
    const day = () =>
      r.int(3) === 0
        ? `${r.pick(['2025-12', '2026-01', '2026-03'])}-${String(1 + r.int(31)).padStart(2, '0').replace(/^3[01]$/, '28')}T${String(r.int(24)).padStart(2, '0')}:30:00+08:00`
        : `2026-02-${String(20 + r.int(9)).padStart(2, '0')}T${String(r.int(24)).padStart(2, '0')}:30:00+08:00`;
    for (let i = 0; i < n; i++) {
      const ids = (await ctx.db.query<{ id: string }>(`SELECT id FROM persons ORDER BY id`)).map((x) => x.id);
      const op = ids.length < 5 ? 0 : r.int(19);
      const someone = ids.length ? r.pick(ids) : null;
      switch (op) {
        case 0:
        case 1: {
          const rows = await ctx.db.query<{ id: string }>(
            `INSERT INTO persons (name, sex, birth_date, region_code, verification_status, created_at)
             VALUES ('测试', 'female', '1980-01-01', $1, $2, $3) RETURNING id`,
            [r.pick(regions), r.pick(STATUSES), day()],
          );
          if (r.int(2)) {
            await ctx.db.query(`INSERT INTO person_categories (person_id, category, source, valid_from, created_at) VALUES ($1, $2, 'community', '2026-01-01', $3)`, [
              rows[0]?.id,
              r.pick(CATEGORIES),
              day(),
            ]);
          }
          break;
        }
        case 2:
          await ctx.db.query(`UPDATE persons SET verification_status = $2 WHERE id = $1`, [someone, r.pick(STATUSES)]);
          break;
        case 3: // transfer to another residence
          await ctx.db.query(`UPDATE persons SET region_code = $2 WHERE id = $1`, [someone, r.pick(regions)]);
          break;
        case 4: // merge into another record (or un-merge)
          await ctx.db.query(`UPDATE persons SET merged_into = CASE WHEN merged_into IS NULL THEN $2::uuid ELSE NULL END WHERE id = $1 AND id <> $2`, [
            someone,
            r.pick(ids),
          ]);
          break;
        case 5: // delete a person without episodes or hand-overs (categories cascade)
          await ctx.db.query(
            `DELETE FROM persons p WHERE p.id = $1 AND NOT EXISTS (SELECT 1 FROM hospital_episodes e WHERE e.person_id = p.id)
               AND NOT EXISTS (SELECT 1 FROM handovers h WHERE h.person_id = p.id)
               AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.person_id = p.id)
               AND NOT EXISTS (SELECT 1 FROM persons m WHERE m.merged_into = p.id)`,
            [someone],
          );
          break;
        case 6:
          await ctx.db.query(`INSERT INTO person_categories (person_id, category, source, valid_from, created_at) VALUES ($1, $2, 'import', '2026-01-01', $3)`, [
            someone,
            r.pick(CATEGORIES),
            day(),
          ]);
          break;
        case 7: {
          // end or reopen, move to another person, or delete a membership
          const which = r.int(3);
          const pick = `(SELECT id FROM person_categories WHERE person_id = $1 ORDER BY id LIMIT 1)`;
          if (which === 0)
            await ctx.db.query(`UPDATE person_categories SET valid_to = CASE WHEN valid_to IS NULL THEN DATE '2026-02-28' ELSE NULL END WHERE id = ${pick}`, [someone]);
          else if (which === 1) await ctx.db.query(`UPDATE person_categories SET person_id = $2 WHERE id = ${pick}`, [someone, r.pick(ids)]);
          else await ctx.db.query(`DELETE FROM person_categories WHERE id = ${pick}`, [someone]);
          break;
        }
        case 8:
          await ctx.db.query(
            `INSERT INTO hospital_episodes (person_id, hospital_org_id, admission_date, discharge_date) VALUES ($1, $2, $3::date, $4::date)`,
            [someone, orgId, `2026-02-${String(10 + r.int(5)).padStart(2, '0')}`, r.int(2) ? `2026-02-${String(16 + r.int(10)).padStart(2, '0')}` : null],
          );
          break;
        case 9:
          await ctx.db.query(
            [
              `UPDATE hospital_episodes SET discharge_date = CASE WHEN discharge_date IS NULL THEN admission_date + 7 ELSE NULL END WHERE id = (SELECT id FROM hospital_episodes ORDER BY id LIMIT 1 OFFSET $1)`,
              `DELETE FROM hospital_episodes WHERE id = (SELECT id FROM hospital_episodes ORDER BY id LIMIT 1 OFFSET $1)
                 AND NOT EXISTS (SELECT 1 FROM handovers h WHERE h.episode_id = hospital_episodes.id)`,
            ][r.int(2)] as string,
            [r.int(3)],
          );
          break;
        case 10:
          await ctx.db.query(
            `INSERT INTO handovers (person_id, to_org_id, region_code, reason, status, created_at) VALUES ($1, $2, $3, 'registered', $4, $5)`,
            [someone, r.int(2) ? orgId : null, r.pick(regions), r.pick(['new', 'acknowledged', 'closed']), day()],
          );
          break;
        case 12:
        case 13: {
          // an assessment: a draft, or submitted at once
          const [instrument, severity] = r.pick(SCORES);
          const submitted = r.int(3) > 0;
          await ctx.db.query(
            `INSERT INTO assessments (person_id, region_code, instrument, instrument_version, mode, status, severity, created_at, updated_at, completed_at)
             VALUES ($1, $2, $3, '1', 'in_person', $4, $5, $6, $6, $7)`,
            [someone, r.pick(regions), instrument, submitted ? 'submitted' : 'draft', submitted ? severity : null, day(), submitted ? day() : null],
          );
          break;
        }
        case 14: {
          const which = r.int(3);
          const [, severity] = r.pick(SCORES);
          if (which === 0) {
            // submit a draft
            await ctx.db.query(
              `UPDATE assessments SET status = 'submitted', severity = $1, completed_at = $2 WHERE id = (SELECT id FROM assessments WHERE status = 'draft' ORDER BY id LIMIT 1)`,
              [severity, day()],
            );
          } else if (which === 1) {
            // amend the newest version of a submitted result (the amendment may itself still be a draft)
            const target = await ctx.db.query<{ id: string; person_id: string; region_code: string; instrument: string; version: number }>(
              `SELECT id, person_id, region_code, instrument, version FROM assessments a
                WHERE status = 'submitted' AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.previous_id = a.id) ORDER BY id LIMIT 1 OFFSET $1`,
              [r.int(3)],
            );
            const t = target[0];
            if (t) {
              const submitted = r.int(2) === 0;
              await ctx.db.query(
                `INSERT INTO assessments (person_id, region_code, instrument, instrument_version, mode, status, severity, version, previous_id, amendment_reason_enc, created_at, updated_at, completed_at)
                 VALUES ($1, $2, $3, '1', 'in_person', $4, $5, $6, $7, 'x', $8, $8, $9)`,
                [t.person_id, t.region_code, t.instrument, submitted ? 'submitted' : 'draft', submitted ? severity : null, t.version + 1, t.id, day(), submitted ? day() : null],
              );
            }
          } else {
            await ctx.db.query(`DELETE FROM assessments WHERE id = (SELECT id FROM assessments WHERE status = 'draft' ORDER BY (previous_id IS NULL), id DESC LIMIT 1)`);
          }
          break;
        }
        case 15: {
          // multi-row inserts (as an import writes them): persons, some merged on arrival, with categories in the
          // same statement; then several categories for live and merged persons alike
          const n = 2 + r.int(4);
          const vals = Array.from({ length: n }, () => [r.pick(regions), r.pick(STATUSES), day(), r.int(4) === 0 ? r.pick(ids) : null, r.pick(CATEGORIES), day()]);
          await ctx.db.query(
            `WITH p AS (
               INSERT INTO persons (name, sex, birth_date, region_code, verification_status, created_at, merged_into)
               SELECT '测试', 'male', '1990-01-01', k.rc, k.st, k.at, k.m FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::uuid[]) AS k (rc, st, at, m)
               RETURNING id, created_at)
             INSERT INTO person_categories (person_id, category, source, valid_from, created_at)
             SELECT p.id, c.cat, 'import', '2026-01-01', c.at FROM p JOIN unnest($3::timestamptz[], $5::text[], $6::timestamptz[]) AS c (pat, cat, at) ON c.pat = p.created_at`,
            [vals.map((v) => v[0]), vals.map((v) => v[1]), vals.map((v) => v[2]), vals.map((v) => v[3]), vals.map((v) => v[4]), vals.map((v) => v[5])],
          );
          const some = Array.from({ length: 2 + r.int(4) }, () => r.pick(ids));
          await ctx.db.query(
            `INSERT INTO person_categories (person_id, category, source, valid_from, valid_to, created_at)
             SELECT k.p, k.c, 'import', '2026-01-01', k.vt, k.at FROM unnest($1::uuid[], $2::text[], $3::date[], $4::timestamptz[]) AS k (p, c, vt, at)`,
            [some, some.map(() => r.pick(CATEGORIES)), some.map(() => (r.int(3) === 0 ? '2026-02-28' : null)), some.map(() => day())],
          );
          break;
        }
        case 16: {
          // several episodes (of live and merged persons) and several hand-overs in one statement each
          const some = Array.from({ length: 2 + r.int(4) }, () => r.pick(ids));
          await ctx.db.query(
            `INSERT INTO hospital_episodes (person_id, hospital_org_id, admission_date, discharge_date)
             SELECT k.p, $2, k.a, k.d FROM unnest($1::uuid[], $3::date[], $4::date[]) AS k (p, a, d)`,
            [some, orgId, some.map(() => `2026-02-${String(10 + r.int(5)).padStart(2, '0')}`), some.map(() => (r.int(2) ? `2026-02-${String(16 + r.int(10)).padStart(2, '0')}` : null))],
          );
          await ctx.db.query(
            `INSERT INTO handovers (person_id, to_org_id, region_code, reason, status, created_at)
             SELECT k.p, k.o, k.rc, 'registered', k.st, k.at FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) AS k (p, o, rc, st, at)`,
            [some, some.map(() => (r.int(2) ? orgId : null)), some.map(() => r.pick(regions)), some.map(() => r.pick(['new', 'acknowledged', 'closed'])), some.map(() => day())],
          );
          break;
        }
        case 17: {
          // every membership of a person at once, in one statement: close or reopen them all, move them
          // all to another record, or delete them all (several rows of one person and category)
          const which = r.int(3);
          if (which === 0)
            await ctx.db.query(`UPDATE person_categories SET valid_to = CASE WHEN valid_to IS NULL THEN DATE '2026-02-28' ELSE NULL END WHERE person_id = $1`, [someone]);
          else if (which === 1) await ctx.db.query(`UPDATE person_categories SET person_id = $2 WHERE person_id = $1`, [someone, r.pick(ids)]);
          else await ctx.db.query(`DELETE FROM person_categories WHERE person_id = $1`, [someone]);
          break;
        }
        case 18:
          // a merge re-homes a person's results (person_id only) to the surviving record
          await ctx.db.query(`UPDATE assessments SET person_id = $2 WHERE person_id = $1`, [someone, r.pick(ids)]);
          break;
        default: {
          const which = r.int(3);
          const pick = `(SELECT id FROM handovers ORDER BY id LIMIT 1 OFFSET ${r.int(3)})`;
          if (which === 0) await ctx.db.query(`UPDATE handovers SET status = $1 WHERE id = ${pick}`, [r.pick(['new', 'acknowledged', 'closed'])]);
          else if (which === 1) await ctx.db.query(`UPDATE handovers SET region_code = $1 WHERE id = ${pick}`, [r.pick(regions)]);
          else await ctx.db.query(`DELETE FROM handovers WHERE id = ${pick}`);
        }
      }
    }
  }

  it('equal a recount from the base tables after random inserts, updates, transfers, merges and deletions', async () => {
    const r = rng(20260302);
    for (let round = 0; round < 4; round++) {
      await randomWrites(r, 80);
      const expected = (await recount()).map;
      expect(expected.size).toBeGreaterThan(50 * (round + 1));
      expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries(expected));
      const population = await populationRecount();
      expect(population.size).toBeGreaterThan(20 * (round + 1));
      expect(Object.fromEntries(await storedOf(POPULATION_TABLES))).toEqual(Object.fromEntries(population));
      // fold every other round, so reads see a mix of folded rows and pending changes
      if (round % 2 === 0) {
        await refreshRollups(ctx);
        expect((await new RollupRepository(ctx.db).pending()).count).toBe(0);
        expect((await new RollupRepository(ctx.db).pending(POPULATION_TABLES)).count).toBe(0);
        expect(Object.fromEntries(await storedOf(POPULATION_TABLES, false))).toEqual(Object.fromEntries(population));
        expect(await new RollupRepository(ctx.db).inconsistencies(POPULATION_TABLES)).toEqual([]);
        const folded = new Map((await new RollupRepository(ctx.db).allCounts()).filter((x) => x.regionCode !== '000000000000').map((x) => [rollupKey(x.figure, x.regionCode, x.day), x.value]));
        expect(Object.fromEntries(folded)).toEqual(Object.fromEntries(expected));
        expect(await new RollupRepository(ctx.db).inconsistencies()).toEqual([]);
      }
    }
  });

  it('answers region, child and daily sums that match the domain’s count at every level', async () => {
    const repo = new RollupRepository(ctx.db);
    await randomWrites(rng(7), 10); // leave some changes pending
    expect((await repo.pending()).count).toBeGreaterThan(0);
    const { contributions: now } = await recount();
    const from = '2026-02-22';
    const to = '2026-02-26';
    for (const [code, prefix] of [
      ['000000000000', ''],
      ['420000000000', '42'],
      ['420100000000', '4201'],
      ['420102000000', '420102'],
      ['420102101000', '420102101'],
      [regions[0] as string, (regions[0] as string).slice(0, 12)],
    ] as const) {
      const sums = await repo.regionSums(code, prefix, from, to);
      for (const id of ['register.persons', 'register.new_persons', 'register.admissions', 'register.category.student', 'register.handovers_open', 'assessments.completed', 'assessments.positive.phq9']) {
        const def = FIGURES_BY_ID.get(id);
        const row = sums.find((s) => s.figure === id);
        const got = def?.kind === 'count' && def.measure === 'flow' ? (row?.inPeriod ?? 0) : (row?.upToEnd ?? 0);
        expect([code, id, got]).toEqual([code, id, figureValue(FIGURES_BY_ID, id, now, { regionCode: code, from, to })]);
      }
    }
    const children = await repo.childSums('420102', 9, from, to);
    const street1 = children.filter((c) => c.regionCode === '420102101000' && c.figure === 'register.persons')[0]?.upToEnd ?? 0;
    expect(street1).toBe(figureValue(FIGURES_BY_ID, 'register.persons', now, { regionCode: '420102101000', from, to }));
    const daily = await repo.dailySums('420000000000', '42', from, to);
    const base = daily.find((d) => d.figure === 'register.persons' && d.day === null)?.value ?? 0;
    const inRange = daily.filter((d) => d.figure === 'register.persons' && d.day !== null).reduce((a, d) => a + d.value, 0);
    expect(base + inRange).toBe(figureValue(FIGURES_BY_ID, 'register.persons', now, { regionCode: '420000000000', from, to }));
  });
  /** Every count figure of every region level and child table and the daily trend, against the domain. */
  async function expectReadsMatch(r: ReturnType<typeof rng>, periods: number): Promise<void> {
    const repo = new RollupRepository(ctx.db);
    const { contributions } = await recount();
    const ids = countFigureIds();
    const streets = [...new Set(regions.map((c) => `${c.slice(0, 9)}000`))];
    const targets: [string, string, number | undefined][] = [
      ['000000000000', '', 2],
      ['420000000000', '42', 4],
      ['420100000000', '4201', 6],
      ['420102000000', '420102', 9],
      ...streets.map((s): [string, string, number] => [s, s.slice(0, 9), 12]),
      [regions[0] as string, (regions[0] as string).slice(0, 12), undefined],
    ];
    for (let i = 0; i < periods; i++) {
      // any period from late November to mid April: boundaries on month starts and ends, inside months, empty months
      const from = addDays('2025-11-25', r.int(140));
      const to = addDays(from, r.int(100));
      for (const [code, prefix, digits] of targets) {
        const want = (region: string, id: string) => figureValue(FIGURES_BY_ID, id, contributions, { regionCode: region, from, to });
        const sums = await repo.regionSums(code, prefix, from, to);
        for (const id of ids) {
          const row = sums.find((s) => s.figure === id);
          const def = FIGURES_BY_ID.get(id);
          const got = def?.kind === 'count' && def.measure === 'flow' ? (row?.inPeriod ?? 0) : (row?.upToEnd ?? 0);
          expect([from, to, code, id, Number(got)]).toEqual([from, to, code, id, want(code, id)]);
        }
        if (digits !== undefined) {
          const children = await repo.childSums(prefix, digits, from, to);
          for (const c of children) {
            const def = FIGURES_BY_ID.get(c.figure);
            expect([from, to, c.regionCode, c.figure, Number(def?.kind === 'count' && def.measure === 'flow' ? c.inPeriod : c.upToEnd)]).toEqual([
              from, to, c.regionCode, c.figure, want(c.regionCode, c.figure),
            ]);
          }
          // and no child with a non-zero figure is missing
          for (const child of new Set(contributions.map((c) => c.regionCode.slice(0, digits).padEnd(12, '0')).filter((x) => x.startsWith(prefix)))) {
            const v = want(child, 'register.persons') ?? 0;
            const got = children.find((c) => c.regionCode === child && c.figure === 'register.persons')?.upToEnd ?? 0;
            expect([child, Number(got)]).toEqual([child, v]);
          }
        }
        const daily = await repo.dailySums(code, prefix, from, to);
        // baseline (everything before `from`) + the days up to d = everything up to d
        for (const id of ['register.persons', 'register.new_persons', 'register.discharges', 'assessments.completed']) {
          const baseline = Number(daily.find((x) => x.figure === id && x.day === null)?.value ?? 0);
          for (let d = from; d <= to; d = addDays(d, 7)) {
            const upTo = baseline + daily.filter((x) => x.figure === id && x.day !== null && x.day <= d).reduce((a, x) => a + Number(x.value), 0);
            expect([code, id, d, upTo]).toEqual([code, id, d, figureValue(FIGURES_BY_ID, id, contributions, { regionCode: code, from: '1900-01-01', to: d })]);
          }
        }
      }
    }
  }

  it('reads any period exactly from totals, month rows and day rows, with changes pending and after a fold', async () => {
    const r = rng(4242);
    await randomWrites(r, 60);
    await refreshRollups(ctx);
    await randomWrites(r, 25); // pending on top of folded rows
    expect((await new RollupRepository(ctx.db).pending()).count).toBeGreaterThan(0);
    await expectReadsMatch(r, 6);
    await refreshRollups(ctx);
    expect(await new RollupRepository(ctx.db).inconsistencies()).toEqual([]);
    await expectReadsMatch(r, 6);
  });

  it('answers the population view from the rollup with the rows the base-table query gave, pending and folded', async () => {
    const r = rng(777);
    await randomWrites(r, 60);
    await refreshRollups(ctx);
    await randomWrites(r, 25); // pending on top of folded rows
    expect((await new RollupRepository(ctx.db).pending(POPULATION_TABLES)).count).toBeGreaterThan(0);
    await expectPopulationReadsMatch(r, 5);
    await refreshRollups(ctx);
    await expectPopulationReadsMatch(r, 5);
  });

  /** Every non-zero row of every folded table (both table sets), in a stable order. */
  async function foldedTables(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const [table, dated] of [
      ['rollup_counts', 'day'],
      ['rollup_months', 'month'],
      ['rollup_totals', null],
      ['rollup_population_counts', 'day'],
      ['rollup_population_months', 'month'],
    ] as const) {
      const rows = await ctx.db.query<{ k: string }>(
        `SELECT concat_ws('|', figure, region_code, level, ${dated ? `to_char(${dated}, 'YYYY-MM-DD')` : `''`}, value) AS k FROM ${table} WHERE value <> 0 ORDER BY 1`,
      );
      out[table] = rows.map((x) => x.k);
    }
    return out;
  }

  it('rebuilds family by family and month by month into exactly the rows the incremental fold keeps', async () => {
    const r = rng(31337);
    await randomWrites(r, 120);
    await refreshRollups(ctx);
    const folded = await foldedTables();
    // the writes span several months of at least two families and the population keys, so the rebuild
    // runs more than one slice per log
    const months = await ctx.db.query<{ n: number }>(`SELECT count(DISTINCT month)::int AS n FROM rollup_population_months`);
    expect(months[0]?.n).toBeGreaterThan(2);
    const steps: string[] = [];
    const report = await rebuildRollups(ctx, (step) => steps.push(step));
    expect(report.families).toContain('rollup_backfill_population');
    expect(steps.filter((x) => x.startsWith('rollup_backfill_population 20')).length).toBeGreaterThan(2);
    expect(steps.filter((x) => x.startsWith('rollup_backfill_assessments 20')).length).toBeGreaterThan(2);
    expect(Object.keys(report.timings)).toEqual(expect.arrayContaining(['lock_and_empty', 'rollup_backfill_register', 'day_month_total_rows', 'indexes']));
    const rebuilt = await foldedTables();
    expect(rebuilt).toEqual(folded);
    expect(report.dayRows).toBe((rebuilt.rollup_counts?.length ?? 0) + (rebuilt.rollup_population_counts?.length ?? 0));
    expect(report.monthRows).toBe((rebuilt.rollup_months?.length ?? 0) + (rebuilt.rollup_population_months?.length ?? 0));
    expect(report.totalRows).toBe(rebuilt.rollup_totals?.length ?? 0);
    // the logs are empty and carry on: triggers, fold and reads work on the rebuilt tables (indexes back)
    expect((await new RollupRepository(ctx.db).pending(POPULATION_TABLES)).count).toBe(0);
    await randomWrites(r, 30);
    expect(Object.fromEntries(await storedOf(POPULATION_TABLES))).toEqual(Object.fromEntries(await populationRecount()));
    await refreshRollups(ctx);
    expect(await new RollupRepository(ctx.db).inconsistencies(POPULATION_TABLES)).toEqual([]);
    await expectPopulationReadsMatch(r, 2);
  });

  it('loses and doubles nothing when writes arrive while a rebuild runs (they wait for it, then fold)', async () => {
    const r = rng(2718);
    await randomWrites(r, 40);
    let writes: Promise<void> | undefined;
    // started from inside the rebuild's transaction, once it holds the logs: on PostgreSQL the writers'
    // triggers wait for the lock, on PGlite the statements queue behind the transaction
    await rebuildRollups(ctx, (step) => {
      if (step === 'lock_and_empty') writes = randomWrites(r, 30);
    });
    await writes;
    expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries((await recount()).map));
    expect(Object.fromEntries(await storedOf(POPULATION_TABLES))).toEqual(Object.fromEntries(await populationRecount()));
    await refreshRollups(ctx);
    expect(Object.fromEntries(await storedOf(POPULATION_TABLES, false))).toEqual(Object.fromEntries(await populationRecount()));
    expect(await new RollupRepository(ctx.db).inconsistencies()).toEqual([]);
  });

  it.runIf(backend === 'postgres')('takes both change logs or neither: a writer appending to them in the other order is not deadlocked', async () => {
    /** Until the rebuild waits for the population log (polled; it gives up and retries every half second). */
    const rebuildWaits = async () => {
      for (let i = 0; i < 2000; i++) {
        const rows = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'rollup_population_delta'::regclass`);
        if ((rows[0]?.n ?? 0) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the rebuild never waited for the population log');
    };
    let rebuild: Promise<unknown> | undefined;
    // A writer that logs a population change first (e.g. results re-homed by a merge), then a figure
    // change (the merged person), in one transaction; rows of 0 so that no figure changes.
    await ctx.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO rollup_population_delta (figure, region_code, day, delta) VALUES ('population.all.phq9.mild', $1, '2026-02-01', 0)`, [regions[0]]);
      rebuild = rebuildRollups(ctx);
      await rebuildWaits(); // it holds rollup_delta, or did until its wait timed out
      await tx.query(`INSERT INTO rollup_delta (figure, region_code, day, delta) VALUES ('register.persons', $1, '2026-02-01', 0)`, [regions[0]]);
    });
    await rebuild;
    expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries((await recount()).map));
  });

  it('rebuilds every rollup from the base tables (back-fill functions), equal to the recount and to the folded state', async () => {
    const r = rng(99);
    await randomWrites(r, 40); // some pending
    const before = (await recount()).map;
    const population = await populationRecount();
    // damage the folded rows: a rebuild must not depend on them
    await ctx.db.query(`UPDATE rollup_counts SET value = value + 5 WHERE level = 12`);
    await ctx.db.query(`DELETE FROM rollup_population_months WHERE level = 4`);
    await ctx.db.query(`DELETE FROM rollup_totals WHERE level = 2`);
    const report = await rebuildRollups(ctx);
    expect(report.families).toEqual(expect.arrayContaining(['rollup_backfill_register', 'rollup_backfill_assessments']));
    expect(report.changeRows).toBeGreaterThan(0);
    expect((await new RollupRepository(ctx.db).pending()).count).toBe(0);
    const folded = new Map((await new RollupRepository(ctx.db).allCounts()).filter((x) => x.regionCode !== '000000000000').map((x) => [rollupKey(x.figure, x.regionCode, x.day), x.value]));
    expect(Object.fromEntries(folded)).toEqual(Object.fromEntries(before));
    expect(await new RollupRepository(ctx.db).inconsistencies()).toEqual([]);
    expect(Object.fromEntries(await storedOf(POPULATION_TABLES, false))).toEqual(Object.fromEntries(population));
    expect(await new RollupRepository(ctx.db).inconsistencies(POPULATION_TABLES)).toEqual([]);
    // the triggers and the fold carry on from the rebuilt state
    await randomWrites(r, 30);
    expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries((await recount()).map));
    await refreshRollups(ctx);
    expect(await new RollupRepository(ctx.db).inconsistencies()).toEqual([]);
    await expectReadsMatch(r, 3);
  });
});
