import type { InstrumentScorer, ScoreOptions, ScoreResult } from './instrument-definition.ts';
import { certainFlags, subscaleScores, sumOrNull } from './partial-answers.ts';
import { bandFor } from './score-bands.ts';

/** The parts in which instruments scored by a plain sum differ. */
export interface SumScorerSpec {
  /** Flags for a complete set of answers; each must be monotone (see certainFlags). */
  flags?: (answers: readonly number[], options: ScoreOptions) => string[];
  /** Severity for a complete total; defaults to the definition's band. */
  severity?: (total: number, options: ScoreOptions) => string | null;
  /** Extra scores derived from a complete total. */
  derived?: (total: number) => Record<string, number>;
}

/** A scorer whose total is the plain sum, with no proration: one missing answer makes the total null. */
export function sumScorer(spec: SumScorerSpec = {}): InstrumentScorer {
  const flagsOf = spec.flags;
  const severityOf = spec.severity;
  const derivedOf = spec.derived;
  return ({ definition, answers, options }) => {
    const total = sumOrNull(answers);
    let severity: string | null = null;
    if (total !== null) severity = severityOf ? severityOf(total, options) : (bandFor(definition.severityBands, total)?.name ?? null);
    const result: ScoreResult = {
      instrument: definition.id,
      version: definition.version,
      total,
      severity,
      complete: total !== null,
      flags: flagsOf ? certainFlags(definition, answers, (complete) => flagsOf(complete, options)) : [],
      subscales: subscaleScores(definition, answers),
    };
    if (total !== null && derivedOf) result.derived = derivedOf(total);
    return result;
  };
}
