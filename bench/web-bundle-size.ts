/**
 * How many gzipped bytes of JavaScript each route of the web app makes the browser fetch.
 *
 * Run after `npm run build -w @anxin/web`:  npx tsx bench/web-bundle-size.ts [distDir]
 *
 * A route needs what index.html loads (the entry script and its modulepreloads), plus the chunks of
 * the lazily imported modules that render it, each followed through its static imports in the Vite
 * manifest. Dynamic imports are not followed: they load only when something asks for them. Prints
 * JSON; exits non-zero if the sign-in route exceeds its budget or any route pulls in ECharts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/**
 * Source modules (manifest keys) whose lazy chunks render each route, besides the entry. The
 * default (Chinese) catalogue is loaded before the first render, so every route needs it.
 */
const ROUTES: Record<string, readonly string[]> = {
  login: ['src/i18n/zh-CN.json', 'src/pages/login-page.tsx'],
  home: ['src/i18n/zh-CN.json', 'src/layout/app-shell.tsx', 'src/pages/home-page.tsx'],
};

export const LOGIN_BUDGET_BYTES = 200 * 1024;
export const DEFAULT_DIST = fileURLToPath(new URL('../packages/web/dist', import.meta.url));

const ECHARTS = /echarts|zrender/i;

export interface ChunkSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface RouteSize {
  route: string;
  jsGzipBytes: number;
  jsRawBytes: number;
  cssGzipBytes: number;
  chunkCount: number;
  includesEcharts: boolean;
  chunks: ChunkSize[];
}

export interface BundleReport {
  dist: string;
  gzipLevel: number;
  loginBudgetBytes: number;
  loginWithinBudget: boolean;
  routes: RouteSize[];
}

/** Measures every route in ROUTES against a built dist/ directory. */
export function measureWebBundle(distDir: string = DEFAULT_DIST): BundleReport {
  const dist = resolve(distDir);
  const manifestPath = join(dist, '.vite/manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`no Vite manifest at ${manifestPath}: run \`npm run build -w @anxin/web\` first`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const html = readFileSync(join(dist, 'index.html'), 'utf8');

  const sizeCache = new Map<string, { raw: number; gzip: number }>();
  const sizes = (file: string): { raw: number; gzip: number } => {
    let cached = sizeCache.get(file);
    if (!cached) {
      const bytes = readFileSync(join(dist, file));
      cached = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      sizeCache.set(file, cached);
    }
    return cached;
  };

  const strip = (href: string): string => href.replace(/^\//, '');
  // What index.html itself loads: module scripts and modulepreloads (JS), stylesheets (CSS).
  const htmlJs = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => strip(m[1] ?? '')),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => strip(m[1] ?? '')),
  ];
  const htmlCss = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => strip(m[1] ?? ''));

  const keyByFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
  const entryKeys = htmlJs.map((file) => keyByFile.get(file)).filter((k): k is string => k !== undefined);
  if (entryKeys.length === 0) throw new Error('index.html loads no chunk listed in the manifest');

  /** Adds the chunks of `keys` and, transitively, of their static imports. */
  const collect = (keys: Iterable<string>, js: Set<string>, css: Set<string>): void => {
    const queue = [...keys];
    const seen = new Set<string>();
    for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
      if (seen.has(key)) continue;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) throw new Error(`manifest has no entry ${key}`);
      js.add(chunk.file);
      for (const file of chunk.css ?? []) css.add(file);
      queue.push(...(chunk.imports ?? []));
    }
  };

  const routeSize = (route: string, modules: readonly string[]): RouteSize => {
    for (const module of modules) {
      if (!manifest[module]) throw new Error(`route ${route}: ${module} is not a chunk in the manifest`);
    }
    const js = new Set<string>();
    const css = new Set<string>(htmlCss);
    collect([...entryKeys, ...modules], js, css);
    const files = [...js].sort();
    const includesEcharts = files.some((file) => {
      const key = keyByFile.get(file) ?? '';
      return ECHARTS.test(file) || ECHARTS.test(key) || ECHARTS.test(manifest[key]?.name ?? '');
    });
    const sum = (list: Iterable<string>, field: 'raw' | 'gzip'): number =>
      [...list].reduce((total, file) => total + sizes(file)[field], 0);
    return {
      route,
      jsGzipBytes: sum(files, 'gzip'),
      jsRawBytes: sum(files, 'raw'),
      cssGzipBytes: sum(css, 'gzip'),
      chunkCount: files.length,
      includesEcharts,
      chunks: files.map((file) => ({ file, ...sizes(file) })),
    };
  };

  const routes = Object.entries(ROUTES).map(([route, modules]) => routeSize(route, modules));
  const login = routes.find((r) => r.route === 'login');
  return {
    dist,
    gzipLevel: 9,
    loginBudgetBytes: LOGIN_BUDGET_BYTES,
    loginWithinBudget: login !== undefined && login.jsGzipBytes <= LOGIN_BUDGET_BYTES,
    routes,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const report = measureWebBundle(process.argv[2] ?? DEFAULT_DIST);
    console.log(JSON.stringify(report, null, 2));
    if (!report.loginWithinBudget || report.routes.some((r) => r.includesEcharts)) process.exitCode = 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
