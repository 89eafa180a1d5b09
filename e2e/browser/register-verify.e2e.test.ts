import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNationalId } from '@anxin/domain/register/national-id.ts';
import { chromiumAvailable, DESKTOP, PHONE, screenshotPath } from '../support/browser.ts';
import { apiCall, createBrowserHarness } from '../support/browser-harness.ts';

const RUN = chromiumAvailable();

/** YYYY-MM-DD `days` days before today (Asia/Shanghai). */
function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - days * 86_400_000),
  );
}

describe.skipIf(!RUN)('register: a grid worker verifies a new arrival on a phone', () => {
  const harness = createBrowserHarness({ allowConsole: /status of 40[013]/, defaultTimeoutMs: 10_000, waitForHome: false });
  const { signedIn } = harness;

  type Me = { roles: Array<{ role: string; regionCode: string; organizationId: string | null }> };

  beforeAll(() => harness.start(), 180_000);

  afterAll(async () => expect(await harness.stop()).toEqual([]), 60_000);

  it('a discharged patient with a medication hand-over arrives in the grid; the grid worker verifies on a phone', async () => {
    // The hospital registers the patient in the grid worker's grid and records the discharge.
    const clerk = await signedIn('hospital_clerk', DESKTOP);
    const grid = await signedIn('grid_worker', PHONE);
    const gridCode = (await apiCall<Me>(grid, 'GET', '/api/me')).roles[0]?.regionCode ?? '';
    expect(gridCode).toMatch(/^\d{15}$/);
    const hospital = (await apiCall<Me>(clerk, 'GET', '/api/me')).roles[0]?.organizationId ?? '';
    const { id } = await apiCall<{ id: string }>(clerk, 'POST', '/api/persons', {
      name: '核对甲',
      nationalId: makeNationalId('420102', '1968-04-12', 321, 'male'),
      phone: '13712345678',
      address: '武汉市江岸区测试路1号',
      residenceRegionCode: gridCode,
      categories: [{ category: 'recovered_patient', source: 'hospital' }],
    });
    await apiCall(clerk, 'POST', `/api/persons/${id}/episodes`, {
      hospitalOrgId: hospital,
      recordNumber: 'E2E-0001',
      admissionDate: daysAgo(30),
      dischargeDate: daysAgo(2),
      diagnosisCodes: ['U07.1'],
      severity: 'moderate',
      psychMedications: [{ drug: '舍曲林', dose: '50mg qd', prescriber: '王医生' }],
      dischargeDestination: 'home',
    });

    // The grid worker opens the inbox on the phone: the arrival is there, medication flagged, name masked.
    await grid.goto('/register/arrivals');
    const arrival = grid.getByTestId('arrival').filter({ hasText: '核' }).first();
    await arrival.waitFor();
    await expect(arrival.getByTestId('medication-flag').isVisible()).resolves.toBe(true);
    await expect(arrival.textContent()).resolves.not.toContain('核对甲');
    await grid.screenshot({ path: screenshotPath('register-arrivals-phone-zh'), fullPage: true });

    await arrival.getByTestId('arrival-verify').click();
    await grid.waitForURL((url) => url.pathname === `/register/persons/${id}/verify`);
    await grid.getByTestId('verify-page').waitFor();
    await grid.screenshot({ path: screenshotPath('register-verify-phone-zh'), fullPage: true });
    // The buttons fit the phone screen.
    const box = await grid.getByTestId('verify-confirm').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);

    // First a wrong phone number: the field says so and nothing changes.
    await grid.getByTestId('verify-correct').click();
    await grid.locator('#phone').fill('123');
    await grid.getByRole('button', { name: '保 存' }).or(grid.getByRole('button', { name: '保存' })).click();
    await grid.getByTestId('verify-error').waitFor();
    await grid.screenshot({ path: screenshotPath('register-verify-phone-zh-error'), fullPage: true });
    await grid.locator('#phone').fill('13787654321');
    await grid.getByRole('button', { name: '保 存' }).or(grid.getByRole('button', { name: '保存' })).click();
    await grid.getByTestId('verify-done').waitFor();
    await expect(grid.getByTestId('verify-done').textContent()).resolves.toContain('已更正');
    await grid.screenshot({ path: screenshotPath('register-verify-phone-zh-done'), fullPage: true });

    const history = await apiCall<{ status: string; items: Array<{ event: string; changed: string[] }> }>(grid, 'GET', `/api/persons/${id}/verifications`);
    expect(history.status).toBe('corrected');
    expect(history.items[0]).toMatchObject({ event: 'correct', changed: ['phone'] });

    // The person page on the phone: masked for the grid worker (no full read), no horizontal scrolling.
    await grid.goto(`/register/persons/${id}`);
    await grid.getByTestId('verification-status').waitFor();
    await expect(grid.getByTestId('person-name').textContent()).resolves.toBe('核**');
    expect(await grid.getByTestId('show-full').count()).toBe(0);
    expect(await grid.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await grid.screenshot({ path: screenshotPath('register-person-phone-zh'), fullPage: true });

    // The inbox item is still there until acknowledged; acknowledging takes it off the "new" list.
    await grid.goto('/register/arrivals');
    const again = grid.getByTestId('arrival').filter({ hasText: '已更正' }).first();
    await again.getByTestId('arrival-acknowledge').click();
    await again.waitFor({ state: 'detached' });
  }, 90_000);

  it('the family doctor sees the record, its verification and timeline on the desktop person page', async () => {
    const doctor = await signedIn('doctor', DESKTOP);
    const found = await apiCall<{ items: Array<{ id: string; name: string; full: boolean }> }>(doctor, 'GET', `/api/persons?q=${encodeURIComponent('核对甲')}`);
    const id = found.items[0]?.id ?? '';
    expect(found.items[0]).toMatchObject({ name: '核对甲', full: true });
    await doctor.goto(`/register/persons/${id}`);
    await doctor.getByTestId('person-page').waitFor();
    await doctor.getByTestId('verification-status').waitFor();
    await expect(doctor.getByTestId('verification-status').textContent()).resolves.toContain('已更正');
    await doctor.getByTestId('timeline-card').waitFor();
    await expect(doctor.getByTestId('timeline-card').textContent()).resolves.toContain('更正信息');
    await expect(doctor.getByTestId('contract-status').textContent()).resolves.toContain('未签约');
    // Opens masked; the full identifiers only after giving a reason.
    await expect(doctor.getByTestId('person-name').textContent()).resolves.toBe('核**');
    await doctor.screenshot({ path: screenshotPath('register-person-desktop-zh'), fullPage: true });
    await doctor.getByTestId('show-full').click();
    await doctor.locator('#reason').fill('签约前核实身份');
    await doctor.getByRole('button', { name: '查 看' }).or(doctor.getByRole('button', { name: '查看', exact: true })).click();
    await doctor.getByTestId('person-name').filter({ hasText: '核对甲' }).waitFor();

    await doctor.goto('/register');
    await doctor.getByTestId('person-row').first().waitFor();
    await doctor.screenshot({ path: screenshotPath('register-list-desktop-zh'), fullPage: true });
    // The new-person form names the wrong field in Chinese.
    await doctor.getByTestId('new-person').click();
    await doctor.locator('#name').fill('表单测试');
    await doctor.locator('#nationalId').fill('420102196804124430');
    await doctor.getByTestId('new-person-form').locator('button[type="submit"]').click();
    await doctor.getByText('此项必填').waitFor(); // the residence is still empty
    await doctor.getByTestId('region-picker').locator('input').fill('保成');
    await doctor.locator('.ant-select-item-option').first().click();
    await doctor.getByTestId('new-person-form').locator('button[type="submit"]').click();
    await doctor.screenshot({ path: screenshotPath('register-new-person-desktop-zh-error') });
    await doctor.getByText('身份证号无效：请检查位数、校验位和出生日期').waitFor();
    await doctor.screenshot({ path: screenshotPath('register-new-person-desktop-zh-error') });
    await doctor.keyboard.press('Escape');
    await doctor.goto('/register/contract-tasks');
    await doctor.getByTestId('contract-tasks-page').getByText('核对甲').waitFor();
    // The demo's lapsed agreement is listed as expired.
    await doctor.getByTestId('contract-tasks-page').getByText('签约已到期').first().waitFor();
    await doctor.screenshot({ path: screenshotPath('register-contract-tasks-desktop-zh'), fullPage: true });

    // The duplicate pair from the demo: merge it, then undo the merge.
    await doctor.goto('/register/duplicates');
    const pair = doctor.getByTestId('duplicate-pair').first();
    await pair.waitFor();
    await expect(pair.textContent()).resolves.toContain('姓名+出生日期');
    await doctor.screenshot({ path: screenshotPath('register-duplicates-desktop-zh'), fullPage: true });
    await pair.getByTestId('keep-this').first().click();
    await doctor.locator('.ant-popconfirm .ant-btn-primary').click();
    await doctor.getByTestId('undo-merge').waitFor();
    await expect(doctor.getByTestId('duplicate-pair').count()).resolves.toBe(0);
    await doctor.getByTestId('undo-merge').click();
    await doctor.getByTestId('duplicate-pair').first().waitFor();
  }, 90_000);
});
