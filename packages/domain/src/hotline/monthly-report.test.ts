import { describe, expect, it } from 'vitest';
import { monthlyForm, type MonthlyCounts } from './monthly-report.ts';

const counts: MonthlyCounts = {
  offered: 120, answered: 100, abandoned: 20, filed: 96, crisis: 3, difficult: 4, repeat: 11,
  byCategory: { emotion: 40, grief: 10, marriage_love: 7, family: 9, violence_abuse: 2 },
  bySex: { male: 30, female: 60 }, byAgeBand: { '25_34': 50 }, local: 80, nonLocal: 6, unknownOrigin: 10,
};

describe('monthly hotline form', () => {
  it('has the form’s headline rows with the answer rate', () => {
    const rows = monthlyForm(counts);
    const get = (label: string, section = '来电情况') => rows.find((r) => r.section === section && r.label === label)?.value;
    expect(get('来电总数')).toBe(120);
    expect(get('接通率')).toBe('83.3%');
    expect(get('正常受理')).toBe(96);
    expect(get('高危来电')).toBe(3);
    expect(get('困难来电')).toBe(4);
    expect(get('反复来电')).toBe(11);
  });
  it('folds categories into the form’s problem-type columns', () => {
    const rows = monthlyForm(counts);
    const col = (label: string) => rows.find((r) => r.section === '问题类型' && r.label === label)?.value;
    expect(col('情绪')).toBe(50); // emotion + grief
    expect(col('家庭')).toBe(11); // family + violence_abuse
    expect(col('婚姻/恋爱')).toBe(7);
    expect(col('学习')).toBe(0);
  });
  it('shows a dash, not NaN, for a month without calls', () => {
    const empty = monthlyForm({ ...counts, answered: 0, abandoned: 0 });
    expect(empty.find((r) => r.label === '接通率')?.value).toBe('—');
  });
});
