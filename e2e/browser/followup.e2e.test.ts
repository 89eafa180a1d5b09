import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, DESKTOP, PHONE, screenshotPath } from '../support/browser.ts';
import { apiCall, createBrowserHarness } from '../support/browser-harness.ts';

const RUN = chromiumAvailable();

describe.skipIf(!RUN)('follow-up: a grid worker records a home visit on a phone', () => {
  const harness = createBrowserHarness({ allowConsole: /status of 40[13]/, waitForHome: false });
  const { signedIn } = harness;

  beforeAll(() => harness.start(), 180_000);

  afterAll(async () => expect(await harness.stop()).toEqual([]), 60_000);

  it('opens today’s list, records a home visit, and the task leaves the list with the next one scheduled', async () => {
    const grid = await signedIn('grid_worker', PHONE);
    type Worklist = { items: Array<{ id: string; personId: string; program: string }> };
    const before = await apiCall<Worklist>(grid, 'GET', '/api/followup/tasks?scope=mine&when=today');
    expect(before.items.length).toBeGreaterThanOrEqual(1);

    await grid.goto('/followup');
    await grid.getByTestId('followup-page').waitFor();
    const card = grid.getByTestId('followup-task').first();
    await card.waitFor();
    await expect(grid.getByTestId('followup-task').count()).resolves.toBe(before.items.length);
    await grid.screenshot({ path: screenshotPath('followup-today-phone-zh'), fullPage: true });
    // The record button fits the phone screen.
    const box = await card.getByTestId('record-button').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);

    const first = before.items[0]!;
    await card.getByTestId('record-button').click();
    await grid.waitForURL((url) => url.pathname === `/followup/tasks/${first.id}`);
    await grid.getByTestId('record-form').waitFor();
    // antd radio buttons: the test id sits on the hidden input, so click its label
    const option = (testId: string) => grid.locator('label', { has: grid.getByTestId(testId) });
    await option('mode-home_visit').click();
    if (first.program === 'severe_mental_disorder') {
      // Risk level 1 makes the visit "basically stable": the form shows it and proposes two weeks.
      await option('risk-1').click();
      await expect(grid.getByTestId('derived-class').textContent()).resolves.toBe('基本稳定');
    }
    await expect(grid.getByTestId('proposal').textContent()).resolves.toContain('按规范建议');
    await grid.screenshot({ path: screenshotPath('followup-record-phone-zh'), fullPage: true });
    await grid.getByTestId('submit-record').click();
    await grid.waitForURL((url) => url.pathname === '/followup');
    await grid.getByText('已保存').first().waitFor();
    await expect.poll(() => grid.getByTestId('followup-task').count(), { timeout: 10_000 }).toBe(before.items.length - 1);
    if (before.items.length === 1) await grid.getByText('没有需要随访的对象').waitFor();
    await grid.screenshot({ path: screenshotPath('followup-saved-phone-zh'), fullPage: true });

    const after = await apiCall<Worklist>(grid, 'GET', '/api/followup/tasks?scope=mine&when=today');
    expect(after.items.map((i) => i.id)).not.toContain(first.id);
    const panel = await apiCall<{ tasks: Array<{ status: string }>; records: Array<{ mode: string; reached: boolean }> }>(grid, 'GET', `/api/followup/persons/${first.personId}`);
    expect(panel.records[0]).toMatchObject({ mode: 'home_visit', reached: true });
    expect(panel.tasks.filter((x) => ['scheduled', 'due', 'overdue'].includes(x.status))).toHaveLength(1);

    // The server's job worker sent today's reminders at start-up: the overdue one is in the reminders view.
    await grid.getByText('提醒', { exact: true }).click();
    await grid.getByTestId('reminders').getByText('随访逾期', { exact: false }).first().waitFor({ timeout: 20_000 });
    await grid.screenshot({ path: screenshotPath('followup-reminders-phone-zh'), fullPage: true });
  }, 120_000);

  it('the family doctor enrols a person from the person page; the first follow-up goes to the least-loaded team member', async () => {
    const doctor = await signedIn('doctor', DESKTOP);
    const grid = await signedIn('grid_worker', PHONE);
    const gridCode = (await apiCall<{ roles: Array<{ regionCode: string }> }>(grid, 'GET', '/api/me')).roles[0]?.regionCode ?? '';
    const { id } = await apiCall<{ id: string }>(doctor, 'POST', '/api/persons', { name: '入组甲', sex: 'female', birthDate: '1972-06-01', residenceRegionCode: gridCode });
    await doctor.goto(`/register/persons/${id}`);
    const panel = doctor.getByTestId('person-followup-panel');
    await panel.waitFor();
    await panel.locator('.ant-select').click();
    await doctor.getByTitle('严重精神障碍管理').click();
    await panel.getByTestId('enrol-button').click();
    await doctor.getByText('已纳入，首次随访').first().waitFor();
    await panel.getByText('管理中').waitFor();
    await doctor.screenshot({ path: screenshotPath('followup-person-panel-desktop-zh'), fullPage: true });
    // The street's grassroots team: the grid worker already has the four demo enrolments, the doctor none.
    const mine = await apiCall<{ items: Array<{ personId: string }> }>(doctor, 'GET', '/api/followup/tasks?scope=mine&when=open&limit=100');
    expect(mine.items.map((i) => i.personId)).toContain(id);
    const gridOpen = await apiCall<{ items: Array<{ personId: string }> }>(grid, 'GET', '/api/followup/tasks?scope=mine&when=open&limit=100');
    expect(gridOpen.items.map((i) => i.personId)).not.toContain(id);
  }, 120_000);
});
