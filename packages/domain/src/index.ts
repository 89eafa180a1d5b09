export * from './errors/error-code.ts';
export * from './errors/http-status.ts';
export * from './auth/roles.ts';
export * from './auth/actions.ts';
export * from './auth/policy.ts';
export * from './regions/region-code.ts';
export * from './privacy/masking.ts';
export * from './instruments/index.ts';
