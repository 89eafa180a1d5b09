import { gridCode, makeNationalId, type Role } from '@anxin/domain';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRepository } from '../accounts/account-repository.ts';
import { OrganizationRepository } from '../organizations/organization-repository.ts';
import { RegionRepository } from '../regions/region-repository.ts';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';

// The test clock starts on 2026-03-02 09:00 (Asia/Shanghai).
describe.each(backends())('community register on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let communityA: string; // 江岸区, covered by institution A
  let communityA2: string; // 江岸区, second street, covered by institution A2
  let communityB: string; // 江汉区, covered by institution B
  let gridA: string;
  let orgA: string;
  let orgA2: string;
  let orgB: string;
  const sessions: Record<string, TestSession> = {};
  const accountIds: Record<string, string> = {};
  let seq = 0;

  const as = (who: string): TestSession => {
    const s = sessions[who];
    if (!s) throw new Error(`no session ${who}`);
    return s;
  };

  async function register(who: string, body: Record<string, unknown>): Promise<string> {
    const res = await as(who).request('POST', '/api/persons', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  const recovered = [{ category: 'recovered_patient', source: 'hospital', validFrom: '2020-03-01' }];

  async function person(who: string, region: string, extra: Record<string, unknown> = {}): Promise<string> {
    seq++;
    return register(who, {
      name: `测试${seq}`,
      sex: 'female',
      birthDate: '1970-01-01',
      nationalId: makeNationalId('420102', '1970-01-01', seq, 'female'),
      phone: `1390000${String(seq).padStart(4, '0')}`,
      address: `测试路${seq}号`,
      residenceRegionCode: region,
      categories: recovered,
      ...extra,
    });
  }

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    const a = await makeCommunity(ctx, '420102000000', 1);
    const a2 = await makeCommunity(ctx, '420102000000', 2);
    const b = await makeCommunity(ctx, '420103000000', 3);
    communityA = a.community;
    communityA2 = a2.community;
    communityB = b.community;
    gridA = gridCode(communityA, 1);
    await new RegionRepository(ctx.db).insertMany([{ code: gridA, parentCode: communityA, level: 'grid', name: '测试网格1' }]);
    const orgs = new OrganizationRepository(ctx.db);
    const mk = async (name: string, street: string) => {
      const o = await orgs.create({ type: 'primary_care', name, regionCode: street });
      await orgs.addCoverage(o.id, street);
      return o.id;
    };
    orgA = await mk('A社区卫生服务中心', a.street);
    orgA2 = await mk('A2社区卫生服务中心', a2.street);
    orgB = await mk('B社区卫生服务中心', b.street);
    const accounts: [string, Role, string, string | null][] = [
      ['doctor_a', 'primary_care_doctor', a.street, orgA],
      ['doctor_a2', 'primary_care_doctor', a2.street, orgA2],
      ['doctor_b', 'primary_care_doctor', b.street, orgB],
      ['grid_a', 'grid_worker', gridA, null],
      ['social_a', 'social_worker', communityA, null],
      ['county_admin', 'health_admin', '420102000000', null],
      ['clerk', 'hospital_clerk', '420100000000', null],
    ];
    const repo = new AccountRepository(ctx.db);
    for (const [username, role, regionCode, org] of accounts) {
      const acc = await makeAccount(ctx, { role, regionCode, username });
      if (org) await repo.addRole(acc.id, role, regionCode, org);
      accountIds[username] = acc.id;
      const s = new TestSession(app);
      expect((await s.login(username, TEST_PASSWORD)).statusCode).toBe(200);
      sessions[username] = s;
    }
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  describe('verification', () => {
    it('confirms, corrects phone and address (re-encrypted, searchable by the new phone only), with history and audit without personal data', async () => {
      const id = await person('doctor_a', gridA, { phone: '13911112222' });
      const confirm = await as('grid_a').request('POST', `/api/persons/${id}/verifications`, { event: 'confirm' });
      expect(confirm.statusCode, confirm.body).toBe(200);
      expect(confirm.json().status).toBe('verified');
      ctx.clock.advance(60_000);

      const correct = await as('grid_a').request('POST', `/api/persons/${id}/verifications`, {
        event: 'correct',
        phone: '13933334444',
        address: '新地址路8号',
      });
      expect(correct.statusCode, correct.body).toBe(200);
      expect(correct.json().status).toBe('corrected');

      const byNew = await as('doctor_a').request('GET', '/api/persons?phone=13933334444');
      expect(byNew.json().items.map((p: { id: string }) => p.id)).toEqual([id]);
      expect(byNew.json().items[0].address).toBe('新地址路8号');
      const byOld = await as('doctor_a').request('GET', '/api/persons?phone=13911112222');
      expect(byOld.json().items).toEqual([]);
      const stored = await ctx.db.query<{ phone_enc: string; address_enc: string }>('SELECT phone_enc, address_enc FROM persons WHERE id = $1', [id]);
      expect(JSON.stringify(stored)).not.toContain('13933334444');
      expect(JSON.stringify(stored)).not.toContain('新地址路');

      const history = await as('grid_a').request('GET', `/api/persons/${id}/verifications`);
      expect(history.statusCode).toBe(200);
      expect(history.json().status).toBe('corrected');
      expect(history.json().items.map((v: { event: string }) => v.event)).toEqual(['correct', 'confirm']);
      expect(history.json().items[0]).toMatchObject({ fromStatus: 'verified', toStatus: 'corrected', changed: ['phone', 'address'], recordedBy: accountIds.grid_a });

      const audit = await ctx.db.query<{ details: unknown }>(
        "SELECT details FROM audit_log WHERE action = 'verification.record' AND resource_id = $1",
        [id],
      );
      expect(audit).toHaveLength(2);
      for (const secret of ['13933334444', '新地址', '测试']) expect(JSON.stringify(audit)).not.toContain(secret);

      const timeline = await as('doctor_a').request('GET', `/api/persons/${id}/timeline`);
      expect(timeline.json().items.map((e: { kind: string }) => e.kind).slice(0, 2)).toEqual(['verification.correct', 'verification.confirm']);
    });

    it('rejects bad input with the field named and writes nothing', async () => {
      const id = await person('doctor_a', communityA);
      const future = await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'decease', deceasedDate: '2030-01-01' });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.field).toBe('body.deceasedDate');
      const phone = await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'correct', phone: '12' });
      expect(phone.json().error).toMatchObject({ code: 'VALIDATION', field: 'body.phone' });
      const nowhere = await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'move', toRegionCode: '420102999999' });
      expect(nowhere.json().error.field).toBe('body.toRegionCode');
      const same = await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'move', toRegionCode: communityA });
      expect(same.json().error).toMatchObject({ code: 'VALIDATION', field: 'body.toRegionCode' });
      const rows = await ctx.db.query('SELECT 1 FROM person_verifications WHERE person_id = $1', [id]);
      expect(rows).toHaveLength(0);
    });

    it('moved: the person appears in the new institution’s inbox, which accepts it; the old side no longer sees it', async () => {
      const id = await person('doctor_a', communityA);
      const moved = await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'move', toRegionCode: communityB });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ status: 'moved', movedTo: communityB, routedTo: orgB });
      const handoverId = moved.json().handoverId as string;

      const inboxB = await as('doctor_b').request('GET', '/api/handovers?status=new');
      expect(inboxB.statusCode).toBe(200);
      const item = inboxB.json().items.find((h: { id: string }) => h.id === handoverId);
      expect(item).toMatchObject({ reason: 'moved_in', toOrgId: orgB, regionCode: communityB, person: { id, verificationStatus: 'moved', movedTo: communityB } });
      const inboxA = await as('doctor_a').request('GET', '/api/handovers?status=new');
      expect(inboxA.json().items.some((h: { id: string }) => h.id === handoverId)).toBe(false);

      // While moved, only the receiving side answers; the sender cannot confirm.
      const again = await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'confirm' });
      expect(again.statusCode).toBe(409);
      const senderAccepts = await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'accept_handover' });
      expect(senderAccepts.json().error.code).toBe('OUT_OF_JURISDICTION');

      const accept = await as('doctor_b').request('POST', `/api/persons/${id}/verifications`, { event: 'accept_handover' });
      expect(accept.statusCode, accept.body).toBe(200);
      expect(accept.json()).toMatchObject({ status: 'pending', regionCode: communityB, movedTo: null });
      expect((await as('doctor_b').request('GET', `/api/persons/${id}`)).statusCode).toBe(200);
      expect((await as('doctor_a').request('GET', `/api/persons/${id}`)).statusCode).toBe(403);
      const acknowledged = await as('doctor_b').request('GET', '/api/handovers?status=acknowledged');
      expect(acknowledged.json().items.some((h: { id: string }) => h.id === handoverId)).toBe(true);
    });

    it('a rejected move goes back as not found; a death ends everything and is terminal', async () => {
      const id = await person('doctor_a', communityA);
      await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'move', toRegionCode: communityA2 });
      const reject = await as('doctor_a2').request('POST', `/api/persons/${id}/verifications`, { event: 'reject_handover' });
      expect(reject.json()).toMatchObject({ status: 'not_found', regionCode: communityA });
      const closed = await as('doctor_a2').request('GET', '/api/handovers?status=closed');
      expect(closed.json().items.some((h: { person: { id: string } }) => h.person.id === id)).toBe(true);

      const dead = await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'decease', deceasedDate: '2026-02-20' });
      expect(dead.json().status).toBe('deceased');
      const p = await as('doctor_a').request('GET', `/api/persons/${id}`);
      expect(p.json()).toMatchObject({ verificationStatus: 'deceased', deceasedDate: '2026-02-20' });
      const after = await as('doctor_a').request('POST', `/api/persons/${id}/verifications`, { event: 'confirm' });
      expect(after.json().error.code).toBe('INVALID_STATE');
    });

    it('roles without verification.record cannot verify', async () => {
      const id = await person('doctor_a', communityA);
      const res = await as('clerk').request('POST', `/api/persons/${id}/verifications`, { event: 'confirm' });
      expect(res.json().error.code).toBe('FORBIDDEN');
    });
  });

  describe('jurisdiction and masking', () => {
    it('a grid worker sees only people of the grid, masked; the inbox never shows anything outside the subtree', async () => {
      const inGrid = await person('doctor_a', gridA, { name: '网格甲' });
      const inCommunity = await person('doctor_a2', communityA2, { name: '网格乙' });
      const elsewhere = await person('doctor_b', communityB, { name: '网格丙' });
      const grid = await as('grid_a').request('GET', '/api/persons?q=网格&limit=100');
      const ids = grid.json().items.map((p: { id: string }) => p.id);
      expect(ids).toContain(inGrid);
      expect(ids).not.toContain(inCommunity);
      expect(ids).not.toContain(elsewhere);
      const seen = grid.json().items.find((p: { id: string }) => p.id === inGrid);
      expect(seen.full).toBe(false);
      expect(seen.name).not.toBe('网格甲');
      expect(seen.nationalId).toMatch(/\*/);
      expect(seen.phone).toMatch(/\*/);
      expect((await as('grid_a').request('GET', `/api/persons?region=${communityB}`)).statusCode).toBe(403);

      const doctor = await as('doctor_a').request('GET', `/api/persons?q=网格甲`);
      expect(doctor.json().items[0]).toMatchObject({ name: '网格甲', full: true });
      // The person page opens masked even for a doctor, and that is not a full read.
      const fullReads = async () =>
        (await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.read_full' AND resource_id = $1", [inGrid]))[0]?.n;
      const before = await fullReads();
      const masked = await as('doctor_a').request('GET', `/api/persons/${inGrid}?masked=true`);
      expect(masked.json()).toMatchObject({ full: false, name: '网**' });
      expect(await fullReads()).toBe(before);
      const shown = await as('doctor_a').request('GET', `/api/persons/${inGrid}?reason=${encodeURIComponent('上门核对')}`);
      expect(shown.json()).toMatchObject({ full: true, name: '网格甲' });
      expect(await fullReads()).toBe((before ?? 0) + 1);
      const social = await as('social_a').request('GET', `/api/persons/${inGrid}`);
      expect(social.json().full).toBe(false);

      // Hand-overs into community B are invisible to the grid worker and to institution A.
      await as('doctor_a').request('POST', `/api/persons/${inGrid}/verifications`, { event: 'move', toRegionCode: communityB });
      for (const who of ['grid_a', 'doctor_a', 'social_a']) {
        const inbox = await as(who).request('GET', '/api/handovers?status=new&limit=100');
        expect(inbox.statusCode).toBe(200);
        for (const h of inbox.json().items as { regionCode: string }[]) expect(h.regionCode.startsWith(who === 'doctor_a' ? communityA.slice(0, 9) : who === 'grid_a' ? gridA : communityA)).toBe(true);
      }
      const inboxB = await as('doctor_b').request('GET', '/api/handovers?status=new&limit=100');
      expect(inboxB.json().items.some((h: { person: { id: string } }) => h.person.id === inGrid)).toBe(true);
      // The receiving side sees a masked name only unless it may read in full there.
      const item = inboxB.json().items.find((h: { person: { id: string } }) => h.person.id === inGrid);
      expect(item.person.name).toBe('网格甲');
    });

    it('acknowledging a new arrival moves it out of the new list, once', async () => {
      const id = await person('doctor_a', gridA);
      const h = await ctx.db.query<{ id: string }>(
        "INSERT INTO handovers (person_id, to_org_id, region_code, reason, medication_handover) VALUES ($1, $2, $3, 'discharge', true) RETURNING id",
        [id, orgA, gridA],
      );
      const hid = h[0]?.id as string;
      const inbox = await as('grid_a').request('GET', '/api/handovers?status=new');
      const item = inbox.json().items.find((x: { id: string }) => x.id === hid);
      expect(item.medicationHandover).toBe(true);
      const ack = await as('grid_a').request('POST', `/api/handovers/${hid}/acknowledge`);
      expect(ack.statusCode, ack.body).toBe(200);
      expect(ack.json().status).toBe('acknowledged');
      expect((await as('grid_a').request('POST', `/api/handovers/${hid}/acknowledge`)).statusCode).toBe(409);
      expect((await as('doctor_b').request('POST', `/api/handovers/${hid}/acknowledge`)).json().error.code).toBe('OUT_OF_JURISDICTION');
    });
  });

  describe('household and categories', () => {
    it('adds household members (name encrypted, masked for roles without full read), and adds and ends categories', async () => {
      const id = await person('doctor_a', gridA);
      const spouse = await person('doctor_a', gridA);
      const add1 = await as('doctor_a').request('POST', `/api/persons/${id}/household`, { relation: 'child', name: '王小明' });
      expect(add1.statusCode, add1.body).toBe(201);
      const add2 = await as('doctor_a').request('POST', `/api/persons/${id}/household`, { relation: 'spouse', memberPersonId: spouse });
      expect(add2.statusCode).toBe(201);
      const bad = await as('doctor_a').request('POST', `/api/persons/${id}/household`, { relation: 'child' });
      expect(bad.json().error.field).toBe('body.name');
      const enc = await ctx.db.query<{ name_enc: string | null }>('SELECT name_enc FROM person_household WHERE person_id = $1', [id]);
      expect(JSON.stringify(enc)).not.toContain('王小明');
      const full = await as('doctor_a').request('GET', `/api/persons/${id}/household`);
      expect(full.json().items.map((m: { name: string }) => m.name)).toContain('王小明');
      const masked = await as('grid_a').request('GET', `/api/persons/${id}/household`);
      expect(masked.json().items.map((m: { name: string }) => m.name)).not.toContain('王小明');
      expect((await as('grid_a').request('POST', `/api/persons/${id}/household`, { relation: 'child', name: 'x' })).statusCode).toBe(403);

      const cat = await as('doctor_a').request('POST', `/api/persons/${id}/categories`, { category: 'bereaved_family', source: 'community', validFrom: '2026-01-01' });
      expect(cat.statusCode, cat.body).toBe(201);
      const end = await as('doctor_a').request('POST', `/api/persons/${id}/categories/${cat.json().id as string}/end`, { validTo: '2026-02-01' });
      expect(end.statusCode).toBe(204);
      const early = await as('doctor_a').request('POST', `/api/persons/${id}/categories/${cat.json().id as string}/end`, { validTo: '2025-01-01' });
      expect(early.json().error.field).toBe('body.validTo');
      const list = await as('doctor_a').request('GET', `/api/persons/${id}/categories`);
      expect(list.json().items.find((c: { category: string }) => c.category === 'bereaved_family')).toMatchObject({ validTo: '2026-02-01', active: false });
    });
  });

  describe('family-doctor contracts', () => {
    it('none → task; signed → no task; expired after the term → task again', async () => {
      const id = await person('doctor_a', communityA);
      const tasks = async () =>
        ((await as('doctor_a').request('GET', '/api/contract-tasks?limit=100')).json().items as { personId: string; status: string }[]).find((t) => t.personId === id);
      expect((await as('doctor_a').request('GET', `/api/persons/${id}/contract`)).json().status).toBe('none');
      expect((await tasks())?.status).toBe('none');
      // Institution B does not see A's tasks.
      const b = (await as('doctor_b').request('GET', '/api/contract-tasks?limit=100')).json().items as { personId: string }[];
      expect(b.some((t) => t.personId === id)).toBe(false);

      const bad = await as('doctor_a').request('POST', `/api/persons/${id}/contracts`, { signedOn: '2026-03-01', termMonths: 12 });
      expect(bad.json().error.field).toBe('body.doctorName');
      const future = await as('doctor_a').request('POST', `/api/persons/${id}/contracts`, { doctorName: '李医生', signedOn: '2026-04-01', termMonths: 12 });
      expect(future.json().error.field).toBe('body.signedOn');
      expect((await as('grid_a').request('POST', `/api/persons/${id}/contracts`, { doctorName: '李医生', signedOn: '2026-03-01' })).statusCode).toBe(403);
      const signed = await as('doctor_a').request('POST', `/api/persons/${id}/contracts`, { doctorAccountId: accountIds.doctor_a, signedOn: '2025-03-10', termMonths: 12 });
      expect(signed.statusCode, signed.body).toBe(201);
      const status = (await as('doctor_a').request('GET', `/api/persons/${id}/contract`)).json();
      expect(status).toMatchObject({ status: 'signed', validThrough: '2026-03-09' });
      expect(await tasks()).toBeUndefined();

      // An agreement whose term ended yesterday: expired, and the task is back.
      const old = await person('doctor_a', communityA);
      await as('doctor_a').request('POST', `/api/persons/${old}/contracts`, { doctorName: '李医生', signedOn: '2025-03-02', termMonths: 12 });
      expect((await as('doctor_a').request('GET', `/api/persons/${old}/contract`)).json()).toMatchObject({ status: 'expired', validThrough: '2026-03-01' });
      const oldTask = ((await as('doctor_a').request('GET', '/api/contract-tasks?limit=100')).json().items as { personId: string }[]).find(
        (t) => t.personId === old,
      );
      expect(oldTask).toMatchObject({ status: 'expired', lastValidThrough: '2026-03-01' });
    });
  });

  describe('duplicates', () => {
    it('queues records without a national ID sharing name and birth date; merge moves every record and unmerge restores them', async () => {
      const base = { name: '重复人', sex: 'male', birthDate: '1966-06-06', residenceRegionCode: communityA, categories: recovered };
      const x = await register('doctor_a', { ...base, phone: '13800001111' });
      const y = await register('doctor_a', { ...base, phone: '13800002222', categories: [{ category: 'disability', source: 'community' }] });
      // Two records that both carry (different) national IDs are never candidates.
      await register('doctor_a', { ...base, nationalId: makeNationalId('420102', '1966-06-06', 401, 'male') });
      await register('doctor_a', { ...base, nationalId: makeNationalId('420102', '1966-06-06', 402, 'male') });

      const queue = await as('doctor_a').request('GET', '/api/duplicates?limit=100');
      expect(queue.statusCode).toBe(200);
      const pairs = (queue.json().items as { id: string; a: { id: string; name: string }; b: { id: string }; matchedOn: string[] }[]).filter(
        (c) => [c.a.id, c.b.id].includes(x) || [c.a.id, c.b.id].includes(y),
      );
      const pair = pairs.find((c) => [c.a.id, c.b.id].sort().join() === [x, y].sort().join());
      expect(pair).toBeDefined();
      expect(pair?.matchedOn).toEqual(['nb']);
      expect(pair?.a.name).not.toBe('重复人');
      const all = (await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM duplicate_candidates c JOIN persons a ON a.id = c.person_a JOIN persons b ON b.id = c.person_b
          WHERE a.national_id_bidx IS NOT NULL AND b.national_id_bidx IS NOT NULL`,
      ))[0]?.n;
      expect(all).toBe(0);
      expect((await as('grid_a').request('GET', '/api/duplicates')).statusCode).toBe(403);

      await as('doctor_a').request('POST', `/api/persons/${y}/household`, { relation: 'child', name: '某某' });
      await as('doctor_a').request('POST', `/api/persons/${y}/verifications`, { event: 'confirm' });
      const count = async (table: string, pid: string) =>
        (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE person_id = $1`, [pid]))[0]?.n ?? 0;
      const before = { categories: await count('person_categories', y), household: await count('person_household', y), timeline: await count('person_timeline', y) };
      expect(before.household).toBe(1);

      // Tables of other modules are found by their person_id column, whatever their key looks like.
      await ctx.db.exec('CREATE TABLE merge_probe (tag text, person_id uuid REFERENCES persons (id), PRIMARY KEY (tag, person_id))');
      await ctx.db.query("INSERT INTO merge_probe (tag, person_id) VALUES ('a', $1), ('b', $1), ('c', $2)", [y, x]);
      // A rule the move would break (one row per person) refuses the merge as a whole.
      await ctx.db.exec('CREATE TABLE merge_probe_unique (id serial PRIMARY KEY, person_id uuid UNIQUE REFERENCES persons (id))');
      await ctx.db.query('INSERT INTO merge_probe_unique (person_id) VALUES ($1), ($2)', [x, y]);
      const refused = await as('doctor_a').request('POST', `/api/duplicates/${pair?.id}/merge`, { survivorId: x });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.details).toMatchObject({ table: 'merge_probe_unique' });
      expect(await count('person_household', y)).toBe(1);
      expect((await ctx.db.query<{ merged_into: string | null }>('SELECT merged_into FROM persons WHERE id = $1', [y]))[0]?.merged_into).toBeNull();
      await ctx.db.exec('DROP TABLE merge_probe_unique');

      const wrong = await as('doctor_a').request('POST', `/api/duplicates/${pair?.id}/merge`, { survivorId: accountIds.doctor_a });
      expect(wrong.json().error.field).toBe('body.survivorId');
      const merge = await as('doctor_a').request('POST', `/api/duplicates/${pair?.id}/merge`, { survivorId: x });
      expect(merge.statusCode, merge.body).toBe(200);
      expect(merge.json().moved).toMatchObject({ person_categories: before.categories, person_household: 1, person_verifications: 1 });
      expect(merge.json().moved.merge_probe).toBe(2);
      expect(await count('merge_probe', x)).toBe(3);
      expect(await count('person_household', y)).toBe(0);
      expect(await count('person_household', x)).toBe(1);
      const loser = await as('doctor_a').request('GET', `/api/persons/${y}`);
      expect(loser.json().mergedInto).toBe(x);
      const search = await as('doctor_a').request('GET', `/api/persons?q=重复人&limit=100`);
      expect(search.json().items.map((p: { id: string }) => p.id)).not.toContain(y);
      expect((await as('doctor_a').request('POST', `/api/persons/${y}/verifications`, { event: 'confirm' })).statusCode).toBe(410);
      expect((await as('doctor_a').request('POST', `/api/duplicates/${pair?.id}/merge`, { survivorId: x })).statusCode).toBe(409);

      const undo = await as('doctor_a').request('POST', `/api/duplicates/${pair?.id}/unmerge`);
      expect(undo.statusCode, undo.body).toBe(200);
      expect({ categories: await count('person_categories', y), household: await count('person_household', y), timeline: await count('person_timeline', y) }).toEqual(before);
      expect((await as('doctor_a').request('GET', `/api/persons/${y}`)).json().mergedInto).toBeNull();
      expect(await count('merge_probe', y)).toBe(2);
      expect(await count('merge_probe', x)).toBe(1);
      await ctx.db.exec('DROP TABLE merge_probe');
      const audit = await ctx.db.query<{ action: string; details: unknown }>(
        "SELECT action, details FROM audit_log WHERE action IN ('person.merge', 'person.unmerge') AND outcome = 'success' ORDER BY id",
      );
      expect(audit.map((a) => a.action)).toEqual(['person.merge', 'person.unmerge']);
      expect(JSON.stringify(audit)).not.toContain('重复人');

      const dismiss = await as('doctor_a').request('POST', `/api/duplicates/${pair?.id}/dismiss`);
      expect(dismiss.statusCode).toBe(204);
      const after = await as('doctor_a').request('GET', '/api/duplicates?limit=100');
      expect(after.json().items.some((c: { id: string }) => c.id === pair?.id)).toBe(false);
    });

    it('pairs a record without an ID registered after one with an ID, by name and birth date or by phone; the record with the ID keeps one key, on its row', async () => {
      const withId = await register('doctor_a', {
        name: '先到者',
        sex: 'female',
        birthDate: '1971-03-04',
        nationalId: makeNationalId('420102', '1971-03-04', 302, 'female'),
        phone: '13800005555',
        residenceRegionCode: communityA,
        categories: recovered,
      });
      const stored = await ctx.db.query<{ k: string | null; n: number }>(
        'SELECT name_birth_key AS k, (SELECT count(*)::int FROM person_duplicate_keys WHERE person_ref = $1) AS n FROM persons WHERE id = $1',
        [withId],
      );
      expect(stored[0]).toEqual({ k: 'nb:先到者|1971-03-04', n: 0 });
      // Same phone, another name, same birth date: birth date + phone.
      const byPhone = await register('doctor_a', { name: '后到者', sex: 'female', birthDate: '1971-03-04', phone: '13800005555', residenceRegionCode: communityA, categories: recovered });
      // Same name and birth date, no phone: name + birth date.
      const byName = await register('doctor_a', { name: '先 到者', sex: 'female', birthDate: '1971-03-04', residenceRegionCode: communityA, categories: recovered });
      const keysOf = async (other: string): Promise<string[] | undefined> =>
        (
          await ctx.db.query<{ keys: string[] }>('SELECT keys FROM duplicate_candidates WHERE person_a = LEAST($1::uuid, $2::uuid) AND person_b = GREATEST($1::uuid, $2::uuid)', [withId, other])
        )[0]?.keys.map((k) => k.slice(0, 3));
      expect(await keysOf(byPhone)).toEqual(['bp:']);
      expect(await keysOf(byName)).toEqual(['nb:']);
    });
  });

  describe('timeline paging', () => {
    it('pages newest first without gaps or repeats', async () => {
      const id = await person('doctor_a', communityA);
      for (let i = 0; i < 5; i++) {
        ctx.clock.advance(1000);
        await as('doctor_a').request('POST', `/api/persons/${id}/household`, { relation: 'other', name: `成员${i}` });
      }
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/persons/${id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await as('doctor_a').request('GET', url);
        expect(res.statusCode).toBe(200);
        seen.push(...(res.json().items as { id: number }[]).map((e) => e.id));
        cursor = res.json().nextCursor as string | null;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect((await as('doctor_a').request('GET', `/api/persons/${id}/timeline?cursor=bad`)).json().error.field).toBe('query.cursor');
    });
  });
});
