import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonRepository } from '../modules/persons/person-repository.ts';
import { makeAccount, makeCommunity } from '../testing/factories.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import { seedAssessments } from './seed-assessments.ts';

describe.each(backends())('demo assessments on %s', (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(backend);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('does nothing without persons, and seeds consented PHQ-9 histories for registered adults', async () => {
    const doctor = await makeAccount(ctx, { role: 'primary_care_doctor', regionCode: '420102000000' });
    expect(await ctx.db.transaction((tx) => seedAssessments(tx, { at: ctx.clock(), doctorId: doctor.id }))).toBe(0);
    const { community } = await makeCommunity(ctx, '420102000000');
    for (const [name, birthDate] of [['甲', '1970-01-01'], ['乙', '1980-01-01'], ['丙', '2015-01-01']] as const) {
      await new PersonRepository(ctx.db).insert({
        name,
        sex: 'female',
        birthDate,
        nationalIdEnc: null,
        nationalIdBidx: null,
        phoneEnc: null,
        phoneBidx: null,
        addressEnc: null,
        regionCode: community,
        deceasedOn: null,
        createdBy: doctor.id,
        at: ctx.clock(),
      });
    }
    expect(await ctx.db.transaction((tx) => seedAssessments(tx, { at: ctx.clock(), doctorId: doctor.id }))).toBe(5);
    const rows = await ctx.db.query<{ severity: string; n: number }>(`SELECT severity, count(*)::int AS n FROM assessments GROUP BY severity ORDER BY severity`);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(5);
    expect(await ctx.db.query(`SELECT 1 FROM consultations WHERE status = 'pending'`)).not.toHaveLength(0);
    expect(await ctx.db.query(`SELECT 1 FROM consents`)).toHaveLength(2);
  });
});
