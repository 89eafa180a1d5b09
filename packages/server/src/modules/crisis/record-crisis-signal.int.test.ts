import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity } from '../../testing/factories.ts';
import { createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { insertTestPerson } from './crisis-testing.ts';
import { recordCrisisSignal, type CrisisSignal } from './record-crisis-signal.ts';

describe.each(backends())('recordCrisisSignal on %s', (backend) => {
  let ctx: TestContext;
  let community: string;

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    ({ community } = await makeCommunity(ctx, '420102000000'));
  });
  afterAll(async () => {
    await ctx.close();
  });

  const signal = (over: Partial<CrisisSignal>): CrisisSignal => ({
    personId: null,
    regionCode: community,
    source: 'assessment',
    sourceId: crypto.randomUUID(),
    level: 'moderate',
    reasons: ['phq9_item9'],
    reportedBy: null,
    at: ctx.clock(),
    ...over,
  });
  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const rows = await ctx.db.query<{ n: number }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  };

  it('leaves no signal, case or timeline event when the caller rolls back', async () => {
    const personId = await insertTestPerson(ctx.db, community);
    await expect(
      ctx.db.transaction(async (tx) => {
        const r = await recordCrisisSignal(tx, signal({ personId, level: 'imminent' }));
        expect(r.opened).toBe(true);
        throw new Error('caller failed after the signal');
      }),
    ).rejects.toThrow('caller failed');
    expect(await count('SELECT count(*) AS n FROM crisis_cases WHERE person_id = $1', [personId])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM crisis_signals WHERE person_id = $1', [personId])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM person_timeline WHERE person_id = $1', [personId])).toBe(0);
  });

  it('attaches a second signal for the same person to the one open case and raises its level', async () => {
    const personId = await insertTestPerson(ctx.db, community);
    const first = await ctx.db.transaction((tx) => recordCrisisSignal(tx, signal({ personId, level: 'moderate' })));
    ctx.clock.advance(60_000);
    const second = await ctx.db.transaction((tx) =>
      recordCrisisSignal(tx, signal({ personId, source: 'hotline', level: 'imminent', at: ctx.clock() })),
    );
    const third = await ctx.db.transaction((tx) =>
      recordCrisisSignal(tx, signal({ personId, source: 'followup', level: 'moderate', at: ctx.clock() })),
    );
    expect(first.opened).toBe(true);
    expect(second).toEqual({ caseId: first.caseId, opened: false });
    expect(third).toEqual({ caseId: first.caseId, opened: false });
    const rows = await ctx.db.query<{ level: string; signal_count: number; level_set_at: Date }>(
      'SELECT level, signal_count, level_set_at FROM crisis_cases WHERE person_id = $1',
      [personId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.level).toBe('imminent'); // raised by the hotline, not lowered by the follow-up
    expect(rows[0]?.signal_count).toBe(3);
    expect(rows[0]?.level_set_at.getTime()).toBe(ctx.clock().getTime());
    const kinds = await ctx.db.query<{ kind: string }>(
      'SELECT kind FROM person_timeline WHERE person_id = $1 ORDER BY id',
      [personId],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['crisis.opened', 'crisis.level_raised', 'crisis.signal']);
  });

  it('is idempotent by source and source id', async () => {
    const personId = await insertTestPerson(ctx.db, community);
    const s = signal({ personId, source: 'hospital', sourceId: 'episode-42' });
    const a = await ctx.db.transaction((tx) => recordCrisisSignal(tx, s));
    const b = await ctx.db.transaction((tx) => recordCrisisSignal(tx, s));
    expect(b).toEqual({ caseId: a.caseId, opened: false });
    expect(await count("SELECT count(*) AS n FROM crisis_signals WHERE source_id = 'episode-42'")).toBe(1);
  });

  it('opens a case per anonymous signal', async () => {
    const a = await ctx.db.transaction((tx) => recordCrisisSignal(tx, signal({ source: 'hotline', level: 'high' })));
    const b = await ctx.db.transaction((tx) => recordCrisisSignal(tx, signal({ source: 'hotline', level: 'high' })));
    expect(a.opened && b.opened).toBe(true);
    expect(a.caseId).not.toBe(b.caseId);
  });

  it('opens a new case after the previous one is closed', async () => {
    const personId = await insertTestPerson(ctx.db, community);
    const a = await ctx.db.transaction((tx) => recordCrisisSignal(tx, signal({ personId })));
    await ctx.db.query(`UPDATE crisis_cases SET status = 'closed', closed_at = now() WHERE id = $1`, [a.caseId]);
    const b = await ctx.db.transaction((tx) => recordCrisisSignal(tx, signal({ personId })));
    expect(b.opened).toBe(true);
    expect(b.caseId).not.toBe(a.caseId);
  });

  it('refuses a malformed signal', async () => {
    await expect(
      ctx.db.transaction((tx) => recordCrisisSignal(tx, signal({ reasons: ['free text with spaces'] }))),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      ctx.db.transaction((tx) => recordCrisisSignal(tx, signal({ regionCode: '42' }))),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
