/**
 * De-identification for evaluation exports (third-party evaluation, seed 000 III.(4)). A released row
 * carries no name, national ID, phone or address; ages are 10-year bands (90+ top-coded), regions are
 * cut to the county, dates are shifted per person by a secret offset of up to ±15 days (intervals within
 * a person stay true). The quasi-identifiers (sex, age band, county, category set) must make every row
 * indistinguishable from at least k−1 others (k-anonymity, Sweeney 2002); the default k is 5.
 */
import { countyOf } from '../regions/region-code.ts';

export const DEFAULT_K = 5;
export const MAX_DATE_SHIFT_DAYS = 15;

/** 10-year age band at a reference day: '0-9', '10-19', …, '80-89', '90+'. */
export function ageBand(birthDate: string, on: string): string {
  let age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) age--;
  if (age < 0) age = 0;
  if (age >= 90) return '90+';
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}`;
}

/** The county code of a residence (a record above county level keeps its own code). */
export function generalizeRegion(regionCode: string): string {
  return countyOf(regionCode.slice(0, 12)) ?? regionCode.slice(0, 12);
}

/** A day moved by `days` (positive or negative). */
export function shiftDate(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Maps an unsigned 32-bit number (e.g. from an HMAC of the person's id) to a shift in [−15, 15] days. */
export function dateShiftFrom(random32: number): number {
  return (random32 % (2 * MAX_DATE_SHIFT_DAYS + 1)) - MAX_DATE_SHIFT_DAYS;
}

export interface KAnonymityResult {
  k: number;
  ok: boolean;
  /** Size of the smallest equivalence class (0 for an empty dataset). */
  smallestClass: number;
  classes: number;
  /** Equivalence classes smaller than k. */
  failingClasses: number;
  /** Rows in those classes. */
  failingRows: number;
}

/** Checks k-anonymity of rows over the named quasi-identifier columns. An empty dataset passes. */
export function checkKAnonymity<T extends object>(rows: readonly T[], quasiIdentifiers: readonly (keyof T)[], k = DEFAULT_K): KAnonymityResult {
  if (!Number.isInteger(k) || k < 2) throw new Error('k must be an integer ≥ 2');
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(quasiIdentifiers.map((q) => row[q] ?? null));
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  let smallest = Infinity;
  let failingClasses = 0;
  let failingRows = 0;
  for (const n of sizes.values()) {
    smallest = Math.min(smallest, n);
    if (n < k) {
      failingClasses++;
      failingRows += n;
    }
  }
  return {
    k,
    ok: failingClasses === 0,
    smallestClass: sizes.size === 0 ? 0 : smallest,
    classes: sizes.size,
    failingClasses,
    failingRows,
  };
}
