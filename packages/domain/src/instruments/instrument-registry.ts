import { AppError, ErrorCode, validationError } from '../errors/error-code.ts';
import type { InstrumentDefinition, RegisteredInstrument } from './instrument-definition.ts';
import { itemScoreRange, optionsForItem } from './instrument-definition.ts';
import { GAD7 } from './gad7.ts';
import { K10 } from './k10.ts';
import { K6 } from './k6.ts';
import { PCL5 } from './pcl5.ts';
import { PHQ15 } from './phq15.ts';
import { PHQ9 } from './phq9.ts';
import { WHO5 } from './who5.ts';

/** The instruments shipped with full text, in the order `anxin instruments` lists them. */
export const BUILT_IN_INSTRUMENTS: readonly RegisteredInstrument[] = [PHQ9, GAD7, PHQ15, PCL5, K10, K6, WHO5];

/** Numeric-aware version order: 1.10.0 after 1.9.0. */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Rejects a definition the scorer and the FHIR export could not rely on. */
export function checkDefinition(def: InstrumentDefinition): void {
  const bad = (field: string, message: string): never => {
    throw validationError(`definition.${field}`, `${def.id || 'instrument'}: ${message}`);
  };
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(def.id)) bad('id', 'id must be lower-case letters, digits or dashes');
  if (!/^[A-Za-z0-9.-]{1,32}$/.test(def.version)) bad('version', 'version must be letters, digits, dots or dashes');
  if (def.items.length === 0) bad('items', 'an instrument needs at least one item');
  if (def.answerOptions.length === 0) bad('answerOptions', 'an instrument needs answer options');
  const linkIds = new Set<string>();
  def.items.forEach((item, i) => {
    if (!item.linkId || linkIds.has(item.linkId)) bad(`items[${i}].linkId`, `linkId '${item.linkId}' is empty or repeated`);
    linkIds.add(item.linkId);
    const scores = optionsForItem(def, i).map((o) => o.score);
    if (scores.length === 0 || scores.some((s) => !Number.isInteger(s)) || new Set(scores).size !== scores.length) {
      bad(`items[${i}].answerOptions`, 'answer scores must be distinct integers');
    }
    if (item.skipWhen && !def.items.slice(0, i).some((prev) => prev.linkId === item.skipWhen?.linkId)) {
      bad(`items[${i}].skipWhen`, 'skipWhen must name an earlier item');
    }
  });
  const min = def.items.reduce((s, _, i) => s + itemScoreRange(def, i).min, 0);
  const max = def.items.reduce((s, _, i) => s + itemScoreRange(def, i).max, 0);
  if (def.totalRange.min !== min || def.totalRange.max !== max) {
    bad('totalRange', `totalRange must be ${min}–${max}, the sum of the item ranges`);
  }
  for (const [name, indices] of Object.entries(def.subscales ?? {})) {
    if (indices.some((i) => !Number.isInteger(i) || i < 0 || i >= def.items.length)) bad(`subscales.${name}`, 'subscale item index out of range');
  }
}

/**
 * Instruments by id and version. A deployment licensed for ISI, PSQI, SCL-90 or C-SSRS registers its
 * own definition and scorer here at start-up; nothing else in the system needs to change.
 */
export class InstrumentRegistry {
  private readonly byId = new Map<string, RegisteredInstrument[]>();

  constructor(instruments: readonly RegisteredInstrument[] = []) {
    for (const instrument of instruments) this.register(instrument);
  }

  /** Adds a definition version; registering the same id and version twice is a conflict. */
  register(instrument: RegisteredInstrument): void {
    checkDefinition(instrument.definition);
    const { id, version } = instrument.definition;
    const versions = this.byId.get(id) ?? [];
    if (versions.some((v) => v.definition.version === version)) {
      throw new AppError(ErrorCode.ALREADY_EXISTS, `instrument ${id} version ${version} is already registered`, { field: 'version' });
    }
    versions.push(instrument);
    versions.sort((a, b) => compareVersions(a.definition.version, b.definition.version));
    this.byId.set(id, versions);
  }

  /** The given version, or the newest when no version is given; undefined when unknown. */
  find(id: string, version?: string): RegisteredInstrument | undefined {
    const versions = this.byId.get(id);
    if (!versions) return undefined;
    return version === undefined ? versions.at(-1) : versions.find((v) => v.definition.version === version);
  }

  /** Like find, but an unknown id or version is a VALIDATION error naming `instrument` or `version`. */
  get(id: string, version?: string): RegisteredInstrument {
    if (!this.byId.has(id)) {
      throw validationError('instrument', `unknown instrument '${id}'; known: ${[...this.byId.keys()].join(', ')}`);
    }
    const found = this.find(id, version);
    if (!found) throw validationError('version', `instrument '${id}' has no version '${version ?? ''}'`);
    return found;
  }

  /** The newest version of every instrument, in registration order of their ids. */
  list(): RegisteredInstrument[] {
    return [...this.byId.values()].map((versions) => versions.at(-1)).filter((v): v is RegisteredInstrument => v !== undefined);
  }
}

export function createInstrumentRegistry(instruments: readonly RegisteredInstrument[] = BUILT_IN_INSTRUMENTS): InstrumentRegistry {
  return new InstrumentRegistry(instruments);
}

/** The process-wide registry the functions below use; holds the built-ins until a deployment adds more. */
export const defaultInstrumentRegistry = createInstrumentRegistry();

export function registerInstrument(instrument: RegisteredInstrument): void {
  defaultInstrumentRegistry.register(instrument);
}

export function getInstrument(id: string, version?: string): RegisteredInstrument {
  return defaultInstrumentRegistry.get(id, version);
}

export function listInstruments(): RegisteredInstrument[] {
  return defaultInstrumentRegistry.list();
}
