import { describe, expect, it } from 'vitest';
import { FIGURES, FIGURES_BY_ID, HEADLINE_FIGURES } from './figure-catalogue.ts';
import { rateOf, type Contribution } from './figure-definition.ts';
import { figureValue, rollupContributions, rollupKey } from './figure-rollup.ts';
import { categoryContributions, episodeContributions, handoverContributions, personContributions, type PersonFacts } from './register-figures.ts';

const C1 = '420102001001'; // 江岸区 street 001 community 001
const C2 = '420102001002';
const C3 = '420103002001'; // 江汉区
const GRID = '420102001001007';

const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  regionCode: C1,
  createdDay: '2026-03-02',
  verificationStatus: 'pending',
  mergedInto: null,
  ...over,
});

// A small hand-made register: five persons, one merged away, one living on a grid.
const persons: PersonFacts[] = [
  person({ verificationStatus: 'verified' }),
  person({ verificationStatus: 'corrected', createdDay: '2026-03-05' }),
  person({ regionCode: C2, verificationStatus: 'deceased', createdDay: '2026-02-20' }),
  person({ regionCode: GRID, verificationStatus: 'moved', createdDay: '2026-03-10' }),
  person({ regionCode: C3, createdDay: '2026-03-03' }),
  person({ regionCode: C3, verificationStatus: 'verified', mergedInto: 'x' }),
];
const contributions: Contribution[] = persons.flatMap(personContributions);
const march = { from: '2026-03-01', to: '2026-03-31' };
const value = (id: string, regionCode: string, q = march) => figureValue(FIGURES_BY_ID, id, contributions, { regionCode, ...q });

describe('register figures on hand-made data', () => {
  it('counts persons in their current state as of the end of the period, merged records nowhere', () => {
    expect(value('register.persons', '420102000000')).toBe(4); // C1 ×2, C2, grid under C1
    expect(value('register.persons', '420100000000')).toBe(5); // + C3 (the merged one is not counted)
    expect(value('register.persons', '420102000000', { from: '2026-03-01', to: '2026-03-04' })).toBe(2); // created by the 4th
    expect(value('register.verified', '420102000000')).toBe(2); // verified + corrected
    expect(value('register.deceased', C2)).toBe(1);
    expect(value('register.moved', C1)).toBe(1); // the grid counts in its community
    expect(value('register.pending', '000000000000')).toBe(1);
  });

  it('counts new registrations only inside the period', () => {
    expect(value('register.new_persons', '420100000000')).toBe(4); // the deceased one was registered in February
    expect(value('register.new_persons', '420100000000', { from: '2026-02-01', to: '2026-02-28' })).toBe(1);
  });

  it('rates divide numerator by denominator and are null without a denominator', () => {
    expect(value('register.verified_rate', '420102000000')).toBeCloseTo(2 / 4);
    expect(value('register.verified_rate', '440000000000')).toBeNull();
    expect(rateOf(0, 0)).toBeNull();
    expect(rateOf(3, 4)).toBe(0.75);
  });

  it('counts open category memberships of live persons in the person’s residence', () => {
    const live = persons[0] as PersonFacts;
    expect(categoryContributions({ category: 'recovered_patient', validTo: null, createdDay: '2026-03-02' }, live)).toEqual([
      { figures: ['register.category.recovered_patient'], regionCode: C1, day: '2026-03-02' },
    ]);
    expect(categoryContributions({ category: 'recovered_patient', validTo: '2026-03-01', createdDay: '2026-03-02' }, live)).toEqual([]);
    expect(categoryContributions({ category: 'student', validTo: null, createdDay: '2026-03-02' }, persons[5] as PersonFacts)).toEqual([]);
  });

  it('counts admissions and discharges on their own days', () => {
    const e = episodeContributions({ admissionDate: '2026-02-27', dischargeDate: '2026-03-04' }, person({ regionCode: C3 }));
    expect(figureValue(FIGURES_BY_ID, 'register.admissions', e, { regionCode: '420103000000', ...march })).toBe(0);
    expect(figureValue(FIGURES_BY_ID, 'register.discharges', e, { regionCode: '420103000000', ...march })).toBe(1);
    expect(episodeContributions({ admissionDate: '2026-03-01', dischargeDate: null }, person())).toHaveLength(1);
  });

  it('counts open and unrouted hand-overs by their own region', () => {
    expect(handoverContributions({ regionCode: C1, createdDay: '2026-03-02', status: 'new', toOrgId: null })[0]?.figures).toEqual([
      'register.handovers',
      'register.handovers_open',
      'register.handovers_unrouted',
    ]);
    expect(handoverContributions({ regionCode: C1, createdDay: '2026-03-02', status: 'closed', toOrgId: null })[0]?.figures).toEqual([
      'register.handovers',
    ]);
    expect(handoverContributions({ regionCode: C1, createdDay: '2026-03-02', status: 'acknowledged', toOrgId: 'org' })[0]?.figures).toEqual([
      'register.handovers',
    ]);
  });
});

describe('rollup levels', () => {
  it('adds every contribution to its community and each ancestor level, grids folded into the community', () => {
    const r = rollupContributions([{ figures: ['register.persons'], regionCode: GRID, day: '2026-03-02' }]);
    expect([...r.keys()].sort()).toEqual(
      ['420000000000', '420100000000', '420102000000', '420102001000', C1].map((code) => rollupKey('register.persons', code, '2026-03-02')).sort(),
    );
    const all = rollupContributions(contributions);
    expect(all.get(rollupKey('register.persons', '420102000000', '2026-03-02'))).toBe(1);
    expect(all.get(rollupKey('register.persons', '420000000000', '2026-03-03'))).toBe(1);
  });
});

describe('the catalogue', () => {
  it('has unique ids, rates over known count figures, headlines that exist, and labels and definitions in both languages', () => {
    expect(new Set(FIGURES.map((f) => f.id)).size).toBe(FIGURES.length);
    for (const f of FIGURES)
      if (f.kind === 'rate') {
        expect(FIGURES_BY_ID.get(f.numerator)?.kind).toBe('count');
        expect(FIGURES_BY_ID.get(f.denominator)?.kind).toBe('count');
      }
    for (const h of HEADLINE_FIGURES) expect(FIGURES_BY_ID.has(h)).toBe(true);
    for (const f of FIGURES) {
      expect(f.label.zh.length).toBeGreaterThan(0);
      expect(f.label.en.length).toBeGreaterThan(0);
      expect(f.definition.zh).toMatch(/[。]$/);
    }
  });
});
