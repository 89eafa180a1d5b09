import { randomBytes } from 'node:crypto';
import { PROBLEM_TAXONOMY } from '@anxin/domain/hotline/problem-taxonomy.ts';
import type { FieldCipher } from '../privacy/field-cipher.ts';
import type { Queryable } from '../db/database.ts';
import { AccountRepository } from '../modules/accounts/account-repository.ts';
import { hashPassword } from '../modules/auth/password-hasher.ts';
import { HOTLINE_CONTEXT } from '../modules/hotline/hotline-crypto.ts';
import { LineRepository } from '../modules/hotline/line-repository.ts';
import { addDays, localIsoDate, mondayOf, startOfLocalDay } from '../modules/hotline/local-time.ts';

/**
 * The demo line's webhook secret. `anxin hotline simulate` uses it by default, so the simulator works
 * against `npm start` out of the box. Demo only: a real line gets a generated secret (POST /api/hotline/lines).
 */
export const DEMO_WEBHOOK_SECRET = 'anxin-demo-12356-webhook-secret';
export const DEMO_LINE_NUMBER = '12356';
export const DEMO_SEATS = ['S1', 'S2', 'S3', 'S4'];
const TZ = 'Asia/Shanghai';
const CITY = '420100000000';
const DISTRICTS = ['420102000000', '420103000000', '420104000000', '420105000000', '420106000000', '420111000000'];
const GROUPS = ['general_public', 'general_public', 'general_public', 'recovered_patient', 'patient_family', 'bereaved_family', 'frontline_medical', 'student', 'employee'];
/** Relative call volume by local hour (quiet nights, peaks late morning and evening). */
const HOURLY = [0.6, 0.4, 0.3, 0.2, 0.2, 0.3, 0.6, 1, 1.6, 2.2, 2.6, 2.4, 1.8, 1.8, 2.1, 2.2, 2.1, 2, 2.2, 2.6, 2.8, 2.4, 1.6, 1];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function poisson(rand: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

/**
 * Seeds the 12356 line for 武汉市: 4 seats, 24-hour service, the demo hotline accounts plus five roster-only
 * counselors, a roster for this week and next (three 8-hour shifts a day, two counselors each, with one
 * deliberate gap on Sunday night so the coverage check has something to show), a supervisor on day duty,
 * and four weeks of call history with filed records so the wallboard, planner, summaries and detection
 * have data. Tolerates being run on a database where the line exists (does nothing then).
 */
export async function seedHotline(tx: Queryable, options: { at: Date; cipher: FieldCipher; counselorId?: string | undefined; supervisorId?: string | undefined; organizationId?: string | null }): Promise<void> {
  const lines = new LineRepository(tx);
  if (await lines.findLineByNumber(DEMO_LINE_NUMBER)) return;
  const lineId = await lines.insertLine({
    number: DEMO_LINE_NUMBER,
    name: '武汉市心理援助热线',
    regionCode: CITY,
    organizationId: options.organizationId ?? null,
    openTime: '00:00',
    closeTime: '24:00',
    webhookSecretEnc: options.cipher.encrypt(DEMO_WEBHOOK_SECRET, HOTLINE_CONTEXT.webhookSecret),
  });
  if (!lineId) return;
  await lines.insertSeats(lineId, DEMO_SEATS);

  const accounts = new AccountRepository(tx);
  const rosterOnly: string[] = [];
  const hash = await hashPassword(randomBytes(18).toString('base64url')); // nobody signs in as these
  for (const [i, name] of ['热线咨询员二', '热线咨询员三', '热线咨询员四', '热线咨询员五', '热线咨询员六'].entries()) {
    const a = await accounts.create({ username: `hotline_roster${i + 2}`, displayName: name, passwordHash: hash });
    await accounts.addRole(a.id, 'hotline_counselor', CITY, options.organizationId ?? null);
    rosterOnly.push(a.id);
  }
  const team = [...(options.counselorId ? [options.counselorId] : []), ...rosterOnly];
  const training = [{ course: 'crisis_intervention', hours: 24, completedOn: '2025-09-20' }, { course: 'hotline_basics', hours: 40, completedOn: '2025-06-30' }];
  for (const id of team) await lines.upsertCounselor({ accountId: id, lineId, qualifications: ['心理咨询师（二级）'], training, isSupervisor: false, active: true });
  if (options.supervisorId) {
    await lines.upsertCounselor({ accountId: options.supervisorId, lineId, qualifications: ['精神科主治医师', '心理督导'], training, isSupervisor: true, active: true });
  }

  // Roster: this week and next, 00–08, 08–16, 16–24, two counselors each; Sunday 00–08 has only one.
  const today = localIsoDate(options.at, TZ);
  const monday = mondayOf(today);
  let k = 0;
  for (let d = 0; d < 14; d++) {
    const day = addDays(monday, d);
    const dayStart = startOfLocalDay(day, TZ).getTime();
    for (let s = 0; s < 3; s++) {
      const pair = (d % 7 === 6 && s === 0) ? 1 : 2;
      for (let p = 0; p < pair && team.length > 0; p++) {
        const accountId = team[k++ % team.length] as string;
        await lines.insertShift({ lineId, accountId, startsAt: new Date(dayStart + s * 8 * 3_600_000), endsAt: new Date(dayStart + (s + 1) * 8 * 3_600_000), supervisor: false });
      }
    }
    if (options.supervisorId) {
      await lines.insertShift({ lineId, accountId: options.supervisorId, startsAt: new Date(dayStart + 8 * 3_600_000), endsAt: new Date(dayStart + 20 * 3_600_000), supervisor: true });
    }
  }

  // History: 28 days up to now, about 70 calls a day, 10-minute mean talk time.
  const rand = rng(12_356);
  const cols = { ext: [] as string[], offered: [] as string[], answered: [] as (string | null)[], ended: [] as string[], abandoned: [] as (string | null)[], seat: [] as string[], status: [] as string[], problems: [] as string[], group: [] as string[], region: [] as string[], risk: [] as string[], disp: [] as string[], age: [] as string[], sex: [] as string[] };
  const seats = await lines.listSeats([lineId]);
  const nowMs = options.at.getTime();
  const categories = PROBLEM_TAXONOMY.filter((c) => c.code !== 'other');
  const weights = categories.map((c) => ({ emotion: 6, family: 4, marriage_love: 3, mental_illness: 2, covid_fear: 1, grief: 1.5, work: 2.5, study: 2, interpersonal: 2 } as Record<string, number>)[c.code] ?? 0.5);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const pickCategory = () => {
    let r = rand() * wsum;
    for (const [i, c] of categories.entries()) {
      r -= weights[i] ?? 0;
      if (r <= 0) return c;
    }
    return categories[0] as (typeof categories)[number];
  };
  let n = 0;
  for (let d = 28; d >= 0; d--) {
    const dayStart = startOfLocalDay(addDays(today, -d), TZ).getTime();
    for (let h = 0; h < 24; h++) {
      const count = poisson(rand, (HOURLY[h] ?? 1) * 1.75);
      for (let i = 0; i < count; i++) {
        const offered = dayStart + h * 3_600_000 + rand() * 3_600_000;
        const wait = -Math.log(Math.max(rand(), 1e-9)) * 15;
        const talk = Math.exp(Math.log(600) - 0.18 + 0.6 * Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-9))) * Math.cos(2 * Math.PI * rand()));
        const abandoned = rand() < 0.08;
        const end = abandoned ? offered + wait * 1000 : offered + (wait + talk) * 1000;
        if (end > nowMs - 60_000) continue; // only finished calls
        n++;
        const top = pickCategory();
        const problems = [{ category: top.code, subcategory: pick<{ code: string }>(top.subcategories).code }];
        cols.ext.push(`demo-${n}`);
        cols.offered.push(new Date(offered).toISOString());
        cols.answered.push(abandoned ? null : new Date(offered + wait * 1000).toISOString());
        cols.abandoned.push(abandoned ? new Date(end).toISOString() : null);
        cols.ended.push(new Date(end).toISOString());
        cols.seat.push(pick(seats).id);
        cols.status.push(abandoned ? 'none' : 'filed');
        cols.problems.push(abandoned ? '[]' : JSON.stringify(problems));
        cols.group.push(pick(GROUPS));
        cols.region.push(pick(DISTRICTS));
        const r = rand();
        cols.risk.push(abandoned ? '' : r < 0.02 ? 'high' : r < 0.1 ? 'moderate' : r < 0.3 ? 'low' : 'none');
        cols.disp.push(rand() < 0.2 ? 'support,referral' : rand() < 0.3 ? 'support,information' : 'support');
        cols.age.push(pick(['18_24', '25_34', '35_44', '45_59', '60_plus', '14_17']));
        cols.sex.push(pick(['male', 'female', 'female', 'unknown']));
      }
    }
  }
  await tx.query(
    `INSERT INTO hotline_calls (line_id, region_code, external_id, source, seat_id, offered_at, answered_at, abandoned_at, ended_at,
                                record_status, problems, caller_group, caller_region_code, risk_level, dispositions, age_band, sex,
                                filed_at, record_updated_at)
     SELECT $1, $2, ext, 'cti', seat, offered, answered, abandoned, ended, status, problems::jsonb,
            CASE WHEN status = 'filed' THEN grp END, CASE WHEN status = 'filed' THEN region END, NULLIF(risk, ''),
            CASE WHEN status = 'filed' THEN string_to_array(disp, ',') ELSE '{}' END,
            CASE WHEN status = 'filed' THEN age END, CASE WHEN status = 'filed' THEN sex END,
            CASE WHEN status = 'filed' THEN ended END, CASE WHEN status = 'filed' THEN ended END
       FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::uuid[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])
            AS t(ext, offered, answered, abandoned, ended, seat, status, problems, grp, region, risk, disp, age, sex)`,
    [lineId, CITY, cols.ext, cols.offered, cols.answered, cols.abandoned, cols.ended, cols.seat, cols.status, cols.problems, cols.group, cols.region, cols.risk, cols.disp, cols.age, cols.sex],
  );
}
