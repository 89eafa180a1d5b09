// iso-date.ts and half-width.ts stay out of the barrel: their generic names (IsoDate, addDays…)
// would clash with other modules' exports; import them by path.
export * from './sex.ts';
export * from './field-error.ts';
export * from './phone.ts';
export * from './national-id.ts';
export * from './person.ts';
export * from './population-category.ts';
export * from './verification.ts';
export * from './primary-care-routing.ts';
export * from './hospital-episode.ts';
export * from './family-doctor-contract.ts';
export * from './duplicate-candidates.ts';
export * from './import-row.ts';
