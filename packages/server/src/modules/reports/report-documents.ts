import { AppError, ErrorCode } from '@anxin/domain';
import { FIGURES, HEADLINE_FIGURES, FIGURES_BY_ID } from '@anxin/domain/figures/figure-catalogue.ts';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { systemCjkFont } from './cjk-font.ts';
import type { ReportEventRecord, ReportRecord } from './report-repository.ts';

export interface ReportDocument {
  report: ReportRecord;
  figures: Record<string, number | null>;
  events: ReportEventRecord[];
}

const STATUS_ZH: Record<string, string> = { draft: '草稿', submitted: '已报送', returned: '已退回', accepted: '已采纳' };
const EVENT_ZH: Record<string, string> = { created: '创建', edited: '修改', submitted: '报送', accepted: '采纳', returned: '退回' };

export function reportTitle(r: ReportRecord): string {
  return `${r.regionName}${r.period}心理服务工作${r.periodKind === 'month' ? '月报' : '季报'}`;
}

function formatValue(id: string, v: number | null): string {
  if (v === null || v === undefined) return '—';
  return FIGURES_BY_ID.get(id)?.kind === 'rate' ? `${(v * 100).toFixed(1)}%` : String(v);
}

const stamp = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

export async function reportXlsx(doc: ReportDocument): Promise<Buffer> {
  const { report } = doc;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anxin';
  const s1 = wb.addWorksheet('指标');
  s1.addRow([reportTitle(report)]).font = { bold: true, size: 14 };
  s1.addRow(['区域', `${report.regionName}（${report.regionCode}）`]);
  s1.addRow(['统计期', `${report.periodFrom} 至 ${report.periodTo}`]);
  s1.addRow(['状态', STATUS_ZH[report.status] ?? report.status]);
  s1.addRow([]);
  s1.addRow(['指标', '数值', '口径']).font = { bold: true };
  for (const f of FIGURES) {
    const row = s1.addRow([f.label.zh, doc.figures[f.id] ?? null, f.definition.zh]);
    if (f.kind === 'rate') row.getCell(2).numFmt = '0.0%';
  }
  s1.getColumn(1).width = 28;
  s1.getColumn(2).width = 14;
  s1.getColumn(3).width = 90;
  const s2 = wb.addWorksheet('经验做法');
  s2.getColumn(1).width = 120;
  s2.addRow(['经验做法']).font = { bold: true };
  for (const para of report.experience.split(/\n+/)) s2.addRow([para]).getCell(1).alignment = { wrapText: true, vertical: 'top' };
  const s3 = wb.addWorksheet('报送记录');
  s3.addRow(['时间', '操作', '操作人', '意见']).font = { bold: true };
  for (const e of doc.events) s3.addRow([stamp(e.at), EVENT_ZH[e.event] ?? e.event, e.actorName, e.comment ?? '']);
  s3.getColumn(1).width = 20;
  s3.getColumn(4).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report as a PDF: CJK text in the system font, a bar chart drawn with vector primitives. */
export async function reportPdf(doc: ReportDocument): Promise<Buffer> {
  const font = systemCjkFont();
  if (!font) throw new AppError(ErrorCode.UNAVAILABLE, 'No CJK font is installed on the server (fc-list :lang=zh found none); install fonts-noto-cjk');
  const { report } = doc;
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: reportTitle(report), Creator: 'Anxin' } });
  pdf.registerFont('cjk', font.file, font.face);
  pdf.font('cjk');
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const left = 50;
  const width = pdf.page.width - 100;
  pdf.fontSize(18).text(reportTitle(report), { align: 'center' });
  pdf.moveDown(0.5);
  pdf.fontSize(10).fillColor('#555').text(`区域：${report.regionName}（${report.regionCode}）    统计期：${report.periodFrom} 至 ${report.periodTo}    状态：${STATUS_ZH[report.status] ?? report.status}`);
  pdf.moveDown(1);

  // Chart: headline count figures as horizontal bars (vector rectangles, scaled to the largest).
  const bars = HEADLINE_FIGURES.filter((id) => FIGURES_BY_ID.get(id)?.kind === 'count').map((id) => ({ id, v: doc.figures[id] ?? 0 }));
  const max = Math.max(1, ...bars.map((b) => b.v ?? 0));
  pdf.fillColor('#000').fontSize(12).text('主要指标', left);
  pdf.moveDown(0.3);
  let y = pdf.y;
  const labelW = 150;
  const barMax = width - labelW - 60;
  for (const b of bars) {
    const label = FIGURES_BY_ID.get(b.id)?.label.zh ?? b.id;
    pdf.fontSize(9).fillColor('#333').text(label, left, y + 2, { width: labelW - 8, align: 'right' });
    const w = Math.max(1, Math.round(((b.v ?? 0) / max) * barMax));
    pdf.rect(left + labelW, y, w, 12).fill('#1677ff');
    pdf.fillColor('#333').text(String(b.v ?? 0), left + labelW + w + 6, y + 2);
    y += 18;
  }
  pdf.moveTo(left + labelW, pdf.y + 4).lineTo(left + labelW, y - 4).strokeColor('#999').stroke();
  pdf.x = left;
  pdf.y = y + 10;

  // Table of every figure.
  pdf.fillColor('#000').fontSize(12).text('指标一览', left);
  pdf.moveDown(0.3);
  for (const f of FIGURES) {
    if (pdf.y > pdf.page.height - 80) pdf.addPage();
    const rowY = pdf.y;
    pdf.fontSize(9).fillColor('#333').text(f.label.zh, left, rowY, { width: 220 });
    pdf.text(formatValue(f.id, doc.figures[f.id] ?? null), left + 230, rowY, { width: 80, align: 'right' });
    pdf.moveTo(left, pdf.y + 2).lineTo(left + width, pdf.y + 2).strokeColor('#eee').stroke();
    pdf.y += 4;
  }

  pdf.addPage();
  pdf.fillColor('#000').fontSize(12).text('经验做法', left);
  pdf.moveDown(0.3);
  pdf.fontSize(10).fillColor('#222').text(report.experience.trim() === '' ? '（未填写）' : report.experience, { width, lineGap: 3 });
  if (report.reviewComment) {
    pdf.moveDown(1);
    pdf.fontSize(12).fillColor('#000').text('审核意见');
    pdf.fontSize(10).fillColor('#222').text(report.reviewComment, { width });
  }
  pdf.moveDown(1);
  pdf.fontSize(12).fillColor('#000').text('报送记录');
  for (const e of doc.events) pdf.fontSize(9).fillColor('#333').text(`${stamp(e.at)}  ${EVENT_ZH[e.event] ?? e.event}  ${e.actorName}${e.comment ? `：${e.comment}` : ''}`);
  pdf.end();
  return done;
}
