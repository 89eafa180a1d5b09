import { itemScoreRange, type InstrumentDefinition } from './instrument-definition.ts';

/**
 * A complete set of answers summing to `total`, filling items from the first: handy for exercising
 * severity bands and for generating demo or benchmark data. Throws RangeError outside the total range.
 */
export function answersForTotal(definition: InstrumentDefinition, total: number): number[] {
  const { min, max } = definition.totalRange;
  if (!Number.isInteger(total) || total < min || total > max) throw new RangeError(`${definition.id}: total ${total} is outside ${min}–${max}`);
  let rest = total - min;
  return definition.items.map((_, i) => {
    const range = itemScoreRange(definition, i);
    const add = Math.min(rest, range.max - range.min);
    rest -= add;
    return range.min + add;
  });
}
