import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, DESKTOP, PHONE, screenshotPath } from '../support/browser.ts';
import { apiCall, createBrowserHarness } from '../support/browser-harness.ts';

const RUN = chromiumAvailable();

describe.skipIf(!RUN)('assessments in Chromium', () => {
  // 401: the "am I signed in?" probe; 410: the used link, on purpose.
  const harness = createBrowserHarness({ allowConsole: /status of 4(01|10)/ });
  const { openPage, signedIn } = harness;
  let personId = '';
  let token = '';

  beforeAll(async () => {
    await harness.start();
    // The family doctor registers a person in their street, records consent and issues a link.
    const doctor = await signedIn('doctor');
    const streets = await apiCall<{ items: { code: string }[] }>(doctor, 'GET', '/api/regions/420102000000/children');
    const street = streets.items[0]?.code ?? '';
    const communities = await apiCall<{ items: { code: string }[] }>(doctor, 'GET', `/api/regions/${street}/children`);
    const community = communities.items.find((c) => c.code.length === 12)?.code ?? '';
    personId = (await apiCall<{ id: string }>(doctor, 'POST', '/api/persons', { name: '陈自评', sex: 'female', birthDate: '1986-04-12', residenceRegionCode: community })).id;
    await apiCall(doctor, 'POST', `/api/persons/${personId}/consents`, { purpose: 'assessment', textVersion: 'v1.0', method: 'signed_paper', givenBy: 'self' });
    await doctor.goto(`/assessments/administer/${personId}`);
    await doctor.getByTestId('issue-link-button').click();
    await doctor.getByTestId('issued-link').waitFor();
    await doctor.screenshot({ path: screenshotPath('assessments-issue-link-desktop-zh'), fullPage: true });
    const url = await doctor.getByTestId('issued-link-url').inputValue();
    token = new URL(url).pathname.replace(/^\/s\//, '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  }, 180_000);

  afterAll(async () => expect(await harness.stop()).toEqual([]), 60_000);

  it('a person completes a PHQ-9 from the link on a phone, one question per screen, in Chinese', async () => {
    const page = await openPage(PHONE);
    await page.goto(`/s/${token}`);
    await page.getByTestId('self-assessment').waitFor();
    await expect(page.getByTestId('self-assessment-step').textContent()).resolves.toContain('第 1 / 9 题');
    await page.screenshot({ path: screenshotPath('assessments-self-phone-zh-q1') });
    // The person may switch to English and back; the questions follow.
    await page.getByTestId('language-switch').click();
    await page.getByTestId('self-assessment-step').filter({ hasText: 'Question 1 of 9' }).waitFor();
    await page.getByText('Little interest or pleasure in doing things').waitFor();
    await page.screenshot({ path: screenshotPath('assessments-self-phone-en-q1') });
    await page.getByTestId('language-switch').click();
    await page.getByTestId('self-assessment-step').filter({ hasText: '第 1 / 9 题' }).waitFor();
    // Options are large touch targets.
    const box = await page.getByTestId('option-0').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
    const answers = [2, 2, 1, 1, 1, 1, 1, 1, 0];
    for (const [i, score] of answers.entries()) {
      await page.getByTestId('self-assessment-step').filter({ hasText: `第 ${i + 1} / 9 题` }).waitFor();
      if (i === 8) await page.screenshot({ path: screenshotPath('assessments-self-phone-zh-q9') });
      await page.getByTestId(`option-${score}`).click();
    }
    await page.getByTestId('self-assessment-review').waitFor();
    await page.getByTestId('self-assessment-submit').click();
    await page.getByTestId('self-assessment-done').waitFor();
    await page.screenshot({ path: screenshotPath('assessments-self-phone-zh-done') });

    // The link works once.
    const again = await openPage(PHONE);
    await again.goto(`/s/${token}`);
    await again.getByTestId('self-assessment-problem').waitFor();
    await expect(again.getByTestId('self-assessment-problem').textContent()).resolves.toContain('已使用过');
    await again.screenshot({ path: screenshotPath('assessments-self-phone-zh-used') });
  }, 60_000);

  it('a psychiatrist sees the answers behind the score in the queue and records a recommendation', async () => {
    const page = await signedIn('psychiatrist');
    await page.goto('/assessments');
    await page.getByTestId('consultation-queue').getByText('陈自评').waitFor();
    await page.waitForFunction(`!document.querySelector('[data-testid="consultation-queue"] .ant-spin-spinning')`);
    await page.screenshot({ path: screenshotPath('assessments-queue-desktop-zh') });
    await page.getByTestId('consultation-queue').locator('.ant-list-item').filter({ hasText: '陈自评' }).getByTestId('queue-open').click();
    await page.getByTestId('assessment-view').waitFor();
    await expect(page.getByTestId('view-total').textContent()).resolves.toBe('10');
    await page.getByTestId('answers-table').waitFor();
    await page.getByTestId('recommendation-select').click();
    await page.getByTitle('个体干预').click();
    await page.getByTestId('opinion-input').fill('中度抑郁症状，建议个体心理干预，两周后复评PHQ-9。');
    await page.getByTestId('review-submit').click();
    await page.getByTestId('recommendation').waitFor();
    await expect(page.getByTestId('recommendation').textContent()).resolves.toBe('个体干预');
    await page.screenshot({ path: screenshotPath('assessments-reviewed-desktop-zh'), fullPage: true });
  }, 60_000);

  it('the recommendation returns to the family doctor and shows on the person page with the trend (phone)', async () => {
    const page = await signedIn('doctor', PHONE);
    await page.goto(`/register/persons/${personId}`);
    await page.getByTestId('assessments-panel').waitFor();
    await page.getByTestId('panel-recommendation').waitFor();
    await expect(page.getByTestId('panel-recommendation').textContent()).resolves.toContain('个体干预');
    await page.getByTestId('trend-phq9').locator('svg').waitFor();
    await page.getByTestId('assessments-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('assessments-person-panel-phone-zh'), fullPage: true });
  }, 60_000);

  it('a family doctor takes consent and administers a PHQ-9 item by item on a phone; item 9 raises the crisis flag; a correction keeps both', async () => {
    const page = await signedIn('doctor', PHONE);
    const streets = await apiCall<{ items: { code: string }[] }>(page, 'GET', '/api/regions/420102000000/children');
    const communities = await apiCall<{ items: { code: string }[] }>(page, 'GET', `/api/regions/${streets.items[0]?.code ?? ''}/children`);
    const community = communities.items.find((c) => c.code.length === 12)?.code ?? '';
    const id = (await apiCall<{ id: string }>(page, 'POST', '/api/persons', { name: '王当面', sex: 'male', birthDate: '1972-09-30', residenceRegionCode: community })).id;
    await page.goto(`/assessments/administer/${id}`);
    await page.getByTestId('consent-form').waitFor();
    await page.screenshot({ path: screenshotPath('assessments-consent-phone-zh'), fullPage: true });
    await page.getByTestId('consent-submit').click();
    await page.getByTestId('start-assessment').click();
    await page.getByTestId('question-form-single').waitFor();
    const answers = [1, 1, 1, 0, 0, 1, 0, 0, 1];
    for (const [i, score] of answers.entries()) {
      await page.getByTestId('form-step').filter({ hasText: `第 ${i + 1} / 9 题` }).waitFor();
      if (i === 4) await page.screenshot({ path: screenshotPath('assessments-administer-phone-zh') });
      await page.getByTestId(`single-option-${score}`).locator('xpath=ancestor::label').click();
    }
    await page.getByTestId('draft-saved').filter({ hasText: '草稿已保存' }).waitFor();
    await page.getByTestId('submit-assessment').click();
    await page.getByTestId('administer-result').waitFor();
    await expect(page.getByTestId('administer-result').textContent()).resolves.toContain('自杀风险');
    await page.screenshot({ path: screenshotPath('assessments-administer-result-phone-zh'), fullPage: true });

    await page.getByText('查看结果').click();
    await page.getByTestId('assessment-view').waitFor();
    await page.getByTestId('amend-open').click();
    await page.getByTestId('amend-card').getByTestId('item-8-option-0').locator('xpath=ancestor-or-self::label').first().click();
    await page.getByTestId('amend-card').locator('textarea').fill('电话中误记第9题，已与本人核实');
    await page.getByTestId('amend-save').click();
    await page.getByTestId('view-total').filter({ hasText: '4' }).waitFor();
    await page.getByText('更正原因').waitFor();
    await page.screenshot({ path: screenshotPath('assessments-amended-phone-zh'), fullPage: true });
  }, 90_000);
});
