import { beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_BUDGET_BYTES, measureWebBundle } from '../../bench/web-bundle-size.ts';
import type { BundleReport } from '../../bench/web-bundle-size.ts';
import { ensureWebBuild } from '../support/browser-server.ts';

// Needs no browser: it reads the production build the way a browser would fetch it.
describe('web bundle budget', () => {
  let report: BundleReport;

  beforeAll(() => {
    ensureWebBuild();
    report = measureWebBundle();
  }, 180_000);

  it(`keeps the sign-in page within ${LOGIN_BUDGET_BYTES / 1024} KB of gzipped JavaScript`, () => {
    const login = report.routes.find((r) => r.route === 'login');
    expect(login?.jsGzipBytes).toBeGreaterThan(50_000); // a measurement of nothing would pass too easily
    expect(login?.jsGzipBytes).toBeLessThanOrEqual(LOGIN_BUDGET_BYTES);
  });

  it('loads ECharts on neither the sign-in page nor the workbench', () => {
    expect(report.routes.map((r) => r.route)).toEqual(['login', 'home']);
    for (const route of report.routes) expect(route.includesEcharts, route.route).toBe(false);
  });

  it('keeps the signed-in shell out of the sign-in page', () => {
    const login = report.routes.find((r) => r.route === 'login');
    const home = report.routes.find((r) => r.route === 'home');
    const loginFiles = new Set(login?.chunks.map((c) => c.file));
    const shellOnly = home?.chunks.filter((c) => !loginFiles.has(c.file)) ?? [];
    expect(shellOnly.some((c) => c.file.includes('app-shell'))).toBe(true);
    expect([...loginFiles].some((file) => file.includes('app-shell'))).toBe(false);
  });
});
