import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, DESKTOP, PHONE, screenshotPath } from '../support/browser.ts';
import { createBrowserHarness } from '../support/browser-harness.ts';

const RUN = chromiumAvailable();

describe.skipIf(!RUN)('dashboards: a county admin drills down, exports a table and submits the monthly report', () => {
  const harness = createBrowserHarness({ allowConsole: /status of 40[013]/, waitForHome: false });
  const { signedIn } = harness;

  /** The number shown on a figure card (thousands separators removed). */
  async function figure(page: Page, id: string): Promise<number> {
    const text = (await page.getByTestId(`figure-${id}`).locator('.ant-statistic-content-value').textContent()) ?? '';
    return Number(text.replace(/[^\d.]/g, ''));
  }

  beforeAll(() => harness.start(), 180_000);

  afterAll(async () => expect(await harness.stop()).toEqual([]), 60_000);

  it('opens the county dashboard, drills into a street and exports the table', async () => {
    const page = await signedIn('county_admin', DESKTOP);
    await page.goto('/dashboards');
    await page.getByTestId('dashboards-overview').waitFor();
    await page.getByTestId('dashboards-children').waitFor();
    await page.getByTestId('dashboards-trend').locator('svg').first().waitFor({ timeout: 10_000 });
    const countyPersons = await figure(page, 'register.persons');
    expect(countyPersons).toBeGreaterThan(0);
    await expect(page.getByTestId('dashboards-breadcrumb').textContent()).resolves.toContain('江岸区');
    // the definition is one hover away
    await page.getByTestId('figure-title-register.verified_rate').first().hover();
    await page.locator('.ant-tooltip').getByText('分子：已核实人数').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshotPath('dashboards-county-desktop'), fullPage: true });

    // drill into the first street that has people
    const drill = page.locator('[data-testid^="drill-"]').first();
    const streetName = (await drill.textContent()) ?? '';
    await drill.click();
    await expect.poll(async () => (await page.getByTestId('dashboards-breadcrumb').textContent()) ?? '').toContain(streetName);
    await page.getByTestId('dashboards-children').locator('tbody tr.ant-table-row').first().waitFor();
    const streetPersons = await figure(page, 'register.persons');
    expect(streetPersons).toBeGreaterThan(0);
    expect(streetPersons).toBeLessThanOrEqual(countyPersons);
    await page.screenshot({ path: screenshotPath('dashboards-street-desktop'), fullPage: true });

    await page.getByTestId('dashboards-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-children').click()]);
    expect(download.suggestedFilename()).toMatch(/^dashboard-\d{12}-children-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    expect(statSync(file).size).toBeGreaterThan(1000);
  }, 90_000);

  it('shows every service family with its figures, definitions and child table', async () => {
    const page = await signedIn('county_admin', DESKTOP);
    await page.goto('/dashboards');
    await page.getByTestId('dashboards-children').waitFor();
    for (const family of ['assessments', 'followup', 'interventions', 'crisis', 'care', 'hotline']) {
      await page.getByTestId(`family-${family}`).click();
      await expect.poll(() => page.url()).toContain(`family=${family}`);
      // the first headline card of the family, with a number or "—" (a rate without a denominator)
      const card = page.locator(`[data-testid^="figure-${family}."]`).first();
      await card.locator('.ant-statistic-content-value').waitFor();
      expect(await card.locator('.ant-statistic-content-value').textContent()).toMatch(/^[\d,.%—]+$/);
      // the child table's columns are this family's figures (with their definitions as tooltips)
      await page.getByTestId('dashboards-children').locator(`[data-testid^="figure-title-${family}."], [data-testid^="figure-title-consultations."]`).first().waitFor();
      if (family === 'followup' || family === 'crisis') await page.screenshot({ path: screenshotPath(`dashboards-${family}-desktop`), fullPage: true });
    }
    // the address keeps the family: a reload shows the same tab
    await page.goto('/dashboards?family=crisis');
    await page.getByTestId('figure-crisis.open').waitFor();
    expect(await figure(page, 'crisis.open')).toBeGreaterThanOrEqual(0);
  }, 90_000);

  it('is readable on a phone', async () => {
    const page = await signedIn('county_admin', PHONE);
    await page.goto('/dashboards');
    await page.getByTestId('dashboards-children').waitFor();
    await page.getByTestId('dashboards-trend').locator('svg').first().waitFor();
    // nothing wider than the screen except inside the scrollable table
    const overflow = (await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: screenshotPath('dashboards-county-phone'), fullPage: true });
    await page.getByTestId('family-followup').click();
    await page.getByTestId('figure-followup.due').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(1);
    await page.screenshot({ path: screenshotPath('dashboards-followup-phone'), fullPage: true });
    await page.goto('/dashboards/population');
    await page.getByTestId('population-page').locator('.ant-table').waitFor();
    await page.screenshot({ path: screenshotPath('dashboards-population-phone'), fullPage: true });
    await page.goto('/dashboards/staffing');
    await page.getByTestId('staffing-page').locator('.ant-table-row').first().waitFor();
    await page.screenshot({ path: screenshotPath('dashboards-staffing-phone'), fullPage: true });
  }, 60_000);

  it('writes and submits the monthly report, which the city then accepts', async () => {
    const page = await signedIn('county_admin', DESKTOP);
    await page.goto('/dashboards/reports');
    await page.getByTestId('report-open').click();
    await page.waitForURL((url) => /\/dashboards\/reports\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('report-experience').fill('一、建立街道心理专干周例会制度。\n二、对治愈出院患者逐户回访，发现需求及时转介。');
    await page.getByTestId('report-submit').click();
    await expect.poll(async () => page.getByTestId('report-status').first().textContent()).toBe('已报送');
    await page.getByTestId('report-experience-text').waitFor();
    await page.screenshot({ path: screenshotPath('dashboards-report-submitted-desktop'), fullPage: true });
    const reportPath = new URL(page.url()).pathname;

    const city = await signedIn('health_admin', PHONE);
    await city.goto(reportPath);
    await city.getByTestId('report-accept').click();
    await expect.poll(async () => city.getByTestId('report-status').first().textContent()).toBe('已采纳');
    await city.screenshot({ path: screenshotPath('dashboards-report-accepted-phone'), fullPage: true });
    // accepted = locked: nothing left to edit or submit
    expect(await city.getByTestId('report-submit').count()).toBe(0);
    const [pdf] = await Promise.all([city.waitForEvent('download'), city.getByTestId('report-pdf').click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  }, 90_000);
});
