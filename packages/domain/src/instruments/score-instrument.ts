import { validationError } from '../errors/error-code.ts';
import type { Answers, InstrumentDefinition, ScoreOptions, ScoreResult } from './instrument-definition.ts';
import { optionsForItem } from './instrument-definition.ts';
import { CUTOFF_PROFILES, findCutoffProfile, type CutoffProfile } from './cutoff-profiles.ts';
import { defaultInstrumentRegistry, type InstrumentRegistry } from './instrument-registry.ts';
import { extremeCompletions } from './partial-answers.ts';

export interface ScoreContext {
  registry?: InstrumentRegistry;
  profiles?: readonly CutoffProfile[];
}

const SEXES: readonly string[] = ['female', 'male'];

function checkOptions(options: ScoreOptions, profiles: readonly CutoffProfile[]): void {
  if (options.sex !== undefined && !SEXES.includes(options.sex)) {
    throw validationError('sex', `sex must be one of ${SEXES.join(', ')}`);
  }
  if (options.pcl5Cutoff !== undefined && !(Number.isInteger(options.pcl5Cutoff) && options.pcl5Cutoff >= 1 && options.pcl5Cutoff <= 80)) {
    throw validationError('pcl5Cutoff', 'pcl5Cutoff must be an integer from 1 to 80 (published values are 31–33)');
  }
  if (options.cutoffProfile !== undefined && !findCutoffProfile(options.cutoffProfile, profiles)) {
    throw validationError('cutoffProfile', `unknown cut-off profile '${options.cutoffProfile}'; known: ${profiles.map((p) => p.id).join(', ')}`);
  }
}

/** Throws VALIDATION naming `answers` or `answers[i]` unless every answer is null or one of its item's scores. */
export function validateAnswers(definition: InstrumentDefinition, answers: unknown): asserts answers is Answers {
  if (!Array.isArray(answers)) throw validationError('answers', 'answers must be an array');
  const expected = definition.items.length;
  if (answers.length !== expected) {
    throw validationError('answers', `${definition.shortName} has ${expected} items; got ${answers.length} answers`);
  }
  for (let i = 0; i < expected; i++) {
    const a: unknown = answers[i];
    if (a === null) continue;
    const allowed = optionsForItem(definition, i).map((o) => o.score);
    if (typeof a !== 'number' || !Number.isInteger(a) || !allowed.includes(a)) {
      throw validationError(
        `answers[${i}]`,
        `${definition.shortName} item ${i + 1} must be one of ${allowed.join(', ')} or blank; got ${typeof a === 'number' ? String(a) : typeof a}`,
      );
    }
  }
}

/**
 * Fills in what the manual itself determines for a blank item: a skipped K10 item 3 or 6 takes its
 * implied score, and an item that does not apply to the respondent (PHQ-15 item 4 for a man) counts 0.
 * Every other blank stays null.
 */
export function resolveBlanks(definition: InstrumentDefinition, answers: Answers, options: ScoreOptions): (number | null)[] {
  const indexOf = new Map(definition.items.map((item, i) => [item.linkId, i]));
  const resolved = [...answers];
  definition.items.forEach((item, i) => {
    if (resolved[i] !== null) return;
    if (item.appliesTo === 'female' && options.sex === 'male') {
      resolved[i] = 0;
      return;
    }
    const skip = item.skipWhen;
    if (skip && resolved[indexOf.get(skip.linkId) ?? -1] === skip.score) resolved[i] = skip.impliedScore;
  });
  return resolved;
}

/** Adds the profile's screening flag when it holds however the blanks are filled in. */
function applyProfile(
  result: ScoreResult,
  definition: InstrumentDefinition,
  answers: Answers,
  profile: CutoffProfile | undefined,
): ScoreResult {
  const entry = profile?.entries.find((e) => e.instrument === definition.id);
  if (!profile || !entry) return result;
  const lowest = extremeCompletions(definition, answers).low.reduce((s, a) => s + a, 0);
  const flags = lowest >= entry.cutoff ? [...result.flags, entry.flag] : result.flags;
  return { ...result, flags, cutoffProfile: profile.id };
}

/**
 * Scores one completed instrument. `answers` are item scores in item order, null for a blank.
 * Throws AppError VALIDATION (field `instrument`, `version`, `answers`, `answers[i]` or the option name)
 * for anything the manual would not accept.
 */
export function scoreInstrument(id: string, answers: Answers, options: ScoreOptions = {}, context: ScoreContext = {}): ScoreResult {
  const registry = context.registry ?? defaultInstrumentRegistry;
  const profiles = context.profiles ?? CUTOFF_PROFILES;
  const { definition, score } = registry.get(id, options.version);
  checkOptions(options, profiles);
  validateAnswers(definition, answers);
  const resolved = resolveBlanks(definition, answers, options);
  const result = score({ definition, answers: resolved, options });
  const profile = options.cutoffProfile === undefined ? undefined : findCutoffProfile(options.cutoffProfile, profiles);
  return applyProfile(result, definition, resolved, profile);
}
