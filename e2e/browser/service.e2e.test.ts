import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, DESKTOP, PHONE, screenshotPath } from '../support/browser.ts';
import { apiCall, createBrowserHarness } from '../support/browser-harness.ts';

const RUN = chromiumAvailable();

const PEOPLE = [
  ['柳青团', 'female', '1979-03-02'],
  ['何志团', 'male', '1985-11-20'],
  ['马丽团', 'female', '1990-06-08'],
  ['范建走', 'male', '1972-01-15'],
] as const;
const BIRTH: Record<string, string> = Object.fromEntries(PEOPLE.map(([name, , birthDate]) => [name, birthDate]));

describe.skipIf(!RUN)('service loop (counseling, referrals, care visits) in Chromium', () => {
  // 401: the "am I signed in?" probe.
  const harness = createBrowserHarness({ allowConsole: /status of 401/ });
  const { signedIn } = harness;
  const people: Record<string, string> = {};

  /**
   * Picks a person in a PersonPicker by typing the full name and choosing the match born in that year (names are
   * masked for counselors, so the birth year tells the options apart).
   */
  async function pick(page: Page, testId: string, name: string): Promise<void> {
    const year = BIRTH[name]?.slice(0, 4) ?? '';
    await page.getByTestId(testId).click();
    await page.keyboard.type(name);
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: year }).first();
    await option.waitFor();
    await expect(option.textContent()).resolves.toContain(name.slice(0, 1));
    await option.click();
  }

  beforeAll(async () => {
    await harness.start();
    // The family doctor registers four people in a community of their street.
    const doctor = await signedIn('doctor');
    const streets = await apiCall<{ items: { code: string }[] }>(doctor, 'GET', '/api/regions/420102000000/children');
    const street = streets.items[0]?.code ?? '';
    const communities = await apiCall<{ items: { code: string }[] }>(doctor, 'GET', `/api/regions/${street}/children`);
    const community = communities.items.find((c) => c.code.length === 12)?.code ?? '';
    for (const [name, sex, birthDate] of PEOPLE) {
      people[name] = (await apiCall<{ id: string }>(doctor, 'POST', '/api/persons', { name, sex, birthDate, residenceRegionCode: community })).id;
    }
  }, 180_000);

  afterAll(async () => expect(await harness.stop()).toEqual([]), 60_000);

  it('a counselor records a group session with three participants and per-person attendance (desktop)', async () => {
    const page = await signedIn('counselor');
    await page.goto('/service');
    await page.getByTestId('counseling-tab').waitFor();
    await page.getByTestId('record-group').click();
    await page.getByTestId('session-form').waitFor();
    await pick(page, 'participant-picker', '柳青团');
    await pick(page, 'participant-picker', '何志团');
    await pick(page, 'participant-picker', '马丽团');
    await expect(page.getByTestId('participant-row').count()).resolves.toBe(3);
    // The second participant did not come.
    await page.getByTestId('attendance-select').nth(1).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="缺席"]').click();
    await page.locator('input[data-testid="session-duration"], [data-testid="session-duration"] input').first().fill('90');
    await page.getByTestId('session-topic').fill('康复者互助小组：睡眠与情绪');
    await page.getByTestId('session-outcome').fill('成员分享了应对失眠的经验');
    await page.getByTestId('session-notes').fill('组员柳某谈及出院后的病耻感，需个别跟进。');
    await page.screenshot({ path: screenshotPath('service-group-session-form-desktop-zh'), fullPage: true });
    await page.getByTestId('session-save').click();
    await page.getByTestId('session-form').waitFor({ state: 'hidden' });
    const item = page.getByTestId('session-list').getByTestId('session-item').first();
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('团体干预');
    await expect(item.getByTestId('session-participants').textContent()).resolves.toMatch(/3 人参加.*何\*+（缺席）/);
    await expect(item.getByTestId('session-notes-text').textContent()).resolves.toContain('病耻感');
    await page.screenshot({ path: screenshotPath('service-counseling-desktop-zh'), fullPage: true });

    // Server side: one session, three participants with their attendance.
    const sessions = await apiCall<{ items: { type: string; participants: { personId: string; attendance: string }[] }[] }>(page, 'GET', '/api/counseling/sessions?mine=true');
    const group = sessions.items.find((s) => s.type === 'group');
    expect(new Map(group?.participants.map((p) => [p.personId, p.attendance]))).toEqual(
      new Map([
        [people['柳青团'], 'attended'],
        [people['何志团'], 'absent'],
        [people['马丽团'], 'attended'],
      ]),
    );
  }, 90_000);

  it('the counselor corrects the group session (attendance, with a reason) and reads the correction', async () => {
    const page = await signedIn('counselor');
    await page.goto('/service');
    const item = page.getByTestId('session-list').getByTestId('session-item').first();
    await item.waitFor();
    await item.getByTestId('session-correct').click();
    const form = page.getByTestId('correct-session-form');
    await form.waitFor();
    // 何志团 did come after all.
    await form.locator('.ant-list-item').filter({ hasText: '何' }).getByTestId('correct-attendance').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="出席"]').click();
    await form.getByTestId('correct-reason').fill('签到表核对：何某实际到场');
    await page.screenshot({ path: screenshotPath('service-correct-session-desktop-zh'), fullPage: true });
    await page.getByTestId('correct-save').click();
    await form.waitFor({ state: 'hidden' });
    const tag = page.getByTestId('session-list').getByTestId('session-item').first().getByTestId('session-corrected');
    await expect(tag.textContent()).resolves.toContain('已更正 1 次');
    await expect(page.getByTestId('session-list').getByTestId('session-item').first().getByTestId('session-participants').textContent()).resolves.not.toContain('缺席');
    await tag.click();
    const revision = page.getByTestId('session-revisions').getByTestId('revision-item').first();
    await revision.waitFor();
    await expect(revision.textContent()).resolves.toMatch(/签到表核对.*出勤.*缺席/);
    await page.screenshot({ path: screenshotPath('service-session-corrections-desktop-zh'), fullPage: true });
  }, 90_000);

  it('the counselor makes a plan and hands it over to the family doctor from the plan list', async () => {
    const page = await signedIn('counselor');
    await page.goto('/service');
    await page.getByTestId('counseling-tab').waitFor();
    await page.getByTestId('new-plan').click();
    await pick(page, 'plan-person', '马丽团');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const select = page.getByTestId('plan-list').getByTestId('plan-select');
    await select.first().waitFor();
    await select.first().click();
    await page.getByTestId('reassign-plans-open').click();
    await page.getByTestId('reassign-counselor').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '家庭医生' }).first().click();
    await page.screenshot({ path: screenshotPath('service-reassign-plans-desktop-zh'), fullPage: true });
    await page.getByTestId('reassign-save').click();
    // "Mine only" is on: the plan leaves the counselor's list.
    await expect.poll(() => select.count(), { timeout: 15_000 }).toBe(0);
    const doctor = await signedIn('doctor');
    const me = await apiCall<{ account: { id: string } }>(doctor, 'GET', '/api/me');
    const plans = await apiCall<{ items: { personId: string; responsibleAccountId: string | null }[] }>(doctor, 'GET', '/api/counseling/plans?mine=true');
    expect(plans.items.map((p) => [p.personId, p.responsibleAccountId])).toContainEqual([people['马丽团'], me.account.id]);
  }, 90_000);

  it('the person page shows the service panel, where the counselor records a toolkit hand-out', async () => {
    const page = await signedIn('counselor');
    await page.goto(`/register/persons/${people['柳青团']}`);
    const panel = page.getByTestId('service-panel');
    await panel.waitFor();
    await panel.getByTestId('session-item').first().waitFor();
    await panel.getByTestId('handout-save').click();
    await panel.getByTestId('handout-item').first().waitFor();
    await expect(panel.getByTestId('handout-item').first().textContent()).resolves.toContain('心理健康手册');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('service-person-panel-desktop-zh'), fullPage: true });
  }, 60_000);

  it('the group session form works on a phone', async () => {
    const page = await signedIn('counselor', PHONE);
    await page.goto('/service');
    await page.getByTestId('record-group').click();
    await page.getByTestId('session-form').waitFor();
    await pick(page, 'participant-picker', '柳青团');
    await pick(page, 'participant-picker', '马丽团');
    await page.getByTestId('session-form').getByText('线上', { exact: true }).click();
    await page.screenshot({ path: screenshotPath('service-group-session-form-phone-zh') });
    await page.getByTestId('session-save').click();
    await page.getByTestId('session-form').waitFor({ state: 'hidden' });
    await page.getByTestId('session-list').getByText('线上').first().waitFor();
    await page.screenshot({ path: screenshotPath('service-counseling-phone-zh'), fullPage: true });
  }, 90_000);

  it('a social worker records a care visit on a phone and raises an aid request to civil affairs', async () => {
    const page = await signedIn('social_worker', PHONE);
    await page.goto('/service?tab=care');
    await page.getByTestId('care-visit-tab').waitFor();
    await pick(page, 'visit-person', '范建走');
    await page.getByTestId('need-financial_assistance').locator('input[type="checkbox"]').first().check();
    await page.getByTestId('aid-financial_assistance').check();
    await page.screenshot({ path: screenshotPath('service-care-visit-phone-zh'), fullPage: true });
    await page.getByTestId('visit-save').click();
    await page.getByTestId('visit-item').first().waitFor();
    await expect(page.getByTestId('visit-item').first().textContent()).resolves.toContain('经济救助');
    const outgoing = await apiCall<{ items: { kind: string; to: { type: string } }[] }>(page, 'GET', '/api/referrals?direction=outgoing');
    expect(outgoing.items[0]).toMatchObject({ kind: 'aid', to: { type: 'civil_affairs' } });
  }, 90_000);

  it('a referral goes from the family doctor to the mental-health centre and back, with a printable letter', async () => {
    const doctor = await signedIn('doctor');
    const orgs = await apiCall<{ items: { id: string; type: string }[] }>(doctor, 'GET', '/api/referrals/organizations');
    const centre = orgs.items.find((o) => o.type === 'mental_health_institution')?.id ?? '';
    const { id } = await apiCall<{ id: string }>(doctor, 'POST', '/api/referrals', {
      personId: people['柳青团'],
      toOrganizationId: centre,
      topic: 'treatment_adjustment',
      reason: '睡眠差，情绪低落两周',
    });
    const psych = await signedIn('psychiatrist');
    await psych.goto('/service?tab=referrals');
    await psych.getByTestId('referral-item').first().waitFor();
    await psych.getByTestId('referral-accept').first().click();
    await psych.getByTestId('referral-see').first().click();
    await psych.getByTestId('referral-return_with_advice').first().click();
    await psych.getByTestId('referral-text').fill('建议调整用药，两周后社区复诊');
    await psych.locator('.ant-modal-footer .ant-btn-primary').click();
    await psych.getByText('建议调整用药，两周后社区复诊').first().waitFor();
    await psych.screenshot({ path: screenshotPath('service-referrals-desktop-zh'), fullPage: true });
    const letter = await psych.request.get(`/api/referrals/${id}/letter.pdf`);
    expect(letter.status()).toBe(200);
    expect(letter.headers()['content-type']).toBe('application/pdf');
    expect((await letter.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await doctor.goto('/service?tab=referrals');
    await doctor.getByText('转出', { exact: true }).click();
    await doctor.getByTestId('referral-close').first().click();
    await doctor.getByTestId('referral-list').getByText('队列为空').waitFor();
    // The closed referral stays on the person page, with its letter.
    await doctor.goto(`/register/persons/${people['柳青团']}`);
    await doctor.getByTestId('service-panel').getByTestId('person-referral').first().waitFor();
    await expect(doctor.getByTestId('person-referral').first().textContent()).resolves.toContain('已结案');
  }, 120_000);
});
