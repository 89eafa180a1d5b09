import { IMPORT_COLUMNS } from '@anxin/domain';
import type { Queryable } from '../../db/database.ts';
import { ImportRepository } from './import-repository.ts';

/** Chinese explanations of the reasons, for the person fixing the file (the `reason` column keeps the code). */
export const REASON_ZH: Readonly<Record<string, string>> = {
  required: '必填项为空',
  too_long: '内容过长',
  invalid_value: '取值无效',
  invalid_format: '格式不正确',
  invalid_checksum: '身份证号校验位错误',
  invalid_date: '日期无效（应为 YYYY-MM-DD）',
  future_date: '日期在未来',
  before_birth: '日期早于出生日期',
  before_admission: '出院日期早于入院日期',
  mismatch_national_id: '与身份证号不一致',
  invalid_region_level: '地区代码不是社区或网格',
  unknown_category: '未知的人群类别',
  unknown_region: '社区代码不存在',
  out_of_jurisdiction: '超出您的管辖范围',
  unknown_hospital: '医院不存在（须为定点医院名称）',
  ambiguous_hospital: '有多家同名医院',
  conflict: '该医院的病案号已用于另一人',
  unknown_patient: '引用的 Patient 不在其前',
  unknown_encounter: '引用的 Encounter 不存在',
};

const FIELD_ZH = new Map<string, string>(IMPORT_COLUMNS.map((c) => [c.field, c.zh]));

const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const ERROR_REPORT_HEADER = 'row,field,reason,value,说明\r\n';

export function errorReportLine(e: { rowNumber: number; field: string; reason: string; value?: string | undefined }): string {
  const explain = `${FIELD_ZH.get(e.field) ?? e.field}：${REASON_ZH[e.reason] ?? e.reason}`;
  return `${[String(e.rowNumber), e.field, e.reason, e.value ?? '', explain].map(csvCell).join(',')}\r\n`;
}

/**
 * The error report as CSV lines (UTF-8 with BOM so Excel shows the Chinese): row, field, reason code,
 * offending code for list cells, and a Chinese explanation. Paged from import_errors: memory stays flat.
 */
export async function* errorReportLines(q: Queryable, importId: string): AsyncGenerator<string> {
  yield `\uFEFF${ERROR_REPORT_HEADER}`;
  const repo = new ImportRepository(q);
  let after = 0;
  for (;;) {
    const page = await repo.errorsPage(importId, after, 2000);
    if (page.length === 0) return;
    yield page.map(errorReportLine).join('');
    after = (page[page.length - 1] as { id: number }).id;
  }
}
