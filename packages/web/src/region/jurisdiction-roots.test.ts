import { describe, expect, it } from 'vitest';
import { isPathWithinRoots, jurisdictionRoots } from './jurisdiction-roots.ts';

const WUHAN = { regionCode: '420100000000', regionName: '武汉市' };
const JIANGAN = { regionCode: '420102000000', regionName: '江岸区' };
const HUBEI = { regionCode: '420000000000', regionName: '湖北省' };
const CHANGSHA = { regionCode: '430100000000', regionName: '长沙市' };

describe('jurisdictionRoots', () => {
  it('keeps one root per distinct scope', () => {
    expect(jurisdictionRoots([WUHAN, WUHAN])).toEqual([{ code: '420100000000', name: '武汉市' }]);
  });

  it('drops scopes inside another scope, whichever order they come in', () => {
    expect(jurisdictionRoots([JIANGAN, WUHAN]).map((r) => r.code)).toEqual(['420100000000']);
    expect(jurisdictionRoots([HUBEI, JIANGAN, WUHAN]).map((r) => r.code)).toEqual(['420000000000']);
  });

  it('keeps unrelated scopes side by side', () => {
    expect(jurisdictionRoots([JIANGAN, CHANGSHA]).map((r) => r.name)).toEqual(['江岸区', '长沙市']);
  });

  it('ignores malformed codes and handles no roles', () => {
    expect(jurisdictionRoots([{ regionCode: 'x', regionName: '?' }, CHANGSHA]).map((r) => r.code)).toEqual([
      '430100000000',
    ]);
    expect(jurisdictionRoots([])).toEqual([]);
  });
});

describe('isPathWithinRoots', () => {
  const roots = [{ code: '420100000000', name: '武汉市' }];
  it('accepts a path that descends from a root', () => {
    expect(isPathWithinRoots([roots[0]!, { code: '420102000000', name: '江岸区' }], roots)).toBe(true);
  });
  it('rejects paths that start elsewhere, skip sideways or are empty', () => {
    expect(isPathWithinRoots([{ code: '430100000000', name: '长沙市' }], roots)).toBe(false);
    expect(isPathWithinRoots([roots[0]!, { code: '430102000000', name: '芙蓉区' }], roots)).toBe(false);
    expect(isPathWithinRoots([], roots)).toBe(false);
  });
});
