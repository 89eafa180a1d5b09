import type { Queryable } from '../db/database.ts';
import { CrisisRepository } from '../modules/crisis/crisis-repository.ts';
import { CRISIS_CONTEXT } from '../modules/crisis/crisis-access.ts';
import { recordCrisisSignal } from '../modules/crisis/record-crisis-signal.ts';
import type { FieldCipher } from '../privacy/field-cipher.ts';

const HOUR = 3_600_000;

/**
 * Demo crisis data: a crisis team for 江岸区 (psychiatrist as lead, counsellor), the counsellor on call for
 * a week, one reported case waiting for triage, one overdue anonymous report, and one person under
 * key-person grid management in the demo grid worker's grid. Tolerates other modules' data being absent:
 * it registers the two persons it needs.
 */
export async function seedCrisis(
  tx: Queryable,
  o: { at: Date; cipher: FieldCipher; accounts: Record<string, string>; grid: string },
): Promise<void> {
  const psychiatrist = o.accounts.psychiatrist;
  const counselor = o.accounts.counselor;
  const gridWorker = o.accounts.grid_worker;
  if (!psychiatrist || !counselor || !gridWorker) return;
  const county = `${o.grid.slice(0, 6)}000000`;

  const [team] = await tx.query<{ id: string }>(
    `INSERT INTO teams (name, kind, region_code) VALUES ('江岸区心理危机干预队', 'crisis', $1) RETURNING id`,
    [county],
  );
  if (!team) return;
  await tx.query('INSERT INTO team_members (team_id, account_id, is_lead) VALUES ($1, $2, true), ($1, $3, false)', [team.id, psychiatrist, counselor]);
  const repo = new CrisisRepository(tx);
  await repo.insertOnCall({ regionCode: county, accountId: counselor, startsAt: new Date(o.at.getTime() - HOUR), endsAt: new Date(o.at.getTime() + 7 * 24 * HOUR), createdBy: psychiatrist });

  const person = async (name: string, sex: 'male' | 'female', birth: string): Promise<string> => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO persons (name, sex, birth_date, region_code, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [name, sex, birth, o.grid, gridWorker],
    );
    if (!row) throw new Error('demo person');
    return row.id;
  };

  // 1. A grid worker's report on a registered person, waiting for triage.
  const waiting = await person('周建华', 'male', '1968-04-12');
  const r1 = await repo.insertReport({
    source: 'field_report', reporterId: gridWorker, reporterKind: 'grid_worker', personId: waiting, regionCode: o.grid, urgency: 'high',
    observed: ['suicide_talk', 'farewell'], descriptionEnc: o.cipher.encrypt('家属反映近一周失眠，说“活着没意思”，把存款交给了女儿', CRISIS_CONTEXT.reportDescription),
    locationEnc: null, subjectEnc: null, reportedAt: new Date(o.at.getTime() - 2 * HOUR),
  });
  const c1 = await recordCrisisSignal(tx, { personId: waiting, regionCode: o.grid, source: 'field_report', sourceId: r1, level: 'high', reasons: ['suicide_talk', 'farewell'], reportedBy: gridWorker, at: new Date(o.at.getTime() - 2 * HOUR) });
  await repo.setReportCase(r1, c1.caseId);

  // 2. An anonymous report whose one-hour first-contact deadline has passed.
  const r2 = await repo.insertReport({
    source: 'field_report', reporterId: gridWorker, reporterKind: 'grid_worker', personId: null, regionCode: o.grid, urgency: 'imminent',
    observed: ['attempt'], descriptionEnc: null, locationEnc: o.cipher.encrypt('江岸区沿江大道某小区3栋楼顶', CRISIS_CONTEXT.reportLocation),
    subjectEnc: o.cipher.encrypt('中年女性，穿红色外套', CRISIS_CONTEXT.reportSubject), reportedAt: new Date(o.at.getTime() - 90 * 60_000),
  });
  const c2 = await recordCrisisSignal(tx, { personId: null, regionCode: o.grid, source: 'field_report', sourceId: r2, level: 'imminent', reasons: ['attempt'], reportedBy: gridWorker, at: new Date(o.at.getTime() - 90 * 60_000) });
  await repo.setReportCase(r2, c2.caseId);

  // 3. A person after admission and discharge, now under key-person grid management.
  const managed = await person('李秀英', 'female', '1975-09-30');
  const openedAt = new Date(o.at.getTime() - 30 * 24 * HOUR);
  const c3 = await recordCrisisSignal(tx, { personId: managed, regionCode: o.grid, source: 'hospital', sourceId: `demo-${managed}`, level: 'high', reasons: ['self_harm'], reportedBy: psychiatrist, at: openedAt });
  await tx.query(
    `UPDATE crisis_cases SET status = 'grid_management', first_contact_at = $2, assigned_to = $3, version = version + 1 WHERE id = $1`,
    [c3.caseId, new Date(openedAt.getTime() + 3 * HOUR), counselor],
  );
  const steps: [string, string, string, number][] = [
    ['triage', 'reported', 'triaged', 3],
    ['start_intervention', 'triaged', 'intervention', 4],
    ['admit', 'intervention', 'admitted', 24],
    ['discharge', 'admitted', 'stabilized', 14 * 24],
    ['give_feedback', 'stabilized', 'feedback_given', 15 * 24],
    ['start_grid_management', 'feedback_given', 'grid_management', 15 * 24 + 1],
  ];
  for (const [event, from, to, hours] of steps) {
    await repo.insertTransition({ caseId: c3.caseId, event: event as 'triage', from: from as 'reported', to: to as 'triaged', by: event === 'admit' || event === 'discharge' ? psychiatrist : counselor, at: new Date(openedAt.getTime() + hours * HOUR), reviewEnc: null });
  }
  await repo.insertAdmission({ caseId: c3.caseId, hospitalOrgId: null, hospitalName: '武汉市精神卫生中心', admittedOn: '2026-01-01', arrangedBy: psychiatrist, involuntary: false });
  await tx.query(`UPDATE crisis_admissions SET admitted_on = ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, discharged_on = ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date WHERE case_id = $1`, [
    c3.caseId,
    new Date(openedAt.getTime() + 24 * HOUR),
    new Date(openedAt.getTime() + 14 * 24 * HOUR),
  ]);
  const keyPersonId = await repo.insertKeyPerson({
    caseId: c3.caseId, personId: managed, regionCode: o.grid, checkEveryDays: 7, contactAccountId: counselor,
    contactPhoneEnc: o.cipher.encrypt('027-85551234', CRISIS_CONTEXT.keyPersonPhone), at: new Date(openedAt.getTime() + 15 * 24 * HOUR),
  });
  await repo.startGridManagement(c3.caseId, new Date(openedAt.getTime() + 15 * 24 * HOUR + HOUR));
  await repo.insertGridCheck({ keyPersonId, outcome: 'seen_well', by: gridWorker, at: new Date(o.at.getTime() - 3 * 24 * HOUR) });
}
