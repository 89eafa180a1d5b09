import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.ts';
import { safeNextPath } from './safe-next-path.ts';

describe('safeNextPath', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeNextPath('/register?page=2')).toBe('/register?page=2');
  });
  it('falls back to the workbench for anything that could leave the site or loop', () => {
    for (const next of [null, undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', '/login', '/login?next=/']) {
      expect(safeNextPath(next)).toBe('/');
    }
  });
});

describe('retryDelay', () => {
  it('reports seconds under a minute and whole minutes, rounded up, above', () => {
    expect(retryDelay({ retryAfterSeconds: 42 })).toEqual({ unit: 'seconds', n: 42 });
    expect(retryDelay({ retryAfterSeconds: 60 })).toEqual({ unit: 'minutes', n: 1 });
    expect(retryDelay({ retryAfterSeconds: 61 })).toEqual({ unit: 'minutes', n: 2 });
    expect(retryDelay({ retryAfterSeconds: 900 })).toEqual({ unit: 'minutes', n: 15 });
  });
  it('says nothing when the server gave no usable time', () => {
    expect(retryDelay(undefined)).toBeUndefined();
    expect(retryDelay({})).toBeUndefined();
    expect(retryDelay({ retryAfterSeconds: '300' })).toBeUndefined();
    expect(retryDelay({ retryAfterSeconds: 0 })).toBeUndefined();
  });
});
