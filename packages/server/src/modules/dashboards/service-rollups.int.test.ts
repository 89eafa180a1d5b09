/**
 * The service families' rollups (follow-up, consultations, interventions, crisis, care visits and aid
 * requests, hotline; migrations 0670–0695) equal the domain's recount of the base rows after random
 * inserts, updates (status changes, transfers, late records, level changes, region moves) and deletions,
 * at every level, before and after a fold. Kept beside rollups.int.test.ts (register and assessments) so the
 * two families of cases can change independently.
 */
import { aidRequestContributions, careVisitContributions } from '@anxin/domain/figures/care-figures.ts';
import { consultationContributions } from '@anxin/domain/figures/consultation-figures.ts';
import { crisisAdmissionContributions, crisisCaseContributions } from '@anxin/domain/figures/crisis-figures.ts';
import { FIGURES_BY_ID } from '@anxin/domain/figures/figure-catalogue.ts';
import type { Contribution } from '@anxin/domain/figures/figure-definition.ts';
import { figureValue, rollupContributions, rollupKey } from '@anxin/domain/figures/figure-rollup.ts';
import { followupTaskContributions } from '@anxin/domain/figures/followup-figures.ts';
import { hotlineCallContributions } from '@anxin/domain/figures/hotline-figures.ts';
import { counselingPlanContributions, counselingSessionContributions } from '@anxin/domain/figures/intervention-figures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeCommunity } from '../../testing/factories.ts';
import { createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { refreshRollups } from './refresh-rollups.ts';

const FAMILIES = ['followup.', 'consultations.', 'interventions.', 'crisis.', 'care.', 'hotline.'];
const ours = (figure: string) => FAMILIES.some((p) => figure.startsWith(p));
const TZ = 'Asia/Shanghai';

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

/** A letters-only tag (referral topics allow [a-z_] only). */
const letters = (n: number) => n.toString(26).split('').map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('');

describe.each(backends())('service-family rollups on %s', (backend) => {
  let ctx: TestContext;
  let regions: string[];
  let accountId: string;
  let orgs: string[];
  let lineId: string;
  let persons: string[];
  let seq = 0;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    const a = await makeCommunity(ctx, '420102000000', 1);
    const b = await makeCommunity(ctx, '420102000000', 2);
    const c = await makeCommunity(ctx, '420103000000', 3);
    const d = await makeCommunity(ctx, '110101000000', 4);
    await ctx.db.query(`INSERT INTO regions (code, parent_code, level, name) VALUES ($1, $2, 'grid', '测试网格')`, [`${a.community}007`, a.community]);
    regions = [a.community, b.community, c.community, d.community, `${a.community}007`, '420102000000'];
    accountId = (await makeAccount(ctx, { role: 'platform_admin', regionCode: '000000000000' })).id;
    orgs = [];
    for (const name of ['民政局', '精卫中心']) {
      const rows = await ctx.db.query<{ id: string }>(`INSERT INTO organizations (type, name, region_code) VALUES ('other', $1, '420102000000') RETURNING id`, [name]);
      orgs.push(rows[0]?.id as string);
    }
    const line = await ctx.db.query<{ id: string }>(`INSERT INTO hotline_lines (number, name, region_code) VALUES ('12356', '测试热线', '420100000000') RETURNING id`);
    lineId = line[0]?.id as string;
    persons = [];
    for (let i = 0; i < 6; i++) {
      const p = await ctx.db.query<{ id: string }>(
        `INSERT INTO persons (name, sex, birth_date, region_code, verification_status, created_at) VALUES ('测试', 'female', '1980-01-01', $1, 'verified', now()) RETURNING id`,
        [regions[i % 4]],
      );
      persons.push(p[0]?.id as string);
    }
  });
  afterAll(async () => {
    await ctx.close();
  });

  const day = (r: ReturnType<typeof rng>) => `2026-03-${String(1 + r.int(20)).padStart(2, '0')}`;
  const instant = (r: ReturnType<typeof rng>) => `${day(r)}T${String(r.int(24)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}:00+08:00`;
  const any = async (table: string, where = 'true'): Promise<string | undefined> =>
    (await ctx.db.query<{ id: string }>(`SELECT id::text AS id FROM ${table} WHERE ${where} ORDER BY random() LIMIT 1`))[0]?.id;

  async function recount(): Promise<{ map: Map<string, number>; contributions: Contribution[] }> {
    const out: Contribution[] = [];
    const day = (d: Date) => localIsoDate(d, TZ);
    for (const t of await ctx.db.query<{ region_code: string; status: string; window_end: string; created_at: Date; visited_on: string | null }>(
      `SELECT t.region_code, t.status, to_char(t.window_end, 'YYYY-MM-DD') AS window_end, t.created_at, to_char(r.visited_on, 'YYYY-MM-DD') AS visited_on
         FROM followup_tasks t LEFT JOIN followup_records r ON r.task_id = t.id`,
    ))
      out.push(...followupTaskContributions({ regionCode: t.region_code, status: t.status, windowEnd: t.window_end, createdDay: day(t.created_at), visitedOn: t.visited_on }));
    for (const c of await ctx.db.query<{ region_code: string; status: string; requested_at: Date; reviewed_at: Date | null }>(
      `SELECT region_code, status, requested_at, reviewed_at FROM consultations`,
    ))
      out.push(...consultationContributions({ regionCode: c.region_code, status: c.status, requestedAt: c.requested_at, reviewedAt: c.reviewed_at }));
    for (const p of await ctx.db.query<{ region_code: string; type: string; status: string; start_date: string; created_at: Date }>(
      `SELECT region_code, type, status, to_char(start_date, 'YYYY-MM-DD') AS start_date, created_at FROM counseling_plans`,
    ))
      out.push(...counselingPlanContributions({ regionCode: p.region_code, type: p.type, status: p.status, startDate: p.start_date, createdDay: day(p.created_at) }));
    for (const s of await ctx.db.query<{ region_code: string; type: string; session_date: string }>(
      `SELECT region_code, type, to_char(session_date, 'YYYY-MM-DD') AS session_date FROM counseling_sessions`,
    ))
      out.push(...counselingSessionContributions({ regionCode: s.region_code, type: s.type, sessionDate: s.session_date }));
    for (const c of await ctx.db.query<{ region_code: string; status: string; level: string; level_set_at: Date; opened_at: Date; first_contact_at: Date | null; closed_at: Date | null }>(
      `SELECT region_code, status, level, level_set_at, opened_at, first_contact_at, closed_at FROM crisis_cases`,
    ))
      out.push(
        ...crisisCaseContributions({
          regionCode: c.region_code,
          status: c.status,
          level: c.level,
          levelSetAt: c.level_set_at,
          openedAt: c.opened_at,
          firstContactAt: c.first_contact_at,
          closedAt: c.closed_at,
        }),
      );
    for (const a of await ctx.db.query<{ region_code: string; admitted_on: string; involuntary: boolean }>(
      `SELECT c.region_code, to_char(a.admitted_on, 'YYYY-MM-DD') AS admitted_on, a.involuntary FROM crisis_admissions a JOIN crisis_cases c ON c.id = a.case_id`,
    ))
      out.push(...crisisAdmissionContributions({ regionCode: a.region_code, admittedOn: a.admitted_on, involuntary: a.involuntary }));
    for (const v of await ctx.db.query<{ region_code: string; visit_date: string; n: number }>(
      `SELECT region_code, to_char(visit_date, 'YYYY-MM-DD') AS visit_date, jsonb_array_length(needs)::int AS n FROM care_visits`,
    ))
      out.push(...careVisitContributions({ regionCode: v.region_code, visitDate: v.visit_date, needCount: v.n }));
    for (const r of await ctx.db.query<{ region_code: string; kind: string; status: string; sent_at: Date; accepted_at: Date | null }>(
      `SELECT region_code, kind, status, sent_at, accepted_at FROM referrals`,
    ))
      out.push(...aidRequestContributions({ regionCode: r.region_code, kind: r.kind, status: r.status, sentAt: r.sent_at, acceptedAt: r.accepted_at }));
    for (const c of await ctx.db.query<{
      region_code: string; offered_at: Date; answered_at: Date | null; abandoned_at: Date | null; ended_at: Date | null; record_status: string; problems: { category: string }[];
    }>(`SELECT region_code, offered_at, answered_at, abandoned_at, ended_at, record_status, problems FROM hotline_calls`))
      out.push(
        ...hotlineCallContributions({
          regionCode: c.region_code,
          offeredAt: c.offered_at,
          answeredAt: c.answered_at,
          abandonedAt: c.abandoned_at,
          endedAt: c.ended_at,
          recordStatus: c.record_status,
          problemCategories: c.problems.map((p) => p.category),
        }),
      );
    return { map: rollupContributions(out), contributions: out };
  }

  async function stored(): Promise<Map<string, number>> {
    const rows = await ctx.db.query<{ figure: string; region_code: string; day: string; v: number }>(
      `SELECT figure, region_code, to_char(day, 'YYYY-MM-DD') AS day, sum(v)::bigint AS v FROM (
         SELECT figure, region_code, day, value AS v FROM rollup_counts WHERE level > 0
         UNION ALL
         SELECT figure, rpad(substr(region_code, 1, l.d), 12, '0'), day, delta
           FROM rollup_delta CROSS JOIN (VALUES (2), (4), (6), (9), (12)) AS l(d)
       ) s GROUP BY 1, 2, 3 HAVING sum(v) <> 0`,
    );
    return new Map(rows.filter((r) => ours(r.figure)).map((r) => [rollupKey(r.figure, r.region_code, r.day), Number(r.v)]));
  }

  async function randomWrites(r: ReturnType<typeof rng>, n: number): Promise<void> {
    const OPEN = ['scheduled', 'due', 'overdue'];
    for (let i = 0; i < n; i++) {
      seq++;
      const person = r.pick(persons);
      const region = r.pick(regions);
      switch (r.int(22)) {
        case 0:
        case 1: {
          // a follow-up task (own closed enrolment, so the one-open-task rule never bites) — open or closed
          const e = await ctx.db.query<{ id: string }>(
            `INSERT INTO enrolments (person_id, program, region_code, status, enrolled_on, ended_on, end_reason, created_by, created_at, updated_at)
             VALUES ($1, 'key_population_other', $2, 'closed', '2026-01-01', '2026-01-02', 'other', $3, now(), now()) RETURNING id`,
            [person, region, accountId],
          );
          const status = r.pick([...OPEN, 'done', 'unreachable', 'cancelled']);
          const due = day(r);
          await ctx.db.query(
            `INSERT INTO followup_tasks (enrolment_id, person_id, program, region_code, due_date, window_start, window_end, status, rule, created_at, closed_at)
             VALUES ($1, $2, 'key_population_other', $3, $4::date, $4::date - 3, $4::date + $5::int, $6, 'routine', $7, $8)`,
            [e[0]?.id, person, region, due, r.int(8), status, instant(r), OPEN.includes(status) ? null : instant(r)],
          );
          break;
        }
        case 2: {
          // close an open task (done or unreachable), then write its record — the order the use case uses
          const t = (await ctx.db.query<{ id: string; enrolment_id: string; person_id: string; region_code: string; window_end: string }>(
            `SELECT id, enrolment_id, person_id, region_code, to_char(window_end, 'YYYY-MM-DD') AS window_end FROM followup_tasks
              WHERE status IN ('scheduled', 'due', 'overdue') ORDER BY random() LIMIT 1`,
          ))[0];
          if (!t) break;
          const reached = r.int(3) > 0;
          await ctx.db.query(`UPDATE followup_tasks SET status = $2, closed_at = now() WHERE id = $1`, [t.id, reached ? 'done' : 'unreachable']);
          await ctx.db.query(
            `INSERT INTO followup_records (task_id, enrolment_id, person_id, region_code, visited_on, mode, reached, unreached_reason, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5::date + $6::int, 'phone', $7, $8, $9, now())`,
            [t.id, t.enrolment_id, t.person_id, t.region_code, t.window_end, r.int(7) - 4, reached, reached ? null : 'not_home', accountId],
          );
          break;
        }
        case 3: {
          // transfer: open tasks move, the hourly job marks overdue, a record's date is corrected, or a record and its task go
          const which = r.int(4);
          if (which === 0) await ctx.db.query(`UPDATE followup_tasks SET region_code = $1 WHERE id = (SELECT id FROM followup_tasks WHERE status IN ('scheduled', 'due', 'overdue') ORDER BY random() LIMIT 1)`, [region]);
          else if (which === 1) {
            // the hourly job: open statuses change, no figure does, so nothing is emitted
            const before = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rollup_delta`))[0]?.n;
            await ctx.db.query(`UPDATE followup_tasks SET status = 'overdue' WHERE status IN ('scheduled', 'due') AND window_end < $1::date`, [day(r)]);
            await ctx.db.query(`UPDATE followup_tasks SET status = 'due' WHERE status = 'scheduled' AND window_start <= $1::date`, [day(r)]);
            expect((await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rollup_delta`))[0]?.n).toBe(before);
          }
          else if (which === 2) await ctx.db.query(`UPDATE followup_records SET visited_on = visited_on + $1::int WHERE id = (SELECT id FROM followup_records ORDER BY random() LIMIT 1)`, [r.int(9) - 4]);
          else {
            const id = await any('followup_tasks');
            await ctx.db.query(`DELETE FROM followup_records WHERE task_id = $1`, [id]);
            if (r.int(2)) await ctx.db.query(`DELETE FROM followup_tasks WHERE id = $1`, [id]);
          }
          break;
        }
        case 4:
        case 5: {
          const a = await ctx.db.query<{ id: string }>(
            `INSERT INTO assessments (person_id, region_code, instrument, instrument_version, mode, status, created_at, updated_at)
             VALUES ($1, $2, 'phq9', '1', 'in_person', 'draft', now(), now()) RETURNING id`,
            [person, region],
          );
          await ctx.db.query(`INSERT INTO consultations (assessment_id, person_id, region_code, reasons, requested_at) VALUES ($1, $2, $3, '{consultation_recommended}', $4)`, [
            a[0]?.id,
            person,
            region,
            instant(r),
          ]);
          break;
        }
        case 6: {
          // answer a consultation within 0–5 days, or move one / delete one
          const which = r.int(3);
          const id = await any('consultations', which === 0 ? `status = 'pending'` : 'true');
          if (!id) break;
          if (which === 0)
            await ctx.db.query(
              `UPDATE consultations SET status = 'completed', reviewed_by = $2, recommendation = 'none', reviewed_at = requested_at + make_interval(mins => $3::int) WHERE id = $1`,
              [id, accountId, r.pick([30, 60 * 24, 60 * 72, 60 * 72 + 1, 60 * 110])],
            );
          else if (which === 1) await ctx.db.query(`UPDATE consultations SET region_code = $2 WHERE id = $1`, [id, region]);
          else await ctx.db.query(`DELETE FROM consultations WHERE id = $1`, [id]);
          break;
        }
        case 7: {
          await ctx.db.query(
            `INSERT INTO counseling_plans (person_id, region_code, type, status, start_date, responsible_account_id, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6, $7, now())`,
            [person, region, r.pick(['individual', 'group', 'family']), r.pick(['active', 'paused', 'completed', 'cancelled']), day(r), accountId, instant(r)],
          );
          break;
        }
        case 8: {
          const id = await any('counseling_plans');
          const which = r.int(3);
          if (which === 0) await ctx.db.query(`UPDATE counseling_plans SET status = $2 WHERE id = $1`, [id, r.pick(['active', 'paused', 'completed', 'cancelled'])]);
          else if (which === 1) await ctx.db.query(`UPDATE counseling_plans SET region_code = $2, start_date = start_date + 1 WHERE id = $1`, [id, region]);
          else await ctx.db.query(`DELETE FROM counseling_plans p WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM counseling_session_participants s WHERE s.plan_id = p.id)`, [id]);
          break;
        }
        case 9: {
          await ctx.db.query(
            `INSERT INTO counseling_sessions (type, region_code, session_date, duration_minutes, modality, provider_id, created_by, created_at)
             VALUES ($1, $2, $3, 50, 'in_person', $4, $4, now())`,
            [r.pick(['individual', 'group', 'family']), region, day(r), accountId],
          );
          break;
        }
        case 10: {
          const id = await any('counseling_sessions');
          if (r.int(2)) await ctx.db.query(`UPDATE counseling_sessions SET type = $2, session_date = session_date - 1 WHERE id = $1`, [id, r.pick(['individual', 'group', 'family'])]);
          else await ctx.db.query(`DELETE FROM counseling_sessions WHERE id = $1`, [id]);
          break;
        }
        case 11:
        case 12: {
          // an anonymous crisis case (no one-open-case-per-person conflict), sometimes contacted, sometimes closed
          const opened = instant(r);
          const closed = r.int(4) === 0;
          await ctx.db.query(
            `INSERT INTO crisis_cases (region_code, status, level, level_set_at, opened_at, opened_source, last_signal_at, first_contact_at, closed_at)
             VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz, 'field_report', $4::timestamptz, $5, $6)`,
            [
              region,
              closed ? 'closed' : r.pick(['reported', 'triaged', 'intervention']),
              r.pick(['imminent', 'high', 'moderate']),
              opened,
              r.int(3) ? new Date(new Date(opened).getTime() + r.pick([30, 61, 60 * 24, 60 * 24 + 1, 60 * 72, 60 * 80]) * 60_000) : null,
              closed ? new Date(new Date(opened).getTime() + 5 * 86_400_000) : null,
            ],
          );
          break;
        }
        case 13: {
          // raise the level (the first-contact clock restarts), contact, close, reopen or move a case
          const id = await any('crisis_cases');
          if (!id) break;
          const which = r.int(5);
          if (which === 0) await ctx.db.query(`UPDATE crisis_cases SET level = $2, level_set_at = level_set_at + interval '2 hours' WHERE id = $1`, [id, r.pick(['imminent', 'high', 'moderate'])]);
          else if (which === 1) await ctx.db.query(`UPDATE crisis_cases SET first_contact_at = coalesce(first_contact_at, level_set_at + interval '50 minutes') WHERE id = $1`, [id]);
          else if (which === 2) await ctx.db.query(`UPDATE crisis_cases SET status = 'closed', closed_at = opened_at + interval '3 days' WHERE id = $1`, [id]);
          else if (which === 3) await ctx.db.query(`UPDATE crisis_cases SET status = 'intervention', closed_at = NULL WHERE id = $1`, [id]);
          else await ctx.db.query(`UPDATE crisis_cases SET region_code = $2 WHERE id = $1`, [id, region]);
          break;
        }
        case 14: {
          const id = await any('crisis_cases');
          if (!id) break;
          const which = r.int(3);
          if (which === 0)
            await ctx.db.query(
              `INSERT INTO crisis_admissions (case_id, hospital_name, admitted_on, arranged_by, involuntary, discharged_on) VALUES ($1, '测试医院', $2::date, $3, $4, $2::date + 5)`,
              [id, day(r), accountId, r.int(2) === 0],
            );
          else if (which === 1) await ctx.db.query(`UPDATE crisis_admissions SET involuntary = NOT involuntary, admitted_on = admitted_on - 1 WHERE id = (SELECT id FROM crisis_admissions ORDER BY random() LIMIT 1)`);
          else await ctx.db.query(`DELETE FROM crisis_admissions WHERE id = (SELECT id FROM crisis_admissions ORDER BY random() LIMIT 1)`);
          break;
        }
        case 15:
        case 16: {
          const needs = r.int(2) ? [{ type: 'financial', urgency: 'routine' }] : [];
          const v = await ctx.db.query<{ id: string }>(
            `INSERT INTO care_visits (person_id, region_code, visit_date, visitor_id, recovery_situation, economic_situation, needs, created_at)
             VALUES ($1, $2, $3, $4, 'stable', 'tight', $5::jsonb, now()) RETURNING id`,
            [person, region, day(r), accountId, JSON.stringify(needs)],
          );
          if (needs.length > 0 && r.int(2)) {
            const status = r.pick(['sent', 'accepted', 'declined', 'closed']);
            await ctx.db.query(
              `INSERT INTO referrals (person_id, region_code, kind, topic, to_org_id, care_visit_id, status, sent_by, sent_at, updated_at, accepted_at)
               VALUES ($1, $2, 'aid', $3, $4, $5, $6, $7, $8::timestamptz, now(), CASE WHEN $6 IN ('accepted', 'closed') THEN $8::timestamptz + interval '1 day' END)`,
              [person, region, `need_${letters(seq)}`, orgs[0], v[0]?.id, status, accountId, instant(r)],
            );
          }
          break;
        }
        case 17: {
          // a clinical referral (never counted), or an aid request answered, moved or deleted; a visit edited
          const which = r.int(4);
          if (which === 0)
            await ctx.db.query(
              `INSERT INTO referrals (person_id, region_code, kind, topic, from_org_id, to_org_id, status, sent_by, sent_at, updated_at) VALUES ($1, $2, 'clinical', 'relapse', $3, $4, 'sent', $5, now(), now())`,
              [person, region, orgs[1], orgs[0], accountId],
            );
          else if (which === 1)
            await ctx.db.query(
              `UPDATE referrals SET status = $1, accepted_at = CASE WHEN $1 = 'accepted' THEN now() ELSE accepted_at END WHERE id = (SELECT id FROM referrals WHERE status = 'sent' ORDER BY random() LIMIT 1)`,
              [r.pick(['accepted', 'declined'])],
            );
          else if (which === 2) await ctx.db.query(`UPDATE referrals SET region_code = $1 WHERE id = (SELECT id FROM referrals ORDER BY random() LIMIT 1)`, [region]);
          else {
            const id = await any('care_visits');
            await ctx.db.query(`DELETE FROM referrals WHERE care_visit_id = $1`, [id]);
            if (r.int(2)) await ctx.db.query(`DELETE FROM care_visits WHERE id = $1`, [id]);
            else await ctx.db.query(`UPDATE care_visits SET needs = CASE WHEN jsonb_array_length(needs) = 0 THEN '[{"type":"housing","urgency":"urgent"}]'::jsonb ELSE '[]'::jsonb END WHERE id = $1`, [id]);
          }
          break;
        }
        case 18:
        case 19: {
          const offered = new Date(instant(r));
          const outcome = r.int(4);
          const s = (sec: number) => new Date(offered.getTime() + sec * 1000);
          await ctx.db.query(
            `INSERT INTO hotline_calls (line_id, region_code, external_id, source, offered_at, answered_at, abandoned_at, ended_at, record_status, problems)
             VALUES ($1, $2, $3, 'cti', $4, $5, $6, $7, $8, $9::jsonb)`,
            [
              lineId,
              region,
              `call-${seq}`,
              offered,
              outcome === 0 ? s(12) : null,
              outcome === 1 ? s(r.pick([3, 5, 40])) : null,
              outcome === 0 ? s(600) : outcome === 2 ? s(r.pick([4, 30])) : null,
              outcome === 0 ? r.pick(['draft', 'filed']) : 'none',
              JSON.stringify(outcome === 0 ? r.pick([[{ category: 'emotion' }], [{ category: 'emotion', subcategory: 'anxiety' }, { category: 'emotion', subcategory: 'sleep' }, { category: 'family' }]]) : []),
            ],
          );
          break;
        }
        case 20: {
          // answer a waiting call, file a draft, save a draft again (no figure changes), anonymise, delete
          const which = r.int(5);
          const id = await any('hotline_calls');
          if (!id) break;
          if (which === 0) await ctx.db.query(`UPDATE hotline_calls SET answered_at = offered_at + interval '8 seconds', record_status = 'draft' WHERE id = $1 AND answered_at IS NULL`, [id]);
          else if (which === 1) await ctx.db.query(`UPDATE hotline_calls SET record_status = 'filed', problems = '[{"category":"mental_illness"},{"category":"family"}]' WHERE id = $1 AND answered_at IS NOT NULL`, [id]);
          else if (which === 2) await ctx.db.query(`UPDATE hotline_calls SET version = version + 1, record_updated_at = now() WHERE id = $1`, [id]);
          else if (which === 3) await ctx.db.query(`UPDATE hotline_calls SET notes_enc = NULL, person_id = NULL, anonymised_at = now(), region_code = $2 WHERE id = $1`, [id, region]);
          else await ctx.db.query(`DELETE FROM hotline_calls WHERE id = $1`, [id]);
          break;
        }
        default: {
          // a merge re-homes every row of a person to the survivor (region unchanged): counts must not move
          const [from, to] = [r.pick(persons), r.pick(persons)];
          if (from === to) break;
          for (const table of ['followup_tasks', 'followup_records', 'enrolments', 'consultations', 'counseling_plans', 'care_visits', 'referrals'])
            await ctx.db.query(`UPDATE ${table} SET person_id = $2 WHERE person_id = $1`, [from, to]);
        }
      }
    }
  }

  it('equal a recount from the base tables after random inserts, updates, transfers, merges and deletions', async () => {
    const r = rng(20261123);
    for (let round = 0; round < 4; round++) {
      await randomWrites(r, 90);
      const expected = (await recount()).map;
      expect(expected.size).toBeGreaterThan(100 * (round + 1));
      for (const family of FAMILIES) expect([family, [...expected.keys()].some((k) => k.startsWith(family))]).toEqual([family, true]);
      expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries(expected));
      if (round % 2 === 0) {
        await refreshRollups(ctx);
        expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries(expected));
      }
    }
  });

  it('back-fills the same contributions from the base rows (what a rebuild calls)', async () => {
    const expected = (await recount()).map;
    await refreshRollups(ctx);
    // Drop our families' rollups, then let each family's back-fill put them back.
    await ctx.db.query(`DELETE FROM rollup_counts WHERE figure LIKE ANY ($1::text[])`, [FAMILIES.map((f) => `${f}%`)]);
    for (const f of ['followup', 'consultations', 'interventions', 'crisis', 'care', 'hotline']) await ctx.db.query(`SELECT rollup_backfill_${f}()`);
    expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries(expected));
  });

  it('gives each headline value as the domain counts it, at every level', async () => {
    const { contributions } = await recount();
    const q = { from: '2026-03-05', to: '2026-03-15' };
    const map = await stored();
    for (const regionCode of ['420000000000', '420100000000', '420102000000', '420102101000', regions[0] as string]) {
      for (const id of ['followup.due', 'followup.overdue', 'consultations.answered_in_time', 'interventions.sessions.group', 'crisis.open.high', 'crisis.admissions', 'care.aid_pending', 'hotline.answered']) {
        const def = FIGURES_BY_ID.get(id);
        let got = 0;
        for (const [key, v] of map) {
          const [figure, region, d] = key.split('|') as [string, string, string];
          if (figure !== id || region !== regionCode || d > q.to) continue;
          if (def?.kind === 'count' && def.measure === 'flow' && d < q.from) continue;
          got += v;
        }
        expect([regionCode, id, got]).toEqual([regionCode, id, figureValue(FIGURES_BY_ID, id, contributions, { regionCode, ...q })]);
      }
    }
  });
});
