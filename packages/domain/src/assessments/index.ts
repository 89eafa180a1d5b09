export * from './consent.ts';
export * from './consultation.ts';
export * from './fhir-response.ts';
export * from './consultation-config.ts';
