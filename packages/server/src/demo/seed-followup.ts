import { addDays } from '@anxin/domain/register/iso-date.ts';
import { INTERVALS, type Program } from '@anxin/domain/followup/follow-up-policy.ts';
import type { Queryable } from '../db/database.ts';
import { localDate } from '../modules/followup/followup-common.ts';
import { FollowUpRepository } from '../modules/followup/followup-repository.ts';
import { appendTimelineEvent } from '../modules/persons/timeline.ts';

const DEMO_NAMES = ['随访甲', '随访乙', '随访丙', '随访丁'];

/**
 * Demo follow-ups for the grid worker: four people in the worker's grid (those the register's demo put there, or
 * new minimal records), enrolled so that one follow-up is due today, one is overdue, one falls later this week and
 * one next month. Owned by the grid worker's team. Does nothing when the grid worker is absent.
 */
export async function seedFollowUp(tx: Queryable, options: { at: Date; gridWorkerId: string | undefined; grid: string | undefined; timeZone?: string }): Promise<number> {
  if (!options.gridWorkerId || !options.grid) return 0;
  const already = await tx.query('SELECT 1 FROM enrolments WHERE worker_id = $1 LIMIT 1', [options.gridWorkerId]);
  if (already.length > 0) return 0; // seeded before
  const [team] = await tx.query<{ team_id: string }>('SELECT team_id FROM team_members WHERE account_id = $1 ORDER BY team_id LIMIT 1', [options.gridWorkerId]);
  const repo = new FollowUpRepository(tx);
  const persons = await tx.query<{ id: string }>(
    `SELECT id FROM persons WHERE region_code = $1 AND deceased_on IS NULL AND merged_into IS NULL ORDER BY created_at, id LIMIT 4`,
    [options.grid],
  );
  for (let i = persons.length; i < 4; i++) {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO persons (name, sex, birth_date, region_code, verification_status) VALUES ($1, $2, $3, $4, 'verified') RETURNING id`,
      [DEMO_NAMES[i], i % 2 === 0 ? 'male' : 'female', `${1965 + i * 7}-0${i + 3}-1${i}`, options.grid],
    );
    if (row) persons.push(row);
  }
  const today = localDate(options.at, options.timeZone ?? 'Asia/Shanghai');
  const plan: Array<{ program: Program; dueIn: number }> = [
    { program: 'severe_mental_disorder', dueIn: 0 },
    { program: 'severe_mental_disorder', dueIn: -7 },
    { program: 'recovered_patient_counseling', dueIn: 3 },
    { program: 'key_population_other', dueIn: 30 },
  ];
  let seeded = 0;
  for (const [i, p] of plan.entries()) {
    const person = persons[i];
    if (!person) continue;
    const dueDate = addDays(today, p.dueIn);
    const enrolledOn = addDays(dueDate, -14);
    const enrolmentId = await repo.insertEnrolment({
      personId: person.id,
      program: p.program,
      regionCode: options.grid,
      teamId: team?.team_id ?? null,
      workerId: options.gridWorkerId,
      enrolledOn,
      createdBy: options.gridWorkerId,
      at: options.at,
    });
    if (!enrolmentId) continue; // already enrolled
    const owner = { regionCode: options.grid, teamId: team?.team_id ?? null, workerId: options.gridWorkerId };
    await repo.insertOwnership({ enrolmentId, ...owner, reason: 'enrolled', at: options.at, by: options.gridWorkerId });
    const w = INTERVALS.first_contact.windowDays;
    const windowStart = addDays(dueDate, -w);
    const windowEnd = addDays(dueDate, w);
    await repo.insertTask({
      enrolmentId,
      personId: person.id,
      program: p.program,
      ...owner,
      dueDate,
      windowStart,
      windowEnd,
      status: today > windowEnd ? 'overdue' : today >= windowStart ? 'due' : 'scheduled',
      rule: 'first_contact',
      withSpecialist: false,
      at: options.at,
    });
    await appendTimelineEvent(tx, {
      personId: person.id,
      occurredAt: options.at,
      kind: 'followup.enrolled',
      refId: enrolmentId,
      summary: { program: p.program, firstDue: dueDate },
      actorId: options.gridWorkerId,
    });
    seeded++;
  }
  return seeded;
}
