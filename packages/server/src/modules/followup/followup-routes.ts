import { INSIGHT_STATES, PROGRAMS, SMD_CLASSIFICATIONS, SOCIAL_FUNCTION_STATES, SYMPTOM_STATES } from '@anxin/domain/followup/follow-up-policy.ts';
import { TASK_STATUSES } from '@anxin/domain/followup/follow-up-task.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { END_REASONS, endEnrolment } from './end-enrolment.ts';
import { enrolPerson } from './enrol-person.ts';
import { getFollowUpTask, getPersonFollowUp } from './get-followup.ts';
import { countFollowUps, listWorklist } from './list-worklist.ts';
import { reassignEnrolments } from './reassign-enrolments.ts';
import {
  ADHERENCE,
  COUNSELING_STATUSES,
  DEATH_CAUSES,
  GUIDANCE,
  INFORMANTS,
  MODES,
  SIDE_EFFECTS,
  UNREACHED_REASONS,
  recordFollowUp,
} from './record-follow-up.ts';
import { listFollowUpTeams } from './list-teams.ts';
import { setSmsNumber } from './set-sms-number.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const regionCode = z.string().regex(/^(\d{12}|\d{15})$/, 'a region code has 12 digits (15 for a grid)');
const riskLevel = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

const recordBody = z.strictObject({
  visitedOn: isoDate,
  mode: z.enum(MODES),
  reached: z.boolean(),
  unreachedReason: z.enum(UNREACHED_REASONS).optional(),
  informant: z.enum(INFORMANTS).optional(),
  moved: z.boolean().optional(),
  deceased: z.strictObject({ date: isoDate, cause: z.enum(DEATH_CAUSES) }).optional(),
  assessmentIds: z.array(z.uuid()).max(20).optional(),
  counselingStatus: z.enum(COUNSELING_STATUSES).optional(),
  medication: z.strictObject({ takes: z.boolean(), adherence: z.enum(ADHERENCE).optional(), sideEffects: z.enum(SIDE_EFFECTS).optional() }).optional(),
  smd: z
    .strictObject({
      riskLevel,
      symptoms: z.enum(SYMPTOM_STATES),
      insight: z.enum(INSIGHT_STATES),
      socialFunction: z.enum(SOCIAL_FUNCTION_STATES),
      severeAdverseReaction: z.boolean(),
      seriousPhysicalIllness: z.boolean(),
      classification: z.enum(SMD_CLASSIFICATIONS).optional(),
    })
    .optional(),
  riskLevel: riskLevel.optional(),
  guidance: z.array(z.enum(GUIDANCE)).max(GUIDANCE.length).optional(),
  notes: z.string().max(2000).optional(),
  nextDate: isoDate.optional(),
  nextDateReason: z.string().max(500).optional(),
});

const worklistItem = z.object({
  id: z.string(),
  enrolmentId: z.string(),
  personId: z.string(),
  personName: z.string(),
  sex: z.string(),
  age: z.number(),
  program: z.enum(PROGRAMS),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  workerId: z.string().nullable(),
  workerName: z.string().nullable(),
  dueDate: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  rule: z.string(),
  withSpecialist: z.boolean(),
  timeStatus: z.enum(['scheduled', 'due', 'overdue']),
});

