import { itemScoreRange, type Answers, type InstrumentDefinition } from './instrument-definition.ts';

/** Plain sum of the answers, or null when any is missing. */
export function sumOrNull(answers: Answers): number | null {
  let total = 0;
  for (const a of answers) {
    if (a === null) return null;
    total += a;
  }
  return total;
}

/**
 * The two extreme ways the missing answers could have been filled in: every missing item at its lowest
 * score, and every missing item at its highest.
 */
export function extremeCompletions(definition: InstrumentDefinition, answers: Answers): { low: number[]; high: number[] } {
  const low = answers.map((a, i) => a ?? itemScoreRange(definition, i).min);
  const high = answers.map((a, i) => a ?? itemScoreRange(definition, i).max);
  return { low, high };
}

/**
 * Flags that hold however the missing answers are filled in. `flagsOf` must describe each flag by a
 * condition that is monotone in every item, or an intersection of such conditions (e.g. "core symptom
 * present and 2–4 symptoms"); then holding at both extreme completions means holding at every completion.
 * A risk item answered positively is therefore never hidden by a blank elsewhere.
 */
export function certainFlags(
  definition: InstrumentDefinition,
  answers: Answers,
  flagsOf: (complete: readonly number[]) => string[],
): string[] {
  const { low, high } = extremeCompletions(definition, answers);
  const atLow = flagsOf(low);
  if (answers.every((a) => a !== null)) return atLow;
  const atHigh = new Set(flagsOf(high));
  return atLow.filter((f) => atHigh.has(f));
}

/** Each subscale's sum, or null for a subscale with a missing item. */
export function subscaleScores(definition: InstrumentDefinition, answers: Answers): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, indices] of Object.entries(definition.subscales ?? {})) {
    out[name] = sumOrNull(indices.map((i) => answers[i] ?? null));
  }
  return out;
}
