import type { InstrumentDefinition, SeverityBand } from './instrument-definition.ts';

/** The band containing `total`, or null when no band covers it. */
export function bandFor(bands: readonly SeverityBand[], total: number): SeverityBand | null {
  return bands.find((b) => total >= b.min && total <= b.max) ?? null;
}

/**
 * Position of a severity name in the definition's order of increasing concern (0 = least), or -1 when
 * the instrument has no such band. Lets rules say "moderate or worse" without knowing the direction of
 * the scale (WHO-5 runs the other way).
 */
export function severityRank(definition: InstrumentDefinition, severity: string): number {
  return definition.severityBands.findIndex((b) => b.name === severity);
}
