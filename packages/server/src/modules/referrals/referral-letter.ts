import PDFDocument from 'pdfkit';
import type { CjkFont } from './cjk-font.ts';

/** What the printed letter shows. Built by the use case from a referral the caller may read. */
export interface LetterContent {
  number: string;
  kind: 'clinical' | 'aid';
  status: string;
  sentAt: string;
  urgency: 'routine' | 'urgent';
  fromName: string;
  fromType: string | null;
  toName: string;
  toType: string;
  sentByName: string;
  personName: string;
  personSex: 'male' | 'female';
  personBirthDate: string;
  regionName: string;
  topic: string;
  reason: string | null;
  declineReason: string | null;
  advice: string | null;
  history: { at: string; event: string; actor: string; organization: string | null }[];
  printedAt: string;
  printedBy: string;
}

const ORG_TYPE: Record<string, string> = {
  primary_care: '基层医疗卫生机构',
  mental_health_institution: '精神卫生医疗机构',
  designated_hospital: '定点医院',
  social_work: '社会工作服务机构',
  civil_affairs: '民政部门',
};

export const TOPIC_LABEL: Record<string, string> = {
  diagnosis: '明确诊断',
  treatment_adjustment: '调整治疗方案',
  admission: '住院治疗',
  rehabilitation: '康复服务',
  community_management: '社区随访管理',
  psychological_support: '心理疏导',
  social_support: '社会支持',
  financial_assistance: '经济救助',
  medical_expenses: '医疗费用救助',
  medication_supply: '药物供应',
  employment: '就业帮扶',
  housing: '住房帮扶',
  daily_care: '生活照料',
  schooling: '就学帮扶',
  legal_aid: '法律援助',
  other: '其他',
};

const STATUS_LABEL: Record<string, string> = {
  sent: '已转出',
  accepted: '已接收',
  declined: '已拒收',
  seen: '已接诊',
  returned_with_advice: '已回转',
  closed: '已结案',
};

const EVENT_LABEL: Record<string, string> = {
  send: '转出',
  accept: '接收',
  decline: '拒收',
  see: '接诊',
  return_with_advice: '回转并提出意见',
  close: '结案',
};

/**
 * Draws the two-way referral letter (双向转诊单) as an A4 PDF with the given CJK font embedded (subset), and
 * returns the bytes. Text is Chinese: the letter is an official form handed to the receiving institution.
 */
export async function renderReferralLetter(c: LetterContent, font: CjkFont): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 60, right: 60 },
    info: { Title: `双向转诊单 ${c.number}`, Author: 'Anxin', Subject: 'referral letter' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.face);
  doc.font('cjk');

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const title = c.kind === 'aid' ? '帮扶转介单' : '双向转诊单';
  doc.fontSize(20).text(title, { align: 'center' });
  doc.moveDown(0.3);
  doc.fontSize(10).fillColor('#555').text(`编号 ${c.number}　　转出日期 ${c.sentAt}　　状态 ${STATUS_LABEL[c.status] ?? c.status}`, { align: 'center' });
  doc.fillColor('#000').moveDown(1);

  const row = (label: string, value: string): void => {
    const y = doc.y;
    doc.fontSize(11).fillColor('#333').text(label, left, y, { width: 110 });
    doc.fillColor('#000').text(value === '' ? '—' : value, left + 115, y, { width: width - 115 });
    doc.moveDown(0.5);
    doc.x = left;
  };
  const section = (name: string): void => {
    doc.moveDown(0.4);
    doc.x = left;
    doc.fontSize(13).fillColor('#000').text(name);
    const y = doc.y + 2;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.6).strokeColor('#888').stroke();
    doc.moveDown(0.6);
  };

  section('一、机构');
  row('转出机构', `${c.fromName}${c.fromType ? `（${ORG_TYPE[c.fromType] ?? c.fromType}）` : ''}`);
  row('接收机构', `${c.toName}（${ORG_TYPE[c.toType] ?? c.toType}）`);
  row('经办人', c.sentByName);
  row('紧急程度', c.urgency === 'urgent' ? '紧急' : '常规');

  section('二、服务对象');
  row('姓名', c.personName);
  row('性别', c.personSex === 'male' ? '男' : '女');
  row('出生日期', c.personBirthDate);
  row('居住地', c.regionName);

  section(c.kind === 'aid' ? '三、帮扶需求' : '三、转诊事由');
  row(c.kind === 'aid' ? '需求类别' : '转诊目的', TOPIC_LABEL[c.topic] ?? c.topic);
  row('情况说明', c.reason ?? '');

  section(c.kind === 'aid' ? '四、办理结果' : '四、回转意见');
  if (c.declineReason !== null) row('拒收原因', c.declineReason);
  row(c.kind === 'aid' ? '办理结果' : '诊疗及康复建议', c.advice ?? '');

  if (c.history.length > 0) {
    section('五、办理记录');
    for (const h of c.history) row(h.at, `${EVENT_LABEL[h.event] ?? h.event}　${h.actor}${h.organization ? `（${h.organization}）` : ''}`);
  }

  doc.moveDown(1.2);
  doc.x = left;
  const half = width / 2;
  let y = doc.y;
  doc.fontSize(11).text('转出方签字（盖章）：______________', left, y, { width: half - 10 });
  doc.text('接收方签字（盖章）：______________', left + half, y, { width: half - 10 });
  doc.moveDown(0.8);
  y = doc.y;
  doc.text('日期：______年____月____日', left, y, { width: half - 10 });
  doc.text('日期：______年____月____日', left + half, y, { width: half - 10 });
  doc.moveDown(1.5);
  doc.fontSize(8).fillColor('#777').text(`本单由安心平台生成，${c.printedAt} 由 ${c.printedBy} 打印。内含个人健康信息，请妥善保管，仅用于转诊服务。`, left, doc.y, {
    width,
  });
  doc.end();
  return done;
}
