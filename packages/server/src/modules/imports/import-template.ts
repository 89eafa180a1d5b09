import { IMPORT_COLUMNS } from '@anxin/domain';
import ExcelJS from 'exceljs';

const EXAMPLE: Readonly<Record<string, string>> = {
  name: '张三',
  sex: '男',
  birth_date: '1980-05-12',
  national_id: '420102198005120152',
  phone: '13800138000',
  address: '武汉市江岸区大智街道保成社区某小区 1 栋 101',
  community_code: '420102002003',
  categories: '治愈患者;严重精神障碍患者',
  hospital: '武汉市金银潭医院',
  record_number: 'JYT2020-000123',
  admission_date: '2020-02-01',
  discharge_date: '2020-02-20',
  diagnosis: 'U07.1',
  severity: '普通型',
  psych_medications: '舍曲林|50mg qd|王医生',
};

const EXPLAIN: Readonly<Record<string, string>> = {
  name: '必填。',
  sex: '男/女（或 M/F）。填写了身份证号时可留空，从身份证号读取。',
  birth_date: 'YYYY-MM-DD。填写了身份证号时可留空。',
  national_id: '18 位居民身份证号（旧 15 位自动转换）；同一身份证号只登记一人，再次导入即更新。',
  phone: '手机或固定电话。',
  address: '现住址。',
  community_code: '必填。12 位社区（村）代码，须在您的管辖范围内。',
  categories: '人群类别，多个用分号 ; 分隔，如：治愈患者;患者家属。',
  hospital: '定点医院名称（与系统中的机构名称一致）。填写任一住院列即须填写医院与入院日期。',
  record_number: '病案号；同一医院的同一病案号只记录一次。',
  admission_date: 'YYYY-MM-DD。',
  discharge_date: 'YYYY-MM-DD；有出院日期即转交居住地基层医疗卫生机构。',
  diagnosis: 'ICD-10 编码，多个用分号分隔，主诊断在前，如 U07.1。',
  severity: '轻型/普通型/重型/危重型。',
  psych_medications: '出院时精神科用药，多个用分号分隔，每项“药名|剂量|开药医生”。',
};

/** The XLSX import template: Chinese headers (`*` marks required), one example row, and a sheet explaining each column. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anxin';
  const sheet = wb.addWorksheet('人员名单');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.required ? `${c.zh}*` : c.zh, key: c.field, width: Math.max(12, c.zh.length * 4), style: { numFmt: '@' } }));
  sheet.addRow(IMPORT_COLUMNS.map((c) => EXAMPLE[c.field] ?? ''));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'zh', width: 14 },
    { header: '英文列名', key: 'field', width: 20 },
    { header: '必填', key: 'required', width: 8 },
    { header: '说明', key: 'explain', width: 80 },
  ];
  for (const c of IMPORT_COLUMNS) help.addRow({ zh: c.zh, field: c.field, required: c.required ? '是' : '', explain: EXPLAIN[c.field] ?? '' });
  help.addRow({});
  help.addRow({ zh: '提示', explain: '第一张工作表为数据；示例行请删除后再导入。也可导入相同列名的 CSV（UTF-8 或 GBK 编码）。' });
  help.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
