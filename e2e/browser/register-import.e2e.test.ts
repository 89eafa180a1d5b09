import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeNationalId } from '@anxin/domain/register/national-id.ts';
import { chromiumAvailable, DESKTOP, PHONE, screenshotPath } from '../support/browser.ts';
import { createBrowserHarness } from '../support/browser-harness.ts';

const RUN = chromiumAvailable();

describe.skipIf(!RUN)('register: a hospital clerk imports a list and sees the report', () => {
  const harness = createBrowserHarness({ allowConsole: /status of 40[013]/, defaultTimeoutMs: 15_000, waitForHome: false });
  const { signedIn } = harness;
  const dir = mkdtempSync(join(tmpdir(), 'anxin-e2e-import-'));
  let file = '';

  async function getJson<T>(page: Page, path: string): Promise<T> {
    const response = await page.request.get(path);
    expect(response.ok()).toBe(true);
    return (await response.json()) as T;
  }

  beforeAll(() => harness.start(), 180_000);

  afterAll(async () => expect(await harness.stop()).toEqual([]), 60_000);

  it('uploads a CSV with good and bad rows on a desktop, then again on a phone', async () => {
    const page = await signedIn('hospital_clerk', DESKTOP);
    // A real 江岸区 community of the demo.
    const streets = (await getJson<{ items: Array<{ code: string }> }>(page, '/api/regions/420102000000/children')).items;
    const communities = (await getJson<{ items: Array<{ code: string }> }>(page, `/api/regions/${streets[0]?.code}/children`)).items;
    const community = communities.find((c) => c.code.length === 12)?.code ?? '';
    expect(community).toMatch(/^\d{12}$/);
    const csv = [
      '姓名,性别,出生日期,身份证号,联系电话,社区代码,人群类别,医院,病案号,入院日期,出院日期,诊断,病情程度,精神科用药',
      `浏览器甲,,,${makeNationalId('420102', '1971-04-05', 401, 'male')},13800001111,${community},治愈患者,武汉市金银潭医院,E2E-1,2020-02-01,2020-02-21,U07.1,普通型,舍曲林|50mg qd|王医生`,
      `浏览器乙,女,1982-08-09,,,${community},患者家属,,,,,,,`,
      `浏览器丙,男,1990-02-30,,,${community},,,,,,,,`,
      `浏览器丁,男,1980-01-01,,,999999999999,,,,,,,,`,
    ].join('\r\n');
    file = join(dir, '出院名单.csv');
    writeFileSync(file, csv);

    await page.goto('/register/import');
    await page.getByTestId('template-link').waitFor();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('error-report-link').waitFor();
    const report = (await page.getByTestId('import-report').textContent()) ?? '';
    expect(report).toMatch(/读取\s*4/);
    expect(report).toMatch(/新增\s*2/);
    expect(report).toMatch(/未导入\s*2/);
    await expect(page.getByTestId('import-progress').textContent()).resolves.toContain('导入完成');
    const errors = await page.request.get((await page.getByTestId('error-report-link').getAttribute('href')) ?? '');
    const text = await errors.text();
    expect(text).toContain('4,birth_date,invalid_date');
    expect(text).toContain('5,community_code,unknown_region');
    await page.locator('.ant-progress-status-success').waitFor();
    await page.waitForTimeout(500); // the bar's fill animation
    await page.screenshot({ path: screenshotPath('register-import-desktop-zh'), fullPage: true });

    const phone = await signedIn('hospital_clerk', PHONE);
    await phone.goto('/register/import');
    await phone.locator('input[type="file"]').setInputFiles(file);
    await phone.getByTestId('error-report-link').waitFor();
    const again = (await phone.getByTestId('import-report').textContent()) ?? '';
    expect(again).toMatch(/新增\s*0/);
    expect(again).toMatch(/无变化\s*2/);
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await phone.locator('.ant-progress-status-success').waitFor();
    await phone.waitForTimeout(500);
    await phone.screenshot({ path: screenshotPath('register-import-phone-zh'), fullPage: true });
  }, 120_000);

  it('refuses a garbage file with a clear message', async () => {
    const page = await signedIn('hospital_clerk', DESKTOP);
    const junk = join(dir, 'junk.csv');
    writeFileSync(junk, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 131 + (i >> 4)) % 256)));
    await page.goto('/register/import');
    await page.locator('input[type="file"]').setInputFiles(junk);
    await page.getByTestId('import-error').waitFor();
    await expect(page.getByTestId('import-error').textContent()).resolves.toContain('二进制');
  }, 60_000);
});
