import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AppError,
  COUNTRY_CODE,
  ErrorCode,
  POPULATION_CATEGORIES,
  can,
  canSomewhere,
} from '@anxin/domain';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { scopedPrefixes } from '../auth/scoped-prefixes.ts';
import { identifierFilter, localIsoDate } from '../persons/person-crypto.ts';
import { PersonRepository } from '../persons/person-repository.ts';
import { toPersonView } from '../persons/person-view.ts';

export interface ExportPersonsInput {
  reason: string;
  q?: string | undefined;
  nationalId?: string | undefined;
  phone?: string | undefined;
  category?: string | undefined;
  region?: string | undefined;
}

/** More rows than this is a bulk extract, not a working list: narrow the filter. */
export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 1000;

const CATEGORY_ZH = new Map<string, string>(POPULATION_CATEGORIES.map((c) => [c.code, c.zh]));
const STATUS_ZH: Readonly<Record<string, string>> = {
  pending: '待核对',
  verified: '已核对',
  corrected: '已更正',
  not_found: '查无此人',
  moved: '已迁出',
  deceased: '已故',
};

/**
 * Exports the filtered register list (the same filters as search) to an XLSX file, within the caller's
 * person.export jurisdiction. Identifiers are masked in each row unless the caller may person.read_full
 * there. The reason and the row count are audited in the same step that releases the file; the file is
 * written to the data directory first (streaming, bounded memory) and deleted once sent.
 */
export async function exportPersons(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  input: ExportPersonsInput,
): Promise<{ path: string; rows: number; fileName: string }> {
  if (!canSomewhere(rc.actor, 'person.export')) await authorize(ctx, rc, 'person.export', { regionCode: COUNTRY_CODE, resourceType: 'person' });
  const reason = input.reason.trim();
  if (reason.length < 2) throw new AppError(ErrorCode.VALIDATION, 'Give the reason for the export', { field: 'body.reason' });
  const prefixes = await scopedPrefixes(ctx, rc, 'person.export', { region: input.region, field: 'body.region', resourceType: 'person' });
  const { nationalIdBidx, phoneBidx } = identifierFilter(ctx.cipher, input, 'body');
  const now = ctx.clock();
  const today = localIsoDate(now, ctx.config.timeZone);
  const regionNames = new Map<string, string>();

  const dir = join(ctx.config.dataDir, 'exports');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${randomUUID()}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('人员名单');
  sheet.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '性别', key: 'sex', width: 6 },
    { header: '出生日期', key: 'birthDate', width: 12 },
    { header: '身份证号', key: 'nationalId', width: 22 },
    { header: '联系电话', key: 'phone', width: 16 },
    { header: '现住址', key: 'address', width: 36 },
    { header: '社区代码', key: 'regionCode', width: 15 },
    { header: '社区', key: 'regionName', width: 20 },
    { header: '人群类别', key: 'categories', width: 30 },
    { header: '核对状态', key: 'status', width: 10 },
  ];
  const repo = new PersonRepository(ctx.db);
  let rows = 0;
  let after: { name: string; id: string } | undefined;
  let masked = 0;
  for (;;) {
    const page = await repo.search({
      prefixes,
      ...(nationalIdBidx !== undefined ? { nationalIdBidx } : {}),
      ...(phoneBidx !== undefined ? { phoneBidx } : {}),
      ...(input.q !== undefined && input.q.trim() !== '' ? { namePrefix: input.q.trim() } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      on: today,
      ...(after !== undefined ? { after } : {}),
      limit: PAGE,
    });
    if (page.length === 0) break;
    rows += page.length;
    if (rows > MAX_EXPORT_ROWS) {
      await wb.commit().catch(() => undefined);
      const { rm } = await import('node:fs/promises');
      await rm(path, { force: true });
      throw new AppError(ErrorCode.VALIDATION, `The list has more than ${MAX_EXPORT_ROWS} people: narrow the filter`, { field: 'body' });
    }
    const missing = [...new Set(page.map((p) => p.regionCode))].filter((c) => !regionNames.has(c));
    if (missing.length > 0) {
      const found = await ctx.db.query<{ code: string; name: string }>('SELECT code, name FROM regions WHERE code = ANY ($1::text[])', [missing]);
      for (const f of found) regionNames.set(f.code, f.name);
    }
    const categories = await repo.categoriesOf(page.map((p) => p.id));
    for (const p of page) {
      const full = can(rc.actor, 'person.read_full', { regionCode: p.regionCode });
      if (!full) masked++;
      const v = toPersonView(ctx.cipher, p, categories, full);
      sheet
        .addRow({
          name: v.name,
          sex: v.sex === 'male' ? '男' : '女',
          birthDate: full ? v.birthDate : `${v.birthDate.slice(0, 4)}-**-**`,
          nationalId: v.nationalId ?? '',
          phone: v.phone ?? '',
          address: v.address ?? '',
          regionCode: v.regionCode,
          regionName: regionNames.get(v.regionCode) ?? '',
          categories: v.categories.map((c) => CATEGORY_ZH.get(c.category) ?? c.category).join(';'),
          status: STATUS_ZH[v.verificationStatus] ?? v.verificationStatus,
        })
        .commit();
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || !last) break;
    after = { name: last.name, id: last.id };
  }
  sheet.commit();
  await wb.commit();

  await ctx.db.transaction(async (tx) => {
    await appendAudit(tx, {
      at: now,
      accountId: rc.actor.accountId,
      username: rc.actor.username,
      role: rc.actor.roles.map((r) => r.role).join(',') || null,
      action: 'person.export',
      resourceType: 'person',
      regionCode: input.region ?? null,
      clientIp: rc.clientIp,
      reason: reason.slice(0, 200),
      // Filters as flags only: the name prefix or an ID could identify someone.
      details: {
        rows,
        masked,
        filters: { name: input.q !== undefined, nationalId: input.nationalId !== undefined, phone: input.phone !== undefined, category: input.category ?? null },
      },
    });
  });
  return { path, rows, fileName: `persons-${today}.xlsx` };
}
