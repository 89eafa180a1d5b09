import { createHmac, randomBytes } from 'node:crypto';
import { AppError, ErrorCode } from '@anxin/domain';
import { DEFAULT_K, ageBand, checkKAnonymity, dateShiftFrom, generalizeRegion, shiftDate } from '@anxin/domain/figures/k-anonymity.ts';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { prefixDigits, resolveScopeRegion } from '../dashboards/dashboard-scope.ts';
import { localIsoDate } from '../persons/person-crypto.ts';
import { EvaluationRepository } from './evaluation-repository.ts';

export const MAX_EXPORT_ROWS = 500_000;

/** The quasi-identifiers: what an outsider could know about a person and link on. */
export const QUASI_IDENTIFIERS = ['sex', 'ageBand', 'county', 'categories'] as const;

export interface DeidentifiedRow {
  pseudonym: string;
  sex: string;
  ageBand: string;
  county: string;
  categories: string;
  verificationStatus: string;
  registeredOnShifted: string;
  handovers: number;
  admissions: number;
}

const COLUMNS: (keyof DeidentifiedRow)[] = [
  'pseudonym',
  'sex',
  'ageBand',
  'county',
  'categories',
  'verificationStatus',
  'registeredOnShifted',
  'handovers',
  'admissions',
];

/**
 * The de-identified person-level dataset of a region for third-party evaluation. Each export draws a
 * fresh secret: pseudonyms and date shifts cannot be linked across exports or back to the register.
 * Refused (409, with the failing class counts) when a quasi-identifier class has fewer than k rows.
 */
export async function exportEvaluationDataset(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  rc: RequestContext,
  input: { region?: string | undefined; k?: number | undefined },
): Promise<{ filename: string; body: Buffer; rows: number }> {
  const k = input.k ?? DEFAULT_K;
  if (!Number.isInteger(k) || k < DEFAULT_K || k > 100)
    throw new AppError(ErrorCode.VALIDATION, `k is an integer from ${DEFAULT_K} to 100`, { field: 'query.k' });
  const region = await resolveScopeRegion(ctx, rc, 'dataset.export_deidentified', input.region);
  const prefix = region.code.slice(0, prefixDigits(region.level));
  const repo = new EvaluationRepository(ctx.db);
  if ((await repo.countLive(prefix)) > MAX_EXPORT_ROWS)
    throw new AppError(ErrorCode.VALIDATION, `More than ${MAX_EXPORT_ROWS} persons: export a smaller region`, { field: 'query.region' });

  const today = localIsoDate(ctx.clock(), ctx.config.timeZone);
  const secret = randomBytes(32);
  const mac = (id: string) => createHmac('sha256', secret).update(id).digest();
  const rows: DeidentifiedRow[] = (await repo.sourceRows(prefix)).map((p) => {
    const h = mac(p.id);
    return {
      pseudonym: h.subarray(0, 8).toString('hex'),
      sex: p.sex,
      ageBand: ageBand(p.birthDate, today),
      county: generalizeRegion(p.regionCode),
      categories: (p.categories ?? []).join('+'),
      verificationStatus: p.verificationStatus,
      registeredOnShifted: shiftDate(p.registeredOn, dateShiftFrom(h.readUInt32BE(8))),
      handovers: p.handovers,
      admissions: p.admissions,
    };
  });

  const check = checkKAnonymity(rows, QUASI_IDENTIFIERS, k);
  const audit = (outcome: 'success' | 'denied') =>
    ctx.db.transaction((tx) =>
      appendAudit(tx, {
        at: ctx.clock(),
        accountId: rc.actor.accountId,
        username: rc.actor.username,
        action: 'dataset.export_deidentified',
        outcome,
        resourceType: 'evaluation_dataset',
        regionCode: region.code,
        clientIp: rc.clientIp,
        ...(outcome === 'denied' ? { reason: 'k_anonymity' } : {}),
        details: { k, rows: rows.length, classes: check.classes, smallestClass: check.smallestClass, failingClasses: check.failingClasses },
      }),
    );
  if (!check.ok) {
    await audit('denied');
    throw new AppError(
      ErrorCode.INVALID_STATE,
      `The dataset is not ${k}-anonymous: ${check.failingClasses} group(s) of sex, age band, county and categories have fewer than ${k} persons (${check.failingRows} rows). Export a larger region.`,
      { field: 'query.region', details: { k, smallestClass: check.smallestClass, failingClasses: check.failingClasses, failingRows: check.failingRows } },
    );
  }

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anxin';
  const sheet = wb.addWorksheet('dataset');
  sheet.addRow(COLUMNS);
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => r[c]));
  const about = wb.addWorksheet('about');
  for (const line of [
    ['region', region.code],
    ['k', k],
    ['quasi_identifiers', QUASI_IDENTIFIERS.join(', ')],
    ['smallest_class', check.smallestClass],
    ['dates', 'registeredOnShifted is shifted per person by a secret offset of up to ±15 days'],
    ['age', '10-year bands at the export date, 90+ top-coded'],
    ['region_level', 'county'],
    ['generated_on', today],
  ])
    about.addRow(line);
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  await audit('success');
  return { filename: `evaluation-${region.code}-${today}.xlsx`, body, rows: rows.length };
}
