import { describe, expect, it } from 'vitest';
import { staffingCompliance } from './staffing-compliance.ts';

describe('three-specialists staffing compliance', () => {
  const regions = [
    { code: '420100000000', name: '武汉市' },
    { code: '420102000000', name: '江岸区' },
    { code: '420103000000', name: '江汉区' },
    { code: '420102001000', name: '街道一' },
    { code: '420102001001', name: '社区一' },
    { code: '420102001002', name: '社区二' },
    { code: '420000000000', name: '湖北省' },
  ];

  it('lists every required post, empty ones first, and counts holders only at the right level and region', () => {
    const r = staffingCompliance(regions, [
      { post: 'city_team', regionCode: '420100000000' },
      { post: 'county_specialist', regionCode: '420102000000' },
      { post: 'county_specialist', regionCode: '420102000000' },
      // a community worker assigned at street level fills no community post
      { post: 'community_worker', regionCode: '420102001000' },
      { post: 'community_worker', regionCode: '420102001002' },
      // the wrong post in the county does not fill the county specialist post
      { post: 'street_cadre', regionCode: '420103000000' },
    ]);
    expect(r.required).toBe(6); // the province requires none
    expect(r.filled).toBe(3);
    expect(r.rate).toBe(0.5);
    expect(r.posts.filter((p) => !p.filled).map((p) => [p.regionCode, p.post])).toEqual([
      ['420102001000', 'street_cadre'],
      ['420102001001', 'community_worker'],
      ['420103000000', 'county_specialist'],
    ]);
    expect(r.posts.find((p) => p.regionCode === '420102000000')?.holders).toBe(2);
  });

  it('has no rate without required posts', () => {
    expect(staffingCompliance([{ code: '420000000000', name: '湖北省' }], []).rate).toBeNull();
  });
});
