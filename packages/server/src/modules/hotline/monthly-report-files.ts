import { AppError, ErrorCode, isAppError } from '@anxin/domain';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { locateCjkFont } from '../referrals/cjk-font.ts';
import type { MonthlyReport } from './get-monthly-report.ts';

/** The monthly form as an XLSX workbook: one sheet, section / item / value. */
export async function monthlyReportXlsx(r: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anxin';
  const sheet = wb.addWorksheet('月报');
  sheet.addRow([`${r.lineName}（${r.lineNumber}）心理援助热线月报表 ${r.month}`]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  sheet.addRow(['项目', '指标', '数值']).font = { bold: true };
  for (const row of r.rows) sheet.addRow([row.section, row.label, row.value]);
  sheet.addRow([]);
  sheet.addRow([`生成时间 ${r.generatedAt}；口径见 docs/hotline.md`]);
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 16;
  sheet.getColumn(3).width = 12;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The monthly form as a printable PDF, drawn with a Chinese font found on this machine (none → UNAVAILABLE). */
export async function monthlyReportPdf(r: MonthlyReport, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  let font;
  try {
    font = locateCjkFont(env);
  } catch (error) {
    if (isAppError(error)) {
      throw new AppError(ErrorCode.UNAVAILABLE, 'No Chinese (CJK) font is installed, so the monthly report cannot be printed as PDF (XLSX works). Install fonts-noto-cjk or fonts-wqy-microhei, or set ANXIN_CJK_FONT');
    }
    throw error;
  }
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `心理援助热线月报表 ${r.month}`, Author: 'Anxin' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (font.face) doc.registerFont('cjk', font.path, font.face);
  else doc.registerFont('cjk', font.path);
  doc.font('cjk').fontSize(16).text(`${r.lineName}（${r.lineNumber}）心理援助热线月报表`, { align: 'center' });
  doc.fontSize(11).text(`统计月份：${r.month}`, { align: 'center' }).moveDown();
  let section = '';
  for (const row of r.rows) {
    if (row.section !== section) {
      section = row.section;
      doc.moveDown(0.5).fontSize(12).text(section).fontSize(10);
    }
    const y = doc.y;
    doc.text(row.label, 80, y, { width: 200 });
    doc.text(String(row.value), 300, y, { width: 150, align: 'right' });
  }
  doc.moveDown().fontSize(8).text(`生成时间 ${r.generatedAt}`, 50);
  doc.end();
  return done;
}
