// The shared scale dataset (bench/scale-dataset.ts): its database, its fixed field-encryption key and the
// deterministic formulas that place person number g (0 … N-1) so that SQL stages can find a person's id,
// community and registration time without reading the persons table. Benches that reuse the dataset
// import scaleEnv() and open the server on it with the same key.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const SCALE_DATABASE = process.env.BENCH_DATABASE ?? 'anxin_bench_scale';
export const SCALE_PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
/** Every bench account (grid_<idx>, doctor_<i>, city_<i>, province_<i>) signs in with this password. */
export const SCALE_PASSWORD = 'bench-password-1';
/** The fixed bench key file (deterministic content, so anyone can rewrite it with writeScaleKeyFile()). */
export const SCALE_KEY_FILE = process.env.BENCH_KEY_FILE ?? join(tmpdir(), 'anxin-bench-scale', 'keys.json');

const fixedKey = (label: string): string => createHash('sha256').update(`anxin-bench-scale:${label}`).digest('base64');

/** Writes the bench key ring (data key k1 + blind-index key, both derived from fixed labels) unless present. */
export function writeScaleKeyFile(path = SCALE_KEY_FILE): string {
  const content = {
    version: 1,
    activeKeyId: 'k1',
    keys: [{ id: 'k1', key: fixedKey('data-k1'), createdAt: '2026-01-01T00:00:00.000Z' }],
    indexKey: fixedKey('blind-index'),
  };
  const text = `${JSON.stringify(content, null, 2)}\n`;
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return path;
}

/** The environment a server (or a bench's openAppContext) needs to run on the scale dataset. */
export function scaleEnv(extra: Record<string, string> = {}): Record<string, string> {
  writeScaleKeyFile();
  return {
    DATABASE_URL: `${SCALE_PG}/${SCALE_DATABASE}`,
    ANXIN_KEY_FILE: SCALE_KEY_FILE,
    ANXIN_DATA_DIR: dirname(SCALE_KEY_FILE),
    ANXIN_ENABLED_PROVINCES: '42',
    LOG_LEVEL: 'silent',
    ANXIN_JOBS: 'off',
    ...extra,
  };
}

// ---- placement of person g (the same arithmetic in JS and in SQL) ----
// h(g) = g · 2654435761 mod 2³² (Knuth's multiplicative hash). 40 % of persons (g mod 5 < 2) live in 武汉
// (bench_comm idx 0 … nWuhan-1, the first communities by code), the others anywhere else in 湖北.

export function personHash(g: number): number {
  return Math.imul(g, 2654435761 | 0) >>> 0;
}
export function communityIdx(g: number, nWuhan: number, nAll: number): number {
  const h = personHash(g);
  return g % 5 < 2 ? h % nWuhan : nWuhan + (h % (nAll - nWuhan));
}
/** SQL of communityIdx for an integer expression `g` (bench_meta holds n_wuhan and n_all). */
export function communityIdxSql(g: string, nWuhan: number, nAll: number): string {
  const h = `((${g})::bigint * 2654435761 % 4294967296)`;
  return `(CASE WHEN (${g}) % 5 < 2 THEN ${h} % ${nWuhan} ELSE ${nWuhan} + ${h} % ${nAll - nWuhan} END)::int`;
}
/** Person g's id: md5('p' || g) read as a uuid. */
export function personId(g: number): string {
  const h = createHash('md5').update(`p${g}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
export const personIdSql = (g: string): string => `md5('p' || (${g}))::uuid`;
/** Minutes before the dataset's reference time at which person g registered (0 … 365 days). */
export function createdMinutesAgo(g: number): number {
  return (g * 7919) % 525_600;
}
export const createdMinutesAgoSql = (g: string): string => `((${g})::bigint * 7919 % 525600)`;