export function followUpRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/followup/enrolments',
      {
        schema: {
          tags: ['followup'],
          summary: 'Enrol a person in a program (team and worker given, or by the team covering the person’s region); opens the first follow-up',
          body: z.strictObject({ personId: z.uuid(), program: z.enum(PROGRAMS), teamId: z.uuid().optional(), workerId: z.uuid().optional() }),
          response: {
            201: z.object({ enrolmentId: z.string(), taskId: z.string(), dueDate: z.string(), teamId: z.string().nullable(), workerId: z.string().nullable() }),
          },
        },
      },
      async (request, reply) => reply.status(201).send(await enrolPerson(ctx, requestContextOf(request), request.body)),
    );
    app.post(
      '/api/followup/enrolments/:id/end',
      {
        schema: {
          tags: ['followup'],
          summary: 'Withdraw (consent withdrawn, person’s request) or close (recovered, deceased, moved away, other) an enrolment',
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({ reason: z.enum(END_REASONS) }),
          response: { 200: z.object({ status: z.enum(['withdrawn', 'closed']) }) },
        },
      },
      async (request) => endEnrolment(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/followup/reassign',
      {
        schema: {
          tags: ['followup'],
          summary: 'Bulk reassignment of enrolments (and their open follow-ups) to a team and worker; all or nothing',
          body: z.strictObject({ enrolmentIds: z.array(z.uuid()).min(1).max(500), teamId: z.uuid(), workerId: z.uuid().optional() }),
          response: { 200: z.object({ reassigned: z.number() }) },
        },
      },
      async (request) => reassignEnrolments(ctx, requestContextOf(request), request.body),
    );
    app.get(
      '/api/followup/tasks',
      {
        schema: {
          tags: ['followup'],
          summary: 'Worklists: mine / a team’s / a region’s follow-ups due today, this week, overdue or all open; keyset-paginated',
          querystring: z.strictObject({
            scope: z.enum(['mine', 'team', 'region']).default('mine'),
            when: z.enum(['today', 'week', 'overdue', 'open']).default('today'),
            teamId: z.uuid().optional(),
            region: regionCode.optional(),
            program: z.enum(PROGRAMS).optional(),
            cursor: z.string().min(1).max(200).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(worklistItem), nextCursor: z.string().nullable(), today: z.string() }) },
        },
        // The busiest read of the service loop: listWorklist builds each item field by field and the type provider
        // checks that shape against the schema at compile time, so the reply is stringified as is instead of being
        // parsed again by zod (the schema still documents it in OpenAPI).
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (request) => listWorklist(ctx, requestContextOf(request), request.query),
    );
    app.get(
      '/api/followup/counts',
      {
        schema: {
          tags: ['followup'],
          summary: 'Follow-ups by status for each region one level below `region` (open by time status; done and unreachable in the last 30 days)',
          querystring: z.strictObject({ region: regionCode.optional() }),
          response: {
            200: z.object({
              region: z.string().nullable(),
              today: z.string(),
              rows: z.array(
                z.object({ code: z.string(), name: z.string(), scheduled: z.number(), due: z.number(), overdue: z.number(), done: z.number(), unreachable: z.number() }),
              ),
            }),
          },
        },
      },
      async (request) => countFollowUps(ctx, requestContextOf(request), request.query),
    );
    app.get(
      '/api/followup/tasks/:id',
      {
        schema: {
          tags: ['followup'],
          summary: 'A follow-up task with what the record form needs',
          params: z.object({ id: z.uuid() }),
          response: {
            200: z.object({
              id: z.string(),
              enrolmentId: z.string(),
              personId: z.string(),
              personName: z.string(),
              program: z.enum(PROGRAMS),
              regionCode: z.string(),
              teamId: z.string().nullable(),
              workerId: z.string().nullable(),
              dueDate: z.string(),
              windowStart: z.string(),
              windowEnd: z.string(),
              status: z.enum(TASK_STATUSES),
              rule: z.string(),
              withSpecialist: z.boolean(),
              enrolledOn: z.string(),
              previousClassification: z.enum(SMD_CLASSIFICATIONS).nullable(),
              latestSeverity: z.string().nullable(),
              crisisFlag: z.boolean(),
              today: z.string(),
              canRecord: z.boolean(),
            }),
          },
        },
      },
      async (request) => getFollowUpTask(ctx, requestContextOf(request), request.params.id),
    );
    app.post(
      '/api/followup/tasks/:id/records',
      {
        schema: {
          tags: ['followup'],
          summary: 'Record a follow-up: closes the task and opens the next (policy date, or another with a reason)',
          params: z.object({ id: z.uuid() }),
          body: recordBody,
          response: {
            201: z.object({
              recordId: z.string(),
              classification: z.enum(SMD_CLASSIFICATIONS).nullable(),
              next: z.object({ taskId: z.string(), dueDate: z.string(), rule: z.string(), proposedDate: z.string() }).nullable(),
              crisisCaseId: z.string().nullable(),
            }),
          },
        },
      },
      async (request, reply) => reply.status(201).send(await recordFollowUp(ctx, requestContextOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/followup/persons/:personId',
      {
        schema: {
          tags: ['followup'],
          summary: 'A person’s enrolments, follow-up tasks and records',
          params: z.object({ personId: z.uuid() }),
          response: {
            200: z.object({
              personId: z.string(),
              enrolments: z.array(
                z.object({
                  id: z.string(),
                  program: z.enum(PROGRAMS),
                  status: z.string(),
                  regionCode: z.string(),
                  teamId: z.string().nullable(),
                  workerId: z.string().nullable(),
                  enrolledOn: z.string(),
                  endedOn: z.string().nullable(),
                  endReason: z.string().nullable(),
                  lastClassification: z.string().nullable(),
                }),
              ),
              tasks: z.array(
                z.object({
                  id: z.string(),
                  enrolmentId: z.string(),
                  program: z.string(),
                  regionCode: z.string(),
                  dueDate: z.string(),
                  windowStart: z.string(),
                  windowEnd: z.string(),
                  status: z.string(),
                  rule: z.string(),
                }),
              ),
              records: z.array(
                z.object({
                  id: z.string(),
                  taskId: z.string(),
                  visitedOn: z.string(),
                  mode: z.string(),
                  reached: z.boolean(),
                  riskLevel: z.number().nullable(),
                  classification: z.string().nullable(),
                  nextDate: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => getPersonFollowUp(ctx, requestContextOf(request), request.params.personId),
    );
    app.get(
      '/api/followup/teams',
      {
        schema: {
          tags: ['followup'],
          summary: 'The caller’s teams, and the teams within the jurisdiction where the caller may assign',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  kind: z.string(),
                  regionCode: z.string(),
                  mine: z.boolean(),
                  members: z.array(z.object({ accountId: z.string(), displayName: z.string(), isLead: z.boolean() })),
                }),
              ),
            }),
          },
        },
      },
      async (request) => listFollowUpTeams(ctx, requestContextOf(request)),
    );
    app.put(
      '/api/followup/sms-number',
      {
        schema: {
          tags: ['followup'],
          summary: 'The caller’s own mobile number for SMS follow-up reminders (null removes it)',
          body: z.strictObject({ phone: z.string().max(20).nullable() }),
          response: { 200: z.object({ enabled: z.boolean() }) },
        },
      },
      async (request) => setSmsNumber(ctx, requestContextOf(request), request.body),
    );
  };
}
