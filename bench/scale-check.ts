// Smoke check of the shared scale dataset (bench/scale-dataset.ts) through the real server: sign in as the
// bench accounts, search a person by national ID (blind index, decryption) and by name prefix, list a grid
// worker's, a county's and the city's follow-ups, read the dashboard summary. BENCH_REBUILD=1 first rebuilds
// the rollups from the base tables (the load leaves them empty; minutes at 10M).
// Usage: node --import tsx bench/scale-check.ts   (BENCH_DATABASE=anxin_bench_scale)
import { performance } from 'node:perf_hooks';
import { loadConfig, openAppContext } from '@anxin/server';
import { buildApp } from '@anxin/server/http/app.ts';
import { rebuildRollups } from '@anxin/server/modules/dashboards/rebuild-rollups.ts';
import { PERSON_CONTEXT } from '@anxin/server/modules/persons/person-crypto.ts';
import { TestSession } from '@anxin/server/testing/http-session.ts';
import { SCALE_PASSWORD, scaleEnv } from './scale-common.ts';

const ctx = await openAppContext(loadConfig(scaleEnv({ ANXIN_ENABLED_PROVINCES: 'none' })));
if (process.env.BENCH_REBUILD === '1') {
  const t0 = performance.now();
  const r = await rebuildRollups(ctx);
  console.log(JSON.stringify({ step: 'rebuild', rows: r.totalRows, seconds: Math.round((performance.now() - t0) / 1000), timings: r.timings }));
}
const [p] = await ctx.db.query<{ name: string; national_id_enc: string }>(
  `SELECT name, national_id_enc FROM persons WHERE national_id_enc IS NOT NULL AND region_code LIKE '4201%' LIMIT 1`,
);
if (!p) throw new Error('no persons');
const nationalId = ctx.cipher.decrypt(p.national_id_enc, PERSON_CONTEXT.nationalId);
const [county] = await ctx.db.query<{ code: string }>(`SELECT code FROM regions WHERE parent_code = '420100000000' AND level = 'county' ORDER BY code LIMIT 1`);
const app = await buildApp(ctx, { logger: false });
await app.ready();
const year = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
const today = new Date().toISOString().slice(0, 10);
const checks: Array<[string, string[]]> = [
  ['grid_0', ['/api/followup/tasks?scope=mine&when=today&limit=20', '/api/followup/tasks?scope=mine&when=week&limit=20', '/api/followup/tasks?scope=mine&when=overdue&limit=20']],
  ['doctor_0', [`/api/followup/tasks?scope=region&region=${county?.code ?? ''}&when=overdue&limit=20`]],
  ['city_0', ['/api/followup/tasks?scope=region&region=420100000000&when=overdue&limit=20']],
  ['province_0', [`/api/persons?nationalId=${nationalId}&limit=20`, `/api/persons?q=${encodeURIComponent(p.name.slice(0, 2))}&limit=20`, `/api/dashboards/summary?region=420000000000&from=${year}&to=${today}`]],
];
let failed = 0;
for (const [user, paths] of checks) {
  const s = new TestSession(app);
  if ((await s.login(user, SCALE_PASSWORD)).statusCode !== 200) throw new Error(`login ${user} failed`);
  for (const path of paths) {
    const t0 = performance.now();
    const res = await s.request('GET', path);
    const ms = Math.round(performance.now() - t0);
    const body = res.json() as { items?: unknown[]; values?: Record<string, number> };
    if (res.statusCode !== 200) failed++;
    const shown = body.items ? { items: body.items.length } : body.values ? { persons: body.values['register.persons'], assessments: body.values['assessments.completed'] } : body;
    console.log(JSON.stringify({ user, path: path.replace(nationalId, '<id>'), status: res.statusCode, ms, ...shown }));
  }
}
await app.close();
await ctx.db.close();
process.exit(failed > 0 ? 1 : 0);
