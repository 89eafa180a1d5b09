import { describe, expect, it } from 'vitest';
import { FIGURES_BY_ID } from './figure-catalogue.ts';
import { figureValue } from './figure-rollup.ts';
import { hotlineCallContributions, type HotlineCallFacts } from './hotline-figures.ts';

const at = (s: string) => new Date(s);
const call = (over: Partial<HotlineCallFacts>): HotlineCallFacts => ({
  regionCode: '420100000000',
  offeredAt: at('2026-03-02T20:00:00+08:00'),
  answeredAt: at('2026-03-02T20:00:15+08:00'),
  abandonedAt: null,
  endedAt: at('2026-03-02T20:20:00+08:00'),
  recordStatus: 'filed',
  problemCategories: ['emotion', 'family'],
  ...over,
});

describe('hotline figures on hand-made data', () => {
  const rows = [
    call({}),
    call({ problemCategories: ['emotion', 'emotion'] }), // two subcategories of one category: once
    call({ recordStatus: 'draft' }), // not filed: no category
    call({ answeredAt: null, abandonedAt: at('2026-03-02T20:00:40+08:00'), recordStatus: 'none', problemCategories: [] }),
    call({ answeredAt: null, abandonedAt: at('2026-03-02T20:00:03+08:00'), recordStatus: 'none', problemCategories: [] }), // misdial
    call({ answeredAt: null, abandonedAt: null, endedAt: at('2026-03-02T20:01:00+08:00'), recordStatus: 'none', problemCategories: [] }), // ended unanswered
    call({ answeredAt: null, abandonedAt: null, endedAt: null, recordStatus: 'none', problemCategories: [] }), // still waiting
  ].flatMap(hotlineCallContributions);
  const q = { regionCode: '420000000000', from: '2026-03-01', to: '2026-03-31' };
  const v = (id: string) => figureValue(FIGURES_BY_ID, id, rows, q);

  it('follows the hotline metric definitions: short abandons and waiting calls are outside the answer rate', () => {
    expect(v('hotline.calls')).toBe(7);
    expect(v('hotline.answered')).toBe(3);
    expect(v('hotline.abandoned')).toBe(2);
    expect(v('hotline.handled')).toBe(5);
    expect(v('hotline.answer_rate')).toBeCloseTo(3 / 5);
  });

  it('counts filed records once per top-level category', () => {
    expect(v('hotline.filed')).toBe(2);
    expect(v('hotline.category.emotion')).toBe(2);
    expect(v('hotline.category.family')).toBe(1);
  });
});
