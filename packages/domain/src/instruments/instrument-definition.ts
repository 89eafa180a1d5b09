/**
 * An instrument (rating scale) as versioned data. The shape maps one-to-one onto a FHIR R4
 * Questionnaire (see fhir-questionnaire.ts), so a definition can be exported to any FHIR tool, and a
 * deployment holding a licence for a proprietary scale can register its own definition at runtime
 * (see instrument-registry.ts) without code changes here.
 */

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Every user-facing string exists in Simplified Chinese and English. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** One answer choice; `score` is the value the instrument's manual assigns to it. */
export interface AnswerOption {
  score: number;
  label: LocalizedText;
  /** LOINC answer code (LA…), when LOINC has one for this choice. */
  loinc?: string;
}

/** Who an item is asked of. Absent means everyone. */
export type ItemApplicability = 'female';

export interface InstrumentItem {
  /** Stable id, unique within the instrument; becomes the FHIR linkId. */
  linkId: string;
  text: LocalizedText;
  /** LOINC question code, when one exists. */
  loinc?: string;
  /** Overrides the instrument's shared answer options for this item only. */
  answerOptions?: readonly AnswerOption[];
  /** An item asked of only some respondents (PHQ-15 item 4: women only). */
  appliesTo?: ItemApplicability;
  /**
   * Skip logic from the manual: the item is not asked when item `linkId` was answered `score`, and a
   * skipped item then scores `impliedScore` (K10 items 3 and 6).
   */
  skipWhen?: { linkId: string; score: number; impliedScore: number };
}

/** A named range of the total score. `max` is inclusive. */
export interface SeverityBand {
  name: string;
  min: number;
  max: number;
  label: LocalizedText;
}

export type LicenceKind = 'public-domain' | 'free-no-permission' | 'proprietary';

export interface InstrumentLicence {
  kind: LicenceKind;
  /** The rights statement as the rights holder words it; becomes FHIR `copyright`. */
  statement: string;
  /** False when the item text may not be redistributed (the definition then carries placeholders). */
  textShipped: boolean;
}

export interface InstrumentSource {
  /** The original publication. */
  citation: string;
  /** Where the scoring rules used here come from. */
  scoring: string;
  /** Where the Chinese wording comes from and how sure we are of it. */
  translation: string;
  url?: string;
}

export interface InstrumentDefinition {
  /** Short machine id, also the CLI name: `phq9`. */
  id: string;
  /** Version of this definition (text + scoring). Stored with every result so old scores stay explainable. */
  version: string;
  /** Display abbreviation: `PHQ-9`. */
  shortName: string;
  title: LocalizedText;
  /** Time frame the respondent is asked about. */
  recallPeriod: LocalizedText;
  /** Instruction shown above the items. */
  instructions: LocalizedText;
  loinc?: { panel?: string; total?: string };
  /** Answer choices shared by every item unless an item overrides them. */
  answerOptions: readonly AnswerOption[];
  items: readonly InstrumentItem[];
  /** Range of the total (plain sum of item scores). */
  totalRange: { min: number; max: number };
  /** Bands listed in order of increasing clinical concern (for WHO-5, a higher total is better). */
  severityBands: readonly SeverityBand[];
  /** Subscale name → 0-based item indices summed into it. */
  subscales?: Readonly<Record<string, readonly number[]>>;
  licence: InstrumentLicence;
  source: InstrumentSource;
}

/** Answers in item order; `null` is an unanswered item. */
export type Answers = readonly (number | null)[];

export type RespondentSex = 'female' | 'male';

export interface ScoreOptions {
  /** A definition version other than the newest registered one. */
  version?: string;
  /**
   * An opt-in set of locally validated cut-offs (cutoff-profiles.ts), e.g. `cn-community`. Never applied
   * by default; the result names the profile when one was applied.
   */
  cutoffProfile?: string;
  /** Lets an item that applies to women only be left blank by a man without making the answers incomplete. */
  sex?: RespondentSex;
  /** PCL-5 total at or above which `provisional_ptsd_cutoff` is set; 33 unless given (published range 31–33). */
  pcl5Cutoff?: number;
}

export interface ScoreResult {
  instrument: string;
  version: string;
  /** Plain sum of item scores; null when an answer is missing (no shipped instrument allows proration). */
  total: number | null;
  severity: string | null;
  complete: boolean;
  /** Flags that hold whatever the missing answers would have been; see docs/instruments.md. */
  flags: string[];
  subscales: Record<string, number | null>;
  /** Scores computed from the total by the manual's formula (WHO-5 percentage). */
  derived?: Record<string, number>;
  /** Set only when a cut-off profile was applied to this instrument. */
  cutoffProfile?: string;
}

/** What a scorer receives: answers already validated, items that do not apply set to 0. */
export interface ScoringInput {
  definition: InstrumentDefinition;
  answers: Answers;
  options: ScoreOptions;
}

/**
 * Computes a result from validated answers. A scorer is a pure function; it may assume every non-null
 * answer is one of the item's answer-option scores and that `answers.length === items.length`.
 */
export type InstrumentScorer = (input: ScoringInput) => ScoreResult;

/** A definition plus its scoring: the unit the registry holds. */
export interface RegisteredInstrument {
  definition: InstrumentDefinition;
  score: InstrumentScorer;
}

/** The answer options that apply to item `index`. */
export function optionsForItem(definition: InstrumentDefinition, index: number): readonly AnswerOption[] {
  return definition.items[index]?.answerOptions ?? definition.answerOptions;
}

/** Lowest and highest score item `index` can take. */
export function itemScoreRange(definition: InstrumentDefinition, index: number): { min: number; max: number } {
  const scores = optionsForItem(definition, index).map((o) => o.score);
  return { min: Math.min(...scores), max: Math.max(...scores) };
}
