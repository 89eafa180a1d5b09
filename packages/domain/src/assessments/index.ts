export * from './consent.ts';
export * from './consultation.ts';
