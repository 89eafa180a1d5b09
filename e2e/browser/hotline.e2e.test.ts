import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { main } from '../../packages/cli/src/main.ts';
import { chromiumAvailable, DESKTOP, PHONE, screenshotPath } from '../support/browser.ts';
import { createBrowserHarness } from '../support/browser-harness.ts';

const RUN = chromiumAvailable();

describe.skipIf(!RUN)('hotline in Chromium', () => {
  const harness = createBrowserHarness({ allowConsole: /status of 401/ });
  const { signedIn } = harness;

  const simulate = async (minutes: string, seed: string): Promise<string> => {
    let out = '';
    let err = '';
    const code = await main(
      ['hotline', 'simulate', '--line', '12356', '--calls-per-hour', '600', '--minutes', minutes, '--url', harness.server.url, '--speed', '0', '--seed', seed],
      { out: (t) => (out += t), err: (t) => (err += t), env: {}, isTty: false },
    );
    expect({ code, err }).toEqual({ code: 0, err: '' });
    return out;
  };

  const offered = async (page: Page): Promise<number> =>
    Number((await page.getByTestId('wallboard-line-12356').getByTestId('wb-offered').locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''));

  beforeAll(() => harness.start(), 180_000);

  afterAll(async () => expect(await harness.stop()).toEqual([]), 60_000);

  it('the wallboard moves while the simulator runs', async () => {
    const supervisor = await signedIn('hotline_supervisor');
    await supervisor.goto('/hotline/wallboard');
    await supervisor.getByTestId('wallboard-line-12356').waitFor();
    const before = await offered(supervisor);
    expect(before).toBeGreaterThan(0); // the demo's calls earlier today
    await supervisor.screenshot({ path: screenshotPath('hotline-wallboard-before-desktop-zh'), fullPage: true });
    const summary = await simulate('6', '101');
    expect(summary).toMatch(/0 rejected/);
    await expect.poll(() => offered(supervisor), { timeout: 15_000 }).toBeGreaterThan(before);
    await supervisor.screenshot({ path: screenshotPath('hotline-wallboard-after-desktop-zh'), fullPage: true });

    const phone = await signedIn('hotline_supervisor', PHONE);
    await phone.goto('/hotline/wallboard');
    await phone.getByTestId('wallboard-line-12356').waitFor();
    await phone.screenshot({ path: screenshotPath('hotline-wallboard-phone-zh'), fullPage: true });
  }, 120_000);

  it('a counselor takes a simulated call and files its record with the keyboard only', async () => {
    const page = await signedIn('hotline_counselor');
    await page.goto('/hotline/calls');
    await simulate('3', '202');
    await page.getByTestId('hotline-draft-link').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath('hotline-calls-list-desktop-zh'), fullPage: true });

    // From here on: keyboard only.
    await page.keyboard.press('Alt+1');
    await page.waitForURL(/\/hotline\/calls\/[0-9a-f-]{36}$/);
    const callId = page.url().split('/').pop() ?? '';
    await page.getByTestId('rec-anonymous').waitFor();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid'))).toBe('rec-anonymous');
    const key = (k: string, n = 1) => (async () => { for (let i = 0; i < n; i++) await page.keyboard.press(k); })();
    await key('Tab'); // caller group
    await key('ArrowDown'); // 普通公众
    await key('Tab'); // age band
    await key('ArrowDown', 4); // 25–34
    await key('Tab'); // sex
    await key('ArrowDown', 2); // 女
    await key('Tab'); // + add a problem category
    await key('Enter'); // a row with 情绪问题 appears above
    await key('Shift+Tab', 2); // its subcategory
    await key('ArrowDown'); // 焦虑
    await key('Tab', 3); // remove, add, thoughts
    await key('ArrowDown'); // passive thoughts
    await key('Tab', 5); // timeframe, plan, means, harm, first disposition (support)
    await key('Space');
    await key('Tab', 5); // information, referral, 110/120, callback, consent
    await key('Tab'); // notes
    await page.keyboard.type('来电者因工作压力焦虑失眠，给予情绪支持与放松训练指导。');
    await page.screenshot({ path: screenshotPath('hotline-record-desktop-zh'), fullPage: true });
    await key('Control+Enter');
    await page.getByTestId('rec-state').getByText('已归档').waitFor({ timeout: 10_000 });

    const res = await page.request.get(`/api/hotline/calls/${callId}`);
    const call = (await res.json()) as { record: Record<string, unknown> };
    expect(call.record).toMatchObject({
      status: 'filed',
      callerGroup: 'general_public',
      ageBand: '25_34',
      sex: 'female',
      problems: [{ category: 'emotion', subcategory: 'anxiety' }],
      risk: { thoughts: 'passive', plan: false, means: false, timeframe: 'none' },
      riskLevel: 'low',
      dispositions: ['support'],
      notes: '来电者因工作压力焦虑失眠，给予情绪支持与放松训练指导。',
    });
    await page.screenshot({ path: screenshotPath('hotline-record-filed-desktop-zh'), fullPage: true });
  }, 120_000);

  it('a draft survives a reload, and the roster, planner and alerts render on a phone', async () => {
    await simulate('2', '303');
    const page = await signedIn('hotline_counselor', PHONE);
    await page.goto('/hotline/calls');
    await page.getByTestId('hotline-draft-link').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('hotline-draft-link').first().click();
    await page.getByTestId('rec-notes').fill('刷新前写下的内容');
    await page.reload();
    await page.getByTestId('rec-notes').waitFor();
    await expect.poll(() => page.getByTestId('rec-notes').inputValue()).toBe('刷新前写下的内容');
    await page.screenshot({ path: screenshotPath('hotline-record-phone-zh'), fullPage: true });

    const sup = await signedIn('hotline_supervisor', PHONE);
    await sup.goto('/hotline/roster');
    await sup.getByTestId('roster-gaps').getByText('在岗 1 人').waitFor();
    await sup.screenshot({ path: screenshotPath('hotline-roster-phone-zh'), fullPage: true });
    // The supervisor closes the gap with one more shift; the coverage check then has nothing to report.
    const gapText = (await sup.getByTestId('roster-gaps').textContent()) ?? '';
    const sunday = /(\d{4}-\d{2}-\d{2}) 0:00–8:00/.exec(gapText)?.[1];
    expect(sunday).toBeTruthy();
    await sup.getByLabel('人员').selectOption({ label: '热线督导' });
    await sup.getByLabel('开始').fill(`${sunday}T00:00`);
    await sup.getByLabel('结束').fill(`${sunday}T08:00`);
    await sup.getByRole('button', { name: '添加班次' }).click();
    await sup.getByTestId('roster-gaps').getByText('本周满足覆盖要求').waitFor();
    await sup.screenshot({ path: screenshotPath('hotline-roster-covered-phone-zh'), fullPage: true });
    const desk = await signedIn('hotline_supervisor');
    await desk.goto('/hotline/planner');
    await desk.getByTestId('planner-chart').locator('svg').waitFor();
    await desk.screenshot({ path: screenshotPath('hotline-planner-desktop-zh'), fullPage: true });
    await desk.goto('/hotline/summary');
    await desk.getByTestId('summary-chart').locator('svg').waitFor();
    await desk.screenshot({ path: screenshotPath('hotline-summary-desktop-zh'), fullPage: true });
  }, 120_000);
});
