import { makeNationalId } from '@anxin/domain';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, makeAccount, makeCommunity } from '../../testing/factories.ts';
import { TestSession } from '../../testing/http-session.ts';
import { createTestApp, createTestContext, type TestContext } from '../../testing/test-context.ts';
import { backends } from '../../testing/test-database.ts';
import { OrganizationRepository } from '../organizations/organization-repository.ts';

// Test clock: 2026-03-02 (Asia/Shanghai).
const HEADER = 'name,sex,birth_date,national_id,phone,community_code,hospital,record_number,admission_date,discharge_date,psych_medications';

describe.each(backends())('register data API (episodes, upload import, template, export) on %s', (backend) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let c1: string;
  let c2: string;
  let hospital: string;
  let careOrg: string;
  const sessions: Record<string, TestSession> = {};
  const as = (who: string): TestSession => sessions[who] as TestSession;
  const idA = makeNationalId('420102', '1966-06-06', 31, 'male');
  const idB = makeNationalId('420103', '1977-07-07', 32, 'female');

  async function upload(who: string, body: Buffer | string, fileName: string) {
    const s = as(who);
    return app.inject({
      method: 'POST',
      url: `/api/imports?fileName=${encodeURIComponent(fileName)}`,
      headers: {
        cookie: [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': s.csrf ?? '',
        'content-type': 'application/octet-stream',
      },
      payload: typeof body === 'string' ? Buffer.from(body) : body,
    });
  }
  async function waitDone(who: string, id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const res = await as(who).request('GET', `/api/imports/${id}`);
      const body = res.json<Record<string, unknown>>();
      if (body.status === 'done' || body.status === 'failed') return body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  beforeAll(async () => {
    ctx = await createTestContext(backend);
    app = await createTestApp(ctx);
    ({ community: c1 } = await makeCommunity(ctx, '420102000000', 1));
    ({ community: c2 } = await makeCommunity(ctx, '420103000000', 2));
    const orgs = new OrganizationRepository(ctx.db);
    hospital = (await orgs.create({ type: 'designated_hospital', name: '武汉市金银潭医院', regionCode: '420100000000' })).id;
    const care = await orgs.create({ type: 'primary_care', name: '测试社区卫生服务中心', regionCode: `${c1.slice(0, 9)}000` });
    await orgs.addCoverage(care.id, c1);
    careOrg = care.id;
    const accounts: [string, Parameters<typeof makeAccount>[1]['role'], string][] = [
      ['clerk', 'hospital_clerk', '420100000000'],
      ['clerk_jiangan', 'hospital_clerk', '420102000000'],
      ['doctor', 'primary_care_doctor', '420102000000'],
      ['health', 'health_admin', '420100000000'],
      ['grid', 'grid_worker', c1],
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

  describe('episodes', () => {
    let personId: string;
    beforeAll(async () => {
      const res = await as('clerk').request('POST', '/api/persons', { name: '住院甲', nationalId: idA, residenceRegionCode: c1 });
      expect(res.statusCode).toBe(201);
      personId = res.json<{ id: string }>().id;
    });

    it('records an admission, then the discharge hands the person over with the medication highlighted', async () => {
      const admit = { hospitalOrgId: hospital, recordNumber: 'EP-1', admissionDate: '2026-01-05', diagnosisCodes: ['u07.1'], severity: 'severe' };
      const first = await as('clerk').request('POST', `/api/persons/${personId}/episodes`, admit);
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ outcome: 'created', handedOver: false });
      const same = await as('clerk').request('POST', `/api/persons/${personId}/episodes`, admit);
      expect(same.statusCode).toBe(200);
      expect(same.json()).toMatchObject({ id: first.json<{ id: string }>().id, outcome: 'unchanged' });

      const discharge = await as('clerk').request('POST', `/api/persons/${personId}/episodes`, {
        ...admit,
        dischargeDate: '2026-02-01',
        dischargeDestination: 'home',
        treatmentSummary: '抗病毒治疗，症状消失',
        primaryCareNotes: '每周随访睡眠',
        psychMedications: [{ drug: '舍曲林', dose: '50mg qd', prescriber: '王医生' }],
      });
      expect(discharge.json()).toMatchObject({ outcome: 'updated', handedOver: true });
      const handovers = await ctx.db.query<{ to_org_id: string; medication_handover: boolean; reason: string }>(
        'SELECT to_org_id, medication_handover, reason FROM handovers WHERE person_id = $1',
        [personId],
      );
      expect(handovers).toEqual([{ to_org_id: careOrg, medication_handover: true, reason: 'discharge' }]);
      const kinds = await ctx.db.query<{ kind: string }>('SELECT kind FROM person_timeline WHERE person_id = $1 ORDER BY id', [personId]);
      expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['episode.recorded', 'episode.discharged']));
      // Free text is stored encrypted.
      const raw = await ctx.db.query<{ t: string }>('SELECT treatment_summary_enc AS t FROM hospital_episodes WHERE person_id = $1', [personId]);
      expect(raw[0]?.t).not.toContain('抗病毒');

      const list = await as('doctor').request('GET', `/api/persons/${personId}/episodes`);
      expect(list.statusCode).toBe(200);
      expect(list.json<{ items: unknown[] }>().items).toEqual([
        expect.objectContaining({
          hospitalName: '武汉市金银潭医院',
          diagnosisCodes: ['U07.1'],
          treatmentSummary: '抗病毒治疗，症状消失',
          psychMedications: [{ drug: '舍曲林', dose: '50mg qd', prescriber: '王医生' }],
          medicationHandover: true,
        }),
      ]);
    });

    it('rejects bad input with the field named, a record number of another person, and callers without the right', async () => {
      const bad = await as('clerk').request('POST', `/api/persons/${personId}/episodes`, { hospitalOrgId: hospital, admissionDate: '2026-02-10', dischargeDate: '2026-02-01' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { field: 'body.dischargeDate' } });
      const notHospital = await as('clerk').request('POST', `/api/persons/${personId}/episodes`, { hospitalOrgId: careOrg, admissionDate: '2026-02-10' });
      expect(notHospital.json()).toMatchObject({ error: { field: 'body.hospitalOrgId' } });
      const other = await as('clerk').request('POST', '/api/persons', { name: '住院乙', nationalId: idB, residenceRegionCode: c2 });
      const conflict = await as('clerk').request('POST', `/api/persons/${other.json<{ id: string }>().id}/episodes`, { hospitalOrgId: hospital, recordNumber: 'EP-1', admissionDate: '2026-01-05' });
      expect(conflict.statusCode).toBe(409);
      expect((await as('grid').request('POST', `/api/persons/${personId}/episodes`, { hospitalOrgId: hospital, admissionDate: '2026-01-01' })).statusCode).toBe(403);
      expect((await as('grid').request('GET', `/api/persons/${personId}/episodes`)).statusCode).toBe(403);
      expect((await as('clerk_jiangan').request('GET', `/api/persons/${other.json<{ id: string }>().id}/episodes`)).statusCode).toBe(403);
    });
  });

  describe('upload import', () => {
    it('imports an uploaded CSV in the background, reports progress, counts and the error report', async () => {
      const csv = [
        HEADER,
        `上传甲,男,1980-01-01,,13900000001,${c1},武汉市金银潭医院,UP-1,2026-01-01,2026-01-20,奥氮平|5mg qn|李医生`,
        `上传乙,女,1980-13-01,,,${c1},,,,,`,
        `上传丙,女,1981-01-01,,,${c2},,,,,`,
      ].join('\n');
      const res = await upload('clerk_jiangan', csv, '名单.csv');
      expect(res.statusCode).toBe(202);
      const started = res.json<{ id: string; fileName: string }>();
      expect(started.fileName).toBe('名单.csv');
      const done = await waitDone('clerk_jiangan', started.id);
      expect(done).toMatchObject({ status: 'done', read: 3, created: 1, rejected: 2 });
      const errors = await as('clerk_jiangan').request('GET', `/api/imports/${started.id}/errors`);
      expect(errors.headers['content-type']).toContain('text/csv');
      const lines = errors.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['row,field,reason', '3,birth_date,invalid_date', '4,community_code,out_of_jurisdiction']);
      // Someone else's import is not found.
      expect((await as('clerk').request('GET', `/api/imports/${started.id}`)).statusCode).toBe(404);
      expect((await as('clerk').request('GET', `/api/imports/${started.id}/errors`)).statusCode).toBe(404);
    });

    it('refuses a garbage upload with a per-file message, and roles without person.import', async () => {
      const garbage = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 131 + (i >> 5)) % 256));
      const res = await upload('clerk', garbage, 'junk.csv');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { field: 'body', details: { fileError: 'binary' } } });
      const noFormat = await upload('clerk', 'x', 'notes.pdf');
      expect(noFormat.json()).toMatchObject({ error: { field: 'query.format' } });
      expect((await upload('grid', 'name,community_code\n', 'a.csv')).statusCode).toBe(403);
    });

    it('serves the XLSX template with Chinese headers, an example row and an explanation sheet', async () => {
      const res = await as('clerk').request('GET', '/api/imports/template.xlsx');
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const [data, help] = wb.worksheets;
      expect(data?.getRow(1).getCell(1).value).toBe('姓名*');
      expect(data?.getRow(1).getCell(4).value).toBe('身份证号');
      expect(data?.getRow(2).getCell(1).value).toBe('张三');
      expect(help?.name).toBe('填写说明');
      expect(help?.rowCount).toBeGreaterThan(15);
    });
  });

  describe('export', () => {
    it('exports the filtered list to XLSX within the jurisdiction, masked without person.read_full, with the reason audited', async () => {
      const noReason = await as('doctor').request('POST', '/api/persons/export', {});
      expect(noReason.statusCode).toBe(400);
      const res = await as('health').request('POST', '/api/persons/export', { reason: '季度核对名单', q: '上传' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-export-rows']).toBe('1');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      expect(sheet?.getRow(1).getCell(1).value).toBe('姓名');
      const name = String(sheet?.getRow(2).getCell(1).value);
      expect(name).not.toBe('上传甲'); // health_admin has no person.read_full: masked
      expect(name.startsWith('上')).toBe(true);
      expect(String(sheet?.getRow(2).getCell(5).value)).not.toContain('13900000001');

      const doctor = await as('doctor').request('POST', '/api/persons/export', { reason: '随访名单' });
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(doctor.rawPayload as unknown as ArrayBuffer);
      const names = (wb2.worksheets[0]?.getSheetValues() ?? []).slice(2).map((r) => (r as unknown[])[1]);
      expect(names).toContain('上传甲'); // full for primary care in its own district
      expect(names).not.toContain('住院乙'); // 江汉区: outside the doctor's jurisdiction
      const audit = await ctx.db.query<{ reason: string; details: { rows: number } }>(`SELECT reason, details FROM audit_log WHERE action = 'person.export' ORDER BY id`);
      expect(audit.map((a) => a.reason)).toEqual(['季度核对名单', '随访名单']);
      expect(audit[1]?.details.rows).toBe(names.length);
      expect((await as('clerk').request('POST', '/api/persons/export', { reason: '导出' })).statusCode).toBe(403);
    });
  });
});
