import { makeNationalId } from '@anxin/domain';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';

// The test clock starts on 2026-03-02 (Asia/Shanghai).
const ID_A = makeNationalId('420102', '1980-05-17', 12, 'male');
const ID_B = makeNationalId('420103', '1975-01-02', 7, 'female');
const PHONE_A = '13812345678';

describe.each(backends())('person register API on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let communityA: string;
  let communityB: string;
  const sessions: Record<string, TestSession> = {};
  let personA: string;
  let personB: string;

  const as = (who: string): TestSession => {
    const s = sessions[who];
    if (!s) throw new Error(`no session ${who}`);
    return s;
  };

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community: communityA } = await makeCommunity(ctx, '420102000000')); // 江岸区
    ({ community: communityB } = await makeCommunity(ctx, '420103000000')); // 江汉区
    const accounts: [string, Parameters<typeof makeAccount>[1]['role'], string][] = [
      ['doctor_a', 'primary_care_doctor', '420102000000'],
      ['doctor_b', 'primary_care_doctor', '420103000000'],
      ['grid_a', 'grid_worker', communityA],
      ['evaluator', 'evaluator', '420000000000'],
    ];
    for (const [username, role, regionCode] of accounts) {
      await makeAccount(ctx, { role, regionCode, username });
      const s = new TestSession(app);
      expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[username] = s;
    }
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  describe('register', () => {
    it('registers a valid person with categories and audits without personal data', async () => {
      const res = await as('doctor_a').request('POST', '/api/persons', {
        name: '张三',
        sex: 'male',
        birthDate: '1980-05-17',
        nationalId: ID_A,
        phone: PHONE_A,
        address: '湖北省武汉市江岸区测试路12号3单元',
        residenceRegionCode: communityA,
        categories: [{ category: 'recovered_patient', source: 'hospital', validFrom: '2020-03-01' }],
      });
      expect(res.statusCode).toBe(201);
      personA = res.json().id as string;
      expect(personA).toMatch(/^[0-9a-f-]{36}$/);
      const audit = await ctx.db.query<{ action: string; region_code: string; details: unknown; reason: string | null }>(
        "SELECT action, region_code, details, reason FROM audit_log WHERE action = 'person.create' AND resource_id = $1",
        [personA],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]?.region_code).toBe(communityA);
      const text = JSON.stringify(audit[0]);
      for (const secret of [ID_A, PHONE_A, '张三', '测试路']) expect(text).not.toContain(secret);
    });

    it('reads sex and birth date from the national ID when they are left out', async () => {
      const res = await as('doctor_b').request('POST', '/api/persons', {
        name: '张四',
        nationalId: ID_B,
        residenceRegionCode: communityB,
        categories: [{ category: 'special_population', subtype: 'community_corrections', source: 'community' }],
      });
      expect(res.statusCode).toBe(201);
      personB = res.json().id as string;
      const rows = await ctx.db.query<{ sex: string; birth_date: string }>('SELECT sex, birth_date FROM persons WHERE id = $1', [personB]);
      expect(rows[0]).toEqual({ sex: 'female', birth_date: '1975-01-02' });
    });

    it('rejects a national ID with a wrong check character, naming body.nationalId', async () => {
      const wrong = ID_A.slice(0, 17) + (ID_A[17] === '1' ? '2' : '1');
      const res = await as('doctor_a').request('POST', '/api/persons', {
        name: '李四',
        sex: 'male',
        birthDate: '1980-05-17',
        nationalId: wrong,
        residenceRegionCode: communityA,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'body.nationalId' });
    });

    it('rejects a birth date in the future, a bad shape and unknown fields', async () => {
      const future = await as('doctor_a').request('POST', '/api/persons', {
        name: '李四',
        sex: 'male',
        birthDate: '2026-03-03',
        residenceRegionCode: communityA,
      });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.field).toBe('body.birthDate');
      const shape = await as('doctor_a').request('POST', '/api/persons', { name: '李四', sex: 'x', residenceRegionCode: communityA });
      expect(shape.statusCode).toBe(400);
      expect(shape.json().error.field).toContain('sex');
      const extra = await as('doctor_a').request('POST', '/api/persons', {
        name: '李四',
        sex: 'male',
        birthDate: '1990-01-01',
        residenceRegionCode: communityA,
        religion: 'x',
      });
      expect(extra.statusCode).toBe(400);
    });

    it('rejects an unknown region and a residence that is not a community or grid', async () => {
      const unknown = await as('doctor_a').request('POST', '/api/persons', {
        name: '李四',
        sex: 'male',
        birthDate: '1990-01-01',
        residenceRegionCode: '420102101999',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.field).toBe('body.residenceRegionCode');
      const county = await as('doctor_a').request('POST', '/api/persons', {
        name: '李四',
        sex: 'male',
        birthDate: '1990-01-01',
        residenceRegionCode: '420102000000',
      });
      expect(county.statusCode).toBe(400);
      expect(county.json().error.field).toBe('body.residenceRegionCode');
    });

    it('refuses registration outside the jurisdiction (403) and by roles that may not create, auditing both', async () => {
      const body = { name: '王五', sex: 'male', birthDate: '1990-01-01', residenceRegionCode: communityB };
      const out = await as('doctor_a').request('POST', '/api/persons', body);
      expect(out.statusCode).toBe(403);
      expect(out.json().error.code).toBe('OUT_OF_JURISDICTION');
      const grid = await as('grid_a').request('POST', '/api/persons', { ...body, residenceRegionCode: communityA });
      expect(grid.statusCode).toBe(403);
      expect(grid.json().error.code).toBe('FORBIDDEN');
      const denials = await ctx.db.query<{ username: string }>(
        "SELECT username FROM audit_log WHERE action = 'person.create' AND outcome = 'denied' ORDER BY id",
      );
      expect(denials.map((d) => d.username)).toEqual(['doctor_a', 'grid_a']);
      expect((await app.inject({ method: 'POST', url: '/api/persons', payload: body })).statusCode).toBe(401);
    });

    it('is idempotent by national ID: a second registration (any spelling) is 409 naming the existing person', async () => {
      for (const spelling of [ID_A, ` ${ID_A.toLowerCase()} `]) {
        const res = await as('doctor_a').request('POST', '/api/persons', {
          name: '张三',
          sex: 'male',
          birthDate: '1980-05-17',
          nationalId: spelling,
          residenceRegionCode: communityA,
        });
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({ code: 'ALREADY_EXISTS', field: 'body.nationalId', details: { personId: personA } });
      }
      const rows = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM persons WHERE name = '张三'");
      expect(rows[0]?.n).toBe(1);
    });
  });

  describe('search', () => {
    it('keeps every caller inside their jurisdiction', async () => {
      const names = async (who: string, query = ''): Promise<string[]> => {
        const res = await as(who).request('GET', `/api/persons?q=${encodeURIComponent('张')}${query}`);
        expect(res.statusCode).toBe(200);
        return (res.json().items as { id: string }[]).map((i) => i.id);
      };
      expect(await names('doctor_a')).toEqual([personA]);
      expect(await names('grid_a')).toEqual([personA]);
      expect(await names('doctor_b')).toEqual([personB]);
      // A wider region narrows to the jurisdiction; a sibling one is refused.
      expect(await names('doctor_a', '&region=420000000000')).toEqual([personA]);
      const sibling = await as('doctor_a').request('GET', `/api/persons?region=${communityB}`);
      expect(sibling.statusCode).toBe(403);
      // Exact look-ups by ID and phone do not cross the boundary either.
      const byId = await as('doctor_a').request('GET', `/api/persons?nationalId=${ID_B}`);
      expect(byId.json().items).toEqual([]);
      expect((await as('evaluator').request('GET', '/api/persons')).statusCode).toBe(403);
    });

    it('finds by national ID, phone, name prefix and category', async () => {
      const ids = async (query: string): Promise<string[]> =>
        ((await as('doctor_a').request('GET', `/api/persons?${query}`)).json().items as { id: string }[]).map((i) => i.id);
      expect(await ids(`nationalId=${ID_A.toLowerCase()}`)).toEqual([personA]);
      expect(await ids(`phone=${encodeURIComponent('+86 138-1234-5678')}`)).toEqual([personA]);
      expect(await ids(`phone=13800000000`)).toEqual([]);
      expect(await ids(`q=${encodeURIComponent('张三')}`)).toEqual([personA]);
      expect(await ids(`q=${encodeURIComponent('三')}`)).toEqual([]);
      expect(await ids('category=recovered_patient')).toEqual([personA]);
      expect(await ids('category=student')).toEqual([]);
      expect((await as('doctor_a').request('GET', '/api/persons?nationalId=123')).json().error.field).toBe('query.nationalId');
      expect((await as('doctor_a').request('GET', '/api/persons?category=nope')).statusCode).toBe(400);
    });

    it('masks identifiers for a grid worker and shows them to a primary-care doctor', async () => {
      const grid = (await as('grid_a').request('GET', `/api/persons?q=${encodeURIComponent('张')}`)).json().items[0];
      expect(grid).toMatchObject({ id: personA, name: '张*', phone: '138****5678', full: false });
      expect(grid.nationalId).toBe(`420***********${ID_A.slice(-4)}`);
      const doctor = (await as('doctor_a').request('GET', `/api/persons?q=${encodeURIComponent('张')}`)).json().items[0];
      expect(doctor).toMatchObject({ id: personA, name: '张三', nationalId: ID_A, phone: PHONE_A, full: true });
      expect(doctor.categories).toEqual([
        { category: 'recovered_patient', subtype: null, source: 'hospital', validFrom: '2020-03-01', validTo: null },
      ]);
    });

    it('pages with a keyset cursor', async () => {
      for (const [i, name] of ['张五', '张六', '张七'].entries()) {
        const res = await as('doctor_a').request('POST', '/api/persons', {
          name,
          sex: 'female',
          birthDate: `199${i}-01-01`,
          residenceRegionCode: communityA,
        });
        expect(res.statusCode).toBe(201);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/persons?q=${encodeURIComponent('张')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const body = (await as('doctor_a').request('GET', url)).json() as { items: { name: string }[]; nextCursor: string | null };
        seen.push(...body.items.map((i) => i.name));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 5);
      expect(pages).toBe(2);
      expect(seen).toEqual([...seen].sort());
      expect(new Set(seen).size).toBe(4);
      expect((await as('doctor_a').request('GET', '/api/persons?cursor=garbage')).json().error.field).toBe('query.cursor');
    });
  });

  describe('get', () => {
    it('shows the full record to a doctor and audits the read with the reason', async () => {
      const res = await as('doctor_a').request('GET', `/api/persons/${personA}?reason=${encodeURIComponent('follow-up visit')}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: personA,
        name: '张三',
        nationalId: ID_A,
        phone: PHONE_A,
        address: '湖北省武汉市江岸区测试路12号3单元',
        regionCode: communityA,
        verificationStatus: 'pending',
        full: true,
      });
      await as('doctor_a').request('GET', `/api/persons/${personA}`);
      const reads = await ctx.db.query<{ username: string; region_code: string; reason: string | null; outcome: string }>(
        "SELECT username, region_code, reason, outcome FROM audit_log WHERE action = 'person.read_full' AND resource_id = $1 ORDER BY id",
        [personA],
      );
      expect(reads).toEqual([
        { username: 'doctor_a', region_code: communityA, reason: 'follow-up visit', outcome: 'success' },
        { username: 'doctor_a', region_code: communityA, reason: null, outcome: 'success' },
      ]);
    });

    it('masks the record for a grid worker (no full read is logged) and refuses other jurisdictions', async () => {
      const before = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.read_full'");
      const res = await as('grid_a').request('GET', `/api/persons/${personA}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: '张*', phone: '138****5678', full: false });
      expect(res.json().address).not.toContain('测试路');
      const after = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.read_full'");
      expect(after[0]?.n).toBe(before[0]?.n);
      const other = await as('doctor_b').request('GET', `/api/persons/${personA}`);
      expect(other.statusCode).toBe(403);
      expect((await as('doctor_a').request('GET', '/api/persons/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      expect((await as('doctor_a').request('GET', '/api/persons/not-a-uuid')).json().error.field).toContain('id');
    });
  });

  it('stores no plaintext identifiers or contact data', async () => {
    const rows = await ctx.db.query<Record<string, unknown>>('SELECT * FROM persons WHERE id = $1', [personA]);
    const raw = JSON.stringify(rows[0]);
    for (const secret of [ID_A, ID_A.slice(6, 14), PHONE_A, '12345678', '测试路', '3单元']) expect(raw).not.toContain(secret);
    const row = rows[0] as { national_id_enc: string; phone_enc: string; address_enc: string; national_id_bidx: string };
    expect(row.national_id_enc.split('.')).toHaveLength(3);
    expect(ctx.cipher.decrypt(row.national_id_enc, 'persons.national_id')).toBe(ID_A);
    expect(() => ctx.cipher.decrypt(row.national_id_enc, 'persons.phone')).toThrow();
  });
});
