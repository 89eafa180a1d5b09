import ExcelJS from 'exceljs';
import type { PopulationStatus } from './get-population-status.ts';
import type { StaffingReport } from './get-staffing-compliance.ts';

const POST_ZH: Record<string, string> = {
  city_team: '市级心理健康服务团队',
  county_specialist: '区县心理专员',
  street_cadre: '街道心理专干',
  community_worker: '社区工作人员',
};

async function finish(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The staffing compliance table (every required post, empty first) as XLSX. */
export async function staffingXlsx(r: StaffingReport, lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet(lang === 'zh' ? '人员配备' : 'Staffing');
  s.addRow([`${r.region.name} (${r.region.code})`, `${r.filled}/${r.required}`]);
  s.addRow(lang === 'zh' ? ['区划代码', '区域', '层级', '岗位', '在岗人数', '状态'] : ['Code', 'Region', 'Level', 'Post', 'Holders', 'Status']).font = { bold: true };
  for (const p of r.posts)
    s.addRow([p.regionCode, p.regionName, p.level, lang === 'zh' ? (POST_ZH[p.post] ?? p.post) : p.post, p.holders, p.filled ? (lang === 'zh' ? '已配备' : 'filled') : lang === 'zh' ? '空缺' : 'EMPTY']);
  s.getColumn(2).width = 24;
  s.getColumn(4).width = 24;
  return finish(wb);
}

/** The population status table (per category × instrument × month: results, positives, severities) as XLSX. */
export async function populationXlsx(r: PopulationStatus, lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet(lang === 'zh' ? '人群心理状况' : 'Population status');
  s.addRow([`${r.region.name} (${r.region.code})`, `${r.from} – ${r.to}`]);
  s.addRow(
    lang === 'zh'
      ? ['人群', '量表', '月份', '测评份数', '阳性份数', '阳性率', '严重程度分布', '显著上升']
      : ['Category', 'Instrument', 'Month', 'Results', 'Positive', 'Positive rate', 'Severities', 'Significant rise'],
  ).font = { bold: true };
  for (const g of r.groups)
    for (const m of g.months) {
      const row = s.addRow([
        g.category,
        g.instrument,
        m.month,
        m.total,
        m.positive,
        m.total > 0 ? m.positive / m.total : null,
        Object.entries(m.severities)
          .map(([k, v]) => `${k}:${v}`)
          .join(' '),
        g.rise.significant && m.month === r.months[r.months.length - 1] ? `z=${(g.rise.z ?? 0).toFixed(2)}` : '',
      ]);
      row.getCell(6).numFmt = '0.0%';
    }
  return finish(wb);
}
