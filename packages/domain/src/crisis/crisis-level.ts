/** Crisis urgency, most urgent first. */
export const CRISIS_LEVELS = ['imminent', 'high', 'moderate'] as const;
export type CrisisLevel = (typeof CRISIS_LEVELS)[number];

export const CRISIS_SOURCES = ['assessment', 'field_report', 'hotline', 'hospital', 'police', 'followup'] as const;
export type CrisisSource = (typeof CRISIS_SOURCES)[number];

const RANK: Readonly<Record<CrisisLevel, number>> = { imminent: 3, high: 2, moderate: 1 };

export function isCrisisLevel(value: string): value is CrisisLevel {
  return (CRISIS_LEVELS as readonly string[]).includes(value);
}

/** Positive when `a` is more urgent than `b`. */
export function compareLevel(a: CrisisLevel, b: CrisisLevel): number {
  return RANK[a] - RANK[b];
}

/** The more urgent of two levels: a new signal may raise a case's level, never lower it. */
export function higherLevel(a: CrisisLevel, b: CrisisLevel): CrisisLevel {
  return compareLevel(a, b) >= 0 ? a : b;
}
