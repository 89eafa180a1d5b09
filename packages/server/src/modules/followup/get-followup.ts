import { AppError, ErrorCode, can, maskName } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { latestResultForPolicy, localDate } from './followup-common.ts';
import { FollowUpRepository } from './followup-repository.ts';

/** One task with what the record form needs to propose the next date (program, previous classification, latest result). */
export async function getFollowUpTask(ctx: AppContext, rc: RequestContext, taskId: string) {
  const repo = new FollowUpRepository(ctx.db);
  const task = await repo.findTask(taskId);
  if (!task) throw new AppError(ErrorCode.NOT_FOUND, 'No such follow-up task');
  await authorize(ctx, rc, 'followup.read', { regionCode: task.regionCode, resourceType: 'followup_task', resourceId: task.id });
  const enrolment = await repo.findEnrolment(task.enrolmentId);
  const person = await repo.findPerson(task.personId);
  const latest = await latestResultForPolicy(ctx.db, task.personId);
  const full = can(rc.actor, 'person.read_full', { regionCode: task.regionCode }) || task.workerId === rc.actor.accountId;
  return {
    id: task.id,
    enrolmentId: task.enrolmentId,
    personId: task.personId,
    personName: full ? (person?.name ?? '') : (maskName(person?.name) ?? ''),
    program: task.program,
    regionCode: task.regionCode,
    teamId: task.teamId,
    workerId: task.workerId,
    dueDate: task.dueDate,
    windowStart: task.windowStart,
    windowEnd: task.windowEnd,
    status: task.status,
    rule: task.rule,
    withSpecialist: task.withSpecialist,
    enrolledOn: enrolment?.enrolledOn ?? task.dueDate,
    previousClassification: enrolment?.lastClassification ?? null,
    latestSeverity: latest.latestSeverity,
    crisisFlag: latest.crisisFlag,
    today: localDate(ctx.clock(), ctx.config.timeZone),
    canRecord: can(rc.actor, 'followup.record', { regionCode: task.regionCode }),
  };
}

/**
 * A person's enrolments, tasks and records (the person-page panel). Tasks and records are shown where the caller
 * may read follow-ups in the region they belong to, so history from before a move stays with its region.
 */
export async function getPersonFollowUp(ctx: AppContext, rc: RequestContext, personId: string) {
  const repo = new FollowUpRepository(ctx.db);
  const person = await repo.findPerson(personId);
  if (!person) throw new AppError(ErrorCode.NOT_FOUND, 'No such person');
  await authorize(ctx, rc, 'followup.read', { regionCode: person.regionCode, resourceType: 'person', resourceId: person.id });
  const visible = (regionCode: string) => can(rc.actor, 'followup.read', { regionCode });
  const enrolments = await repo.enrolmentsOfPerson(personId);
  const tasks = (await repo.tasksOfPerson(personId)).filter((t) => visible(t.regionCode));
  const records = (await repo.recordsOfPerson(personId)).filter((r) => visible(String(r.region_code ?? person.regionCode)));
  return {
    personId,
    enrolments: enrolments.map((e) => ({
      id: e.id,
      program: e.program,
      status: e.status,
      regionCode: e.regionCode,
      teamId: e.teamId,
      workerId: e.workerId,
      enrolledOn: e.enrolledOn,
      endedOn: e.endedOn,
      endReason: e.endReason,
      lastClassification: e.lastClassification,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      enrolmentId: t.enrolmentId,
      program: t.program,
      regionCode: t.regionCode,
      dueDate: t.dueDate,
      windowStart: t.windowStart,
      windowEnd: t.windowEnd,
      status: t.status,
      rule: t.rule,
    })),
    records: records.map((r) => ({
      id: String(r.id),
      taskId: String(r.task_id),
      visitedOn: String(r.visited_on),
      mode: String(r.mode),
      reached: Boolean(r.reached),
      riskLevel: r.risk_level === null ? null : Number(r.risk_level),
      classification: (r.classification as string | null) ?? null,
      nextDate: (r.next_date as string | null) ?? null,
    })),
  };
}
