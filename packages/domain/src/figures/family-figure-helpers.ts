/**
 * Shared wording and builders for the service families (follow-up, consultations, interventions, crisis,
 * care visits, hotline). Each of those counts a row in the region RECORDED ON THE ROW (where the service
 * happened or is owned now), not in the person's current residence: a merge re-homes rows to the surviving
 * person without changing their region, so a merged record's rows still count once; an open follow-up task
 * moves with its enrolment on a transfer (issue 5), closed ones stay where they happened.
 */
import { countDefinition, type Bilingual, type CountNotes, type FigureDefinition } from './figure-definition.ts';

export const RECORDED_REGION_NOTE: Bilingual = {
  zh: '按记录所在区域计（网格计入所属社区），上级区域为下辖社区之和。',
  en: 'Counted in the region recorded on the record (a grid counts in its community); a higher region is the sum of its communities.',
};
const STATE_NOTE: Bilingual = {
  zh: '状态指标：截至期末（按锚定日）的记录中当前处于该状态的数量。',
  en: 'State figure: records anchored up to the end of the period that are in this state now.',
};
const FLOW_NOTE: Bilingual = { zh: '流量指标：锚定日在期内的数量。', en: 'Flow figure: records whose anchor day is inside the period.' };

const NOTES: CountNotes = { flow: FLOW_NOTE, state: STATE_NOTE, region: RECORDED_REGION_NOTE };

export function countFigure(
  family: string,
  id: string,
  measure: 'flow' | 'state',
  source: string,
  anchor: string,
  label: [string, string],
  what: [string, string],
): FigureDefinition {
  return countDefinition(NOTES, family, id, measure, source, anchor, label, what);
}

export function rateFigure(
  family: string,
  id: string,
  numerator: string,
  denominator: string,
  label: [string, string],
  what: [string, string],
): FigureDefinition {
  return {
    id,
    family,
    kind: 'rate',
    numerator,
    denominator,
    label: { zh: label[0], en: label[1] },
    definition: {
      zh: `${what[0]}（同一区域、同一期间）。分母为0时显示“—”。`,
      en: `${what[1]} (same region and period). Shown as “—” when the denominator is 0.`,
    },
  };
}

/**
 * The community code a record is rolled up in. The rollup engine counts a row in one community and adds
 * communities up level by level, but some service records are held ABOVE a community: a group session
 * spanning communities belongs to their closest common region, a hotline call to its line's (city or
 * county) region, a crisis report may name only a street. Such a record is counted under a reserved code
 * below its region with every missing level filled with 9s (street 420102101000 → 420102101999, county
 * 420102000000 → 420102999999, city 420100000000 → 420199999999), which no real region uses: it then counts
 * in its region and every region above, and in no real child region (the child table shows real children
 * only, so there it is "held at this level"). Community and grid codes are unchanged (a grid counts in its
 * community). SQL twin: rollup_held_region (migration 0670).
 */
export function heldRegion(regionCode: string): string {
  const c = regionCode.slice(0, 12).padEnd(12, '0');
  if (c.slice(9, 12) !== '000') return c;
  if (c.slice(6, 9) !== '000') return `${c.slice(0, 9)}999`;
  if (c.slice(4, 6) !== '00') return `${c.slice(0, 6)}999999`;
  if (c.slice(2, 4) !== '00') return `${c.slice(0, 4)}99999999`;
  if (c.slice(0, 2) !== '00') return `${c.slice(0, 2)}9999999999`;
  return '999999999999';
}

/** The calendar day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar day of an instant (the anchor day of every figure). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
