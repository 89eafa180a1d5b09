import type { RegionLevel } from '@anxin/domain';
import type { ApiClient } from './client.ts';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface RegionChild {
  code: string;
  name: string;
  level: RegionLevel;
  hasChildren: boolean;
}

interface Items<T> {
  items: T[];
}

export function fetchRegion(client: ApiClient, code: string): Promise<Region> {
  return client.get<Region>(`/api/regions/${encodeURIComponent(code)}`);
}

export async function fetchRegionChildren(client: ApiClient, code: string): Promise<RegionChild[]> {
  const body = await client.get<Items<RegionChild>>(`/api/regions/${encodeURIComponent(code)}/children`);
  return body.items;
}

/** Ancestors from the top down, excluding the region itself. */
export async function fetchRegionAncestors(client: ApiClient, code: string): Promise<Region[]> {
  const body = await client.get<Items<Region>>(`/api/regions/${encodeURIComponent(code)}/ancestors`);
  return body.items;
}

export async function searchRegions(client: ApiClient, q: string, under: string): Promise<RegionChild[]> {
  const body = await client.get<Items<RegionChild>>('/api/regions', { query: { q, under } });
  return body.items;
}
