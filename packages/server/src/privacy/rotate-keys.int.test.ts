import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { backends } from '../testing/test-database.ts';
import { FieldCipher } from './field-cipher.ts';
import { memoryKeyRing } from './key-store.ts';
import { reencryptAll } from './rotate-keys.ts';

describe.each(backends())('key rotation on %s', (backend) => {
  let ctx: TestContext;
  const column = { table: 'rotation_probe', idColumn: 'id', column: 'secret_enc', context: 'rotation_probe.secret' };

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    await ctx.db.exec('CREATE TABLE rotation_probe (id int PRIMARY KEY, secret_enc text)');
  });
  afterAll(() => ctx.close());

  it('re-encrypts every value under the new key, in batches, and keeps them readable', async () => {
    const old = new FieldCipher(memoryKeyRing(1));
    for (let i = 1; i <= 25; i++) {
      await ctx.db.query('INSERT INTO rotation_probe VALUES ($1, $2)', [i, i === 7 ? null : old.encrypt(`4201021980010112${String(i).padStart(2, '0')}`, column.context)]);
    }
    const ring = memoryKeyRing(1);
    const rotated = new FieldCipher({ activeKeyId: 'k2', keys: new Map([...ring.keys, ['k2', Buffer.alloc(32, 42)]]), indexKey: ring.indexKey });
    const report = await reencryptAll(ctx.db, rotated, [column], 10);
    expect(report).toEqual({ activeKeyId: 'k2', reencrypted: { 'rotation_probe.secret_enc': 24 } });

    const rows = await ctx.db.query<{ id: number; secret_enc: string | null }>('SELECT * FROM rotation_probe ORDER BY id');
    for (const r of rows) {
      if (r.id === 7) {
        expect(r.secret_enc).toBeNull();
        continue;
      }
      expect(r.secret_enc?.startsWith('k2.')).toBe(true);
      expect(rotated.decrypt(r.secret_enc as string, column.context)).toBe(`4201021980010112${String(r.id).padStart(2, '0')}`);
    }
    // Running again finds nothing left to do.
    expect((await reencryptAll(ctx.db, rotated, [column], 10)).reencrypted['rotation_probe.secret_enc']).toBe(0);
  });
});
