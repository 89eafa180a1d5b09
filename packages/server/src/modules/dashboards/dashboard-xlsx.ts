import { FIGURES } from '@anxin/domain/figures/figure-catalogue.ts';
import type { FigureDefinition } from '@anxin/domain/figures/figure-definition.ts';
import ExcelJS from 'exceljs';
import type { DashboardSummary, FigureValues } from './get-dashboard-summary.ts';

export const DASHBOARD_TABLES = ['figures', 'children', 'trend'] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];
export type Lang = 'zh' | 'en';

const HEAD: Record<Lang, Record<string, string>> = {
  zh: { figure: '指标', value: '数值', definition: '口径', region: '区域', code: '区划代码', day: '日期', sheet: '仪表盘' },
  en: { figure: 'Figure', value: 'Value', definition: 'Definition', region: 'Region', code: 'Code', day: 'Day', sheet: 'Dashboard' },
};

/** A cell value: counts as numbers, rates as fractions formatted as percentages, no denominator blank. */
function cell(f: FigureDefinition, values: FigureValues): number | null {
  return values[f.id] ?? null;
}

function styleRates(sheet: ExcelJS.Worksheet, firstFigureColumn: number): void {
  FIGURES.forEach((f, i) => {
    if (f.kind === 'rate') sheet.getColumn(firstFigureColumn + i).numFmt = '0.0%';
  });
}

/** One dashboard table as an XLSX workbook (figure labels from the domain definitions). */
export async function dashboardTableXlsx(summary: DashboardSummary, table: DashboardTable, lang: Lang): Promise<Buffer> {
  const h = HEAD[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anxin';
  const sheet = wb.addWorksheet(h.sheet);
  sheet.addRow([`${summary.region.name} (${summary.region.code})`, `${summary.from} – ${summary.to}`]);
  if (table === 'figures') {
    sheet.addRow([h.figure, h.value, h.definition]);
    for (const f of FIGURES) {
      const row = sheet.addRow([f.label[lang], cell(f, summary.values), f.definition[lang]]);
      if (f.kind === 'rate') row.getCell(2).numFmt = '0.0%';
    }
    sheet.getColumn(1).width = 28;
    sheet.getColumn(3).width = 80;
  } else if (table === 'children') {
    sheet.addRow([h.code, h.region, ...FIGURES.map((f) => f.label[lang])]);
    for (const c of summary.children) sheet.addRow([c.code, c.name, ...FIGURES.map((f) => cell(f, c.values))]);
    styleRates(sheet, 3);
    sheet.getColumn(2).width = 24;
  } else {
    sheet.addRow([h.day, ...FIGURES.map((f) => f.label[lang])]);
    for (const t of summary.trend) sheet.addRow([t.day, ...FIGURES.map((f) => cell(f, t.values))]);
    styleRates(sheet, 2);
  }
  sheet.getRow(2).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
