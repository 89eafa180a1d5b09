import { describe, expect, it } from 'vitest';
import { contactedInTime, crisisAdmissionContributions, crisisCaseContributions, type CrisisCaseFacts } from './crisis-figures.ts';
import { FIGURES_BY_ID } from './figure-catalogue.ts';
import { figureValue } from './figure-rollup.ts';

const at = (s: string) => new Date(s);
const c = (over: Partial<CrisisCaseFacts>): CrisisCaseFacts => ({
  regionCode: '420102001001',
  status: 'triaged',
  level: 'high',
  levelSetAt: at('2026-03-02T10:00:00+08:00'),
  openedAt: at('2026-03-02T10:00:00+08:00'),
  firstContactAt: null,
  closedAt: null,
  ...over,
});

describe('crisis figures on hand-made data', () => {
  const cases = [
    c({ firstContactAt: at('2026-03-03T10:00:00+08:00') }), // high, exactly 24 h: in time
    c({ level: 'imminent', firstContactAt: at('2026-03-02T11:01:00+08:00') }), // imminent, 61 min: late
    c({ level: 'imminent', status: 'closed', firstContactAt: at('2026-03-02T10:30:00+08:00'), closedAt: at('2026-03-10T12:00:00+08:00') }),
    c({ level: 'moderate' }), // never contacted
    c({ level: 'imminent', openedAt: at('2026-02-27T10:00:00+08:00'), levelSetAt: at('2026-03-02T09:00:00+08:00'), firstContactAt: at('2026-03-02T09:30:00+08:00') }),
  ];
  const rows = [
    ...cases.flatMap(crisisCaseContributions),
    ...crisisAdmissionContributions({ regionCode: '420102001001', admittedOn: '2026-03-04', involuntary: true }),
    ...crisisAdmissionContributions({ regionCode: '420103001001', admittedOn: '2026-03-05', involuntary: false }),
  ];
  const q = (regionCode: string, from = '2026-03-01', to = '2026-03-31') => ({ regionCode, from, to });
  const v = (id: string, query = q('420102000000')) => figureValue(FIGURES_BY_ID, id, rows, query);

  it('checks first contact against the standard limit from when the level was set', () => {
    expect(cases.map(contactedInTime)).toEqual([true, false, true, false, true]);
  });

  it('counts cases opened, open by current level, contacted in time, closed, and admissions', () => {
    expect(v('crisis.opened')).toBe(4);
    expect(v('crisis.contact_in_time')).toBe(2);
    expect(v('crisis.deadline_rate')).toBeCloseTo(2 / 4);
    expect(v('crisis.open')).toBe(4);
    expect(v('crisis.open.imminent')).toBe(2);
    expect(v('crisis.open.moderate')).toBe(1);
    expect(v('crisis.open', q('420102000000', '2026-02-01', '2026-02-28'))).toBe(1);
    expect(v('crisis.closed')).toBe(1);
    expect(v('crisis.admissions', q('420100000000'))).toBe(2);
    expect(v('crisis.admissions_involuntary', q('420100000000'))).toBe(1);
    expect(v('crisis.deadline_rate', q('110000000000'))).toBeNull();
  });
});
