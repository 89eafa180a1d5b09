import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/error-code.ts';
import { answersForTotal } from './answers-for-total.ts';
import { optionsForItem, type InstrumentDefinition, type ScoreOptions } from './instrument-definition.ts';
import { BUILT_IN_INSTRUMENTS } from './instrument-registry.ts';
import { scoreInstrument } from './score-instrument.ts';

const definitions = BUILT_IN_INSTRUMENTS.map((i) => i.definition);

function validationField(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION') return error.field;
    throw error;
  }
  throw new Error('expected a VALIDATION error');
}

/** Complete answers for a definition, each drawn from the item's own answer scores. */
const completeAnswers = (def: InstrumentDefinition) =>
  fc.tuple(...def.items.map((_, i) => fc.constantFrom(...optionsForItem(def, i).map((o) => o.score))));

/** Answers with some items blank. */
const partialAnswers = (def: InstrumentDefinition) =>
  fc.tuple(...def.items.map((_, i) => fc.option(fc.constantFrom(...optionsForItem(def, i).map((o) => o.score)), { nil: null, freq: 4 })));

describe('scoreInstrument validation', () => {
  it('rejects an unknown instrument or version', () => {
    expect(validationField(() => scoreInstrument('srq20', [0]))).toBe('instrument');
    expect(validationField(() => scoreInstrument('phq9', answersForTotal(definitions[0] as InstrumentDefinition, 0), { version: '9.9.9' }))).toBe(
      'version',
    );
  });

  it.each([
    [8, 'too few'],
    [10, 'too many'],
    [0, 'none'],
  ])('rejects %i answers for PHQ-9 (%s)', (count) => {
    expect(validationField(() => scoreInstrument('phq9', Array<number>(count).fill(0)))).toBe('answers');
  });

  it('rejects something that is not an array', () => {
    expect(validationField(() => scoreInstrument('phq9', 'nine' as unknown as number[]))).toBe('answers');
  });

  it.each([
    [-1, 3],
    [4, 0],
    [1.5, 8],
    [Number.NaN, 2],
    [Number.POSITIVE_INFINITY, 5],
  ])('rejects %s as an answer and names the item', (bad, index) => {
    const answers: (number | null)[] = Array<number>(9).fill(0);
    answers[index] = bad;
    expect(validationField(() => scoreInstrument('phq9', answers))).toBe(`answers[${index}]`);
  });

  it('rejects a string, undefined or boolean answer', () => {
    for (const bad of ['1', undefined, true]) {
      const answers = [0, 0, bad, 0, 0, 0, 0, 0, 0] as unknown as number[];
      expect(validationField(() => scoreInstrument('phq9', answers))).toBe('answers[2]');
    }
  });

  it('rejects unknown options', () => {
    const zeros = Array<number>(9).fill(0);
    expect(validationField(() => scoreInstrument('phq9', zeros, { cutoffProfile: 'us-primary-care' }))).toBe('cutoffProfile');
    expect(validationField(() => scoreInstrument('phq9', zeros, { sex: 'unknown' } as unknown as ScoreOptions))).toBe('sex');
  });

  it('rejects out-of-range answers for every instrument (property)', () => {
    for (const def of definitions) {
      fc.assert(
        fc.property(fc.nat({ max: def.items.length - 1 }), fc.integer({ min: -100, max: 100 }), (index, value) => {
          const allowed = optionsForItem(def, index).map((o) => o.score);
          fc.pre(!allowed.includes(value));
          const answers: number[] = answersForTotal(def, def.totalRange.min);
          answers[index] = value;
          expect(validationField(() => scoreInstrument(def.id, answers))).toBe(`answers[${index}]`);
        }),
        { numRuns: 50 },
      );
    }
  });
});

describe.each(definitions.map((d) => [d.id, d] as const))('%s properties', (id, def) => {
  it('total is the plain sum, within range, with a severity band containing it', () => {
    fc.assert(
      fc.property(completeAnswers(def), (answers) => {
        const result = scoreInstrument(id, answers);
        const sum = answers.reduce((s, a) => s + a, 0);
        expect(result.total).toBe(sum);
        expect(result.complete).toBe(true);
        expect(sum).toBeGreaterThanOrEqual(def.totalRange.min);
        expect(sum).toBeLessThanOrEqual(def.totalRange.max);
        const band = def.severityBands.find((b) => b.name === result.severity);
        expect(band).toBeDefined();
        expect(sum >= (band?.min ?? Infinity) && sum <= (band?.max ?? -Infinity)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('raising one answer never lowers the total or moves to a lower band', () => {
    fc.assert(
      fc.property(completeAnswers(def), fc.nat({ max: def.items.length - 1 }), (answers, index) => {
        const scores = optionsForItem(def, index).map((o) => o.score).sort((a, b) => a - b);
        const next = scores.find((s) => s > (answers[index] ?? 0));
        fc.pre(next !== undefined);
        const raised = [...answers];
        raised[index] = next as number;
        const before = scoreInstrument(id, answers);
        const after = scoreInstrument(id, raised);
        expect(after.total ?? 0).toBeGreaterThan(before.total ?? 0);
        const bandMin = (name: string | null) => def.severityBands.find((b) => b.name === name)?.min ?? -1;
        expect(bandMin(after.severity)).toBeGreaterThanOrEqual(bandMin(before.severity));
      }),
      { numRuns: 200 },
    );
  });

  it('a blank makes the result incomplete unless the manual fills it, and never invents a flag', () => {
    fc.assert(
      fc.property(partialAnswers(def), completeAnswers(def), (partial, filler) => {
        const options: ScoreOptions = id === 'phq9' ? { cutoffProfile: 'cn-community' } : {};
        const result = scoreInstrument(id, partial, options);
        if (result.complete) {
          expect(result.total).not.toBeNull();
        } else {
          expect(result.total).toBeNull();
          expect(result.severity).toBeNull();
        }
        // Every flag on the partial form holds on any completion of it.
        const completed = partial.map((a, i) => a ?? (filler[i] as number));
        const full = scoreInstrument(id, completed, options);
        for (const flag of result.flags) expect(full.flags).toContain(flag);
      }),
      { numRuns: 300 },
    );
  });
});
