import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import { appendAudit, recordAudit, verifyAuditChain } from './audit-log.ts';

// Tampering is simulated as a database superuser would do it: with the append-only trigger switched off.
async function asSuperuser(ctx: TestContext, sql: string, params: unknown[]): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  });
}

describe.each(backends())('audit chain on %s', (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(backend);
  });
  afterAll(() => ctx.close());

  async function fill(n: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(
        await recordAudit(ctx.db, {
          at: ctx.clock(),
          accountId: null,
          username: `u${i}`,
          role: 'counselor',
          action: 'person.read_full',
          resourceType: 'person',
          resourceId: `p${i}`,
          regionCode: '420102000000',
          clientIp: '127.0.0.1',
          reason: i % 2 ? 'follow-up' : null,
          details: { n: i, nested: { b: 1, a: [1, 2] } },
        }),
      );
    }
    return ids;
  }

  it('verifies an untouched chain, across batch boundaries', async () => {
    await fill(12);
    const result = await verifyAuditChain(ctx.db, 5);
    expect(result).toMatchObject({ ok: true, rows: 12 });
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses ordinary updates and deletes', async () => {
    await expect(ctx.db.query("UPDATE audit_log SET reason = 'x'")).rejects.toThrow(/append-only/);
    await expect(ctx.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('rolls an audit row back with the transaction it belongs to', async () => {
    const before = await verifyAuditChain(ctx.db);
    await expect(
      ctx.db.transaction(async (tx) => {
        await appendAudit(tx, { at: ctx.clock(), action: 'person.update' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const after = await verifyAuditChain(ctx.db);
    expect(after).toEqual(before);
  });

  it('detects an edited row', async () => {
    const ids = await fill(3);
    await asSuperuser(ctx, 'UPDATE audit_log SET username = $2 WHERE id = $1', [ids[1], 'someone-else']);
    const result = await verifyAuditChain(ctx.db);
    expect(result.ok).toBe(false);
    expect(result.problem).toEqual({ id: ids[1], reason: 'hash_mismatch' });
  });

  it('detects a deleted row', async () => {
    const fresh = await createTestContext(backend);
    try {
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) ids.push(await recordAudit(fresh.db, { at: fresh.clock(), action: 'x', details: { i } }));
      expect((await verifyAuditChain(fresh.db)).ok).toBe(true);
      await asSuperuser(fresh, 'DELETE FROM audit_log WHERE id = $1', [ids[2]]);
      const result = await verifyAuditChain(fresh.db);
      expect(result.ok).toBe(false);
      expect(result.problem).toEqual({ id: ids[3], reason: 'broken_link' });
    } finally {
      await fresh.close();
    }
  });
});
