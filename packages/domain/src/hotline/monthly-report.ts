/**
 * The monthly hotline report in the structure of the Chinese monthly hotline form (心理援助热线规范和管理办法,
 * 2010 monthly statistics form): total calls, properly handled calls, answer rate (接通率), crisis calls,
 * difficult and repeat calls, then the problem types, the callers' sex and age, and local vs non-local.
 * Definitions used here (documented in docs/hotline.md):
 * - 来电总数: calls offered (short abandons left out); 接听数: answered; 接通率 = answered ÷ (answered + abandoned);
 * - 正常受理: answered calls whose record was filed;
 * - 高危来电: filed records with risk level high or imminent;
 * - 困难来电: filed records classed as silent or abusive calls (other/silent, other/harassment);
 * - 反复来电: calls from a number that had called the line before within the month (keyed hash);
 * - 问题类型: each filed record counts once under every monthly-form column its categories map to.
 */
import { PROBLEM_TAXONOMY } from './problem-taxonomy.ts';

export interface MonthlyCounts {
  offered: number;
  answered: number;
  abandoned: number;
  filed: number;
  crisis: number;
  difficult: number;
  repeat: number;
  /** Filed records per top-level category code (a record with two categories counts in both). */
  byCategory: Record<string, number>;
  bySex: Record<string, number>;
  byAgeBand: Record<string, number>;
  local: number;
  nonLocal: number;
  unknownOrigin: number;
}

export interface MonthlyFormRow {
  section: string;
  label: string;
  value: number | string;
}

const rate = (a: number, b: number): string => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);

/** The monthly form as rows (section, label, value), ready for a spreadsheet or a printed page. */
export function monthlyForm(c: MonthlyCounts): MonthlyFormRow[] {
  const columns = new Map<string, number>();
  for (const top of PROBLEM_TAXONOMY) columns.set(top.monthlyFormColumn, (columns.get(top.monthlyFormColumn) ?? 0) + (c.byCategory[top.code] ?? 0));
  const rows: MonthlyFormRow[] = [
    { section: '来电情况', label: '来电总数', value: c.offered },
    { section: '来电情况', label: '接听数', value: c.answered },
    { section: '来电情况', label: '放弃数', value: c.abandoned },
    { section: '来电情况', label: '接通率', value: rate(c.answered, c.answered + c.abandoned) },
    { section: '来电情况', label: '正常受理', value: c.filed },
    { section: '来电情况', label: '高危来电', value: c.crisis },
    { section: '来电情况', label: '困难来电', value: c.difficult },
    { section: '来电情况', label: '反复来电', value: c.repeat },
  ];
  for (const [column, n] of columns) rows.push({ section: '问题类型', label: column, value: n });
  const sexLabel: Record<string, string> = { male: '男', female: '女', unknown: '不详' };
  for (const [k, label] of Object.entries(sexLabel)) rows.push({ section: '来电者性别', label, value: c.bySex[k] ?? 0 });
  const ages: [string, string][] = [['under_14', '14岁以下'], ['14_17', '14–17岁'], ['18_24', '18–24岁'], ['25_34', '25–34岁'], ['35_44', '35–44岁'], ['45_59', '45–59岁'], ['60_plus', '60岁及以上'], ['unknown', '不详']];
  for (const [k, label] of ages) rows.push({ section: '来电者年龄', label, value: c.byAgeBand[k] ?? 0 });
  rows.push({ section: '来电者来源', label: '本地', value: c.local }, { section: '来电者来源', label: '外地', value: c.nonLocal }, { section: '来电者来源', label: '不详', value: c.unknownOrigin });
  return rows;
}
