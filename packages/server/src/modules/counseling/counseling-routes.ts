import { ATTENDANCE, INTERVENTION_TYPES, PLAN_STATUSES, SESSION_MODALITIES, TOOLKIT_ITEMS } from '@anxin/domain/service/counseling.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { changePlanStatus } from './change-plan-status.ts';
import { correctCounselingSession } from './correct-counseling-session.ts';
import { createCounselingPlan } from './create-counseling-plan.ts';
import { getPersonCounseling } from './get-person-counseling.ts';
import { listCounselingPlans } from './list-counseling-plans.ts';
import { listCounselingSessions } from './list-counseling-sessions.ts';
import { listCounselors } from './list-counselors.ts';
import { listSessionRevisions } from './list-session-revisions.ts';
import { reassignCounselingPlans } from './reassign-counseling-plans.ts';
import { recordCounselingSession } from './record-counseling-session.ts';
import { recordToolkitHandout } from './record-toolkit-handout.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const uuid = z.string().uuid();
const text = (max: number) => z.string().max(max);

const planView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  regionCode: z.string(),
  type: z.string(),
  status: z.string(),
  consultationId: z.string().nullable(),
  goals: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  responsibleAccountId: z.string().nullable(),
  responsibleName: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  sessionCount: z.number(),
  hidden: z.array(z.string()),
});

const sessionView = z.object({
  id: z.string(),
  type: z.string(),
  regionCode: z.string(),
  date: z.string(),
  durationMinutes: z.number(),
  modality: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  topic: z.string().nullable(),
  goals: z.string().nullable(),
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  hidden: z.array(z.string()),
  participants: z.array(z.object({ personId: z.string(), personName: z.string(), planId: z.string().nullable(), attendance: z.string() })),
  revisionCount: z.number(),
  revisedAt: z.string().nullable(),
  editable: z.boolean(),
});

const revisionView = z.object({
  id: z.number(),
  revisedAt: z.string(),
  revisedBy: z.string(),
  revisedByName: z.string(),
  reason: z.string().nullable(),
  changed: z.array(z.string()),
  previous: z.object({
    date: z.string(),
    durationMinutes: z.number(),
    modality: z.string(),
    attendance: z.array(z.object({ personId: z.string(), attendance: z.string() })).nullable(),
    topic: z.string().nullable(),
    goals: z.string().nullable(),
    outcome: z.string().nullable(),
    notes: z.string().nullable(),
  }),
  hidden: z.array(z.string()),
});

const handoutView = z.object({
  id: z.string(),
  personId: z.string(),
  item: z.string(),
  itemLabel: z.string().nullable(),
  quantity: z.number(),
  handedOn: z.string(),
  handedBy: z.string(),
  handedByName: z.string(),
});

const created = { 201: z.object({ id: z.string() }) };

export function counselingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/counseling/plans',
      {
        schema: {
          tags: ['counseling'],
          summary: 'Create an intervention plan, from a consultation’s recommendation or directly',
          body: z.strictObject({
            personId: uuid.optional(),
            consultationId: uuid.optional(),
            type: z.enum(INTERVENTION_TYPES).optional(),
            goals: text(4000).optional(),
            teamId: uuid.optional(),
            responsibleAccountId: uuid.optional(),
            startDate: isoDate.optional(),
          }),
          response: created,
        },
      },
      async (request, reply) => reply.status(201).send(await createCounselingPlan(ctx, requestContextOf(request), request.body)),
    );
    app.get(
      '/api/counseling/plans',
      {
        schema: {
          tags: ['counseling'],
          summary: 'Intervention plans within the caller’s jurisdiction (goals only for clinical roles)',
          querystring: z.strictObject({
            status: z.enum(PLAN_STATUSES).optional(),
            type: z.enum(INTERVENTION_TYPES).optional(),
            mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
            region: z.string().regex(/^(\d{12}|\d{15})$/).optional(),
            cursor: z.string().min(1).max(500).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(planView), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => listCounselingPlans(ctx, requestContextOf(request), request.query),
    );
    app.post(
      '/api/counseling/plans/:id/status',
      {
        schema: {
          tags: ['counseling'],
          summary: 'Pause, resume, complete or cancel a plan',
          params: z.strictObject({ id: uuid }),
          body: z.strictObject({ status: z.enum(PLAN_STATUSES) }),
          response: { 200: z.object({ id: z.string(), status: z.string() }) },
        },
      },
      async (request) => changePlanStatus(ctx, requestContextOf(request), { planId: request.params.id, status: request.body.status }),
    );
    app.post(
      '/api/counseling/plans/reassign',
      {
        schema: {
          tags: ['counseling'],
          summary: 'Reassign one or many open plans to another counselor and/or team (all or nothing)',
          body: z.strictObject({
            planIds: z.array(uuid).min(1).max(500),
            responsibleAccountId: uuid.nullable().optional(),
            teamId: uuid.nullable().optional(),
          }),
          response: { 200: z.object({ reassigned: z.number() }) },
        },
      },
      async (request) => reassignCounselingPlans(ctx, requestContextOf(request), request.body),
    );
    app.get(
      '/api/counseling/counselors',
      {
        schema: {
          tags: ['counseling'],
          summary: 'Accounts a plan can be handed to: those who record counseling within or above the caller’s jurisdiction',
          response: { 200: z.object({ items: z.array(z.object({ accountId: z.string(), displayName: z.string(), role: z.string(), regionCode: z.string() })) }) },
        },
      },
      async (request) => listCounselors(ctx, requestContextOf(request)),
    );
    app.patch(
      '/api/counseling/sessions/:id',
      {
        schema: {
          tags: ['counseling'],
          summary: 'Correct a recorded session, with a reason (the replaced values are kept; notes only by roles that read them)',
          params: z.strictObject({ id: uuid }),
          body: z.strictObject({
            reason: text(500),
            date: isoDate.optional(),
            durationMinutes: z.number().int().optional(),
            modality: z.enum(SESSION_MODALITIES).optional(),
            topic: text(200).nullable().optional(),
            goals: text(4000).nullable().optional(),
            outcome: text(4000).nullable().optional(),
            notes: text(20000).nullable().optional(),
            attendance: z.array(z.strictObject({ personId: uuid, attendance: z.enum(ATTENDANCE) })).min(1).max(60).optional(),
          }),
          response: { 200: z.object({ id: z.string(), revisionCount: z.number(), changed: z.array(z.string()) }) },
        },
      },
      async (request) => correctCounselingSession(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/counseling/sessions/:id/revisions',
      {
        schema: {
          tags: ['counseling'],
          summary: 'A session’s corrections with the values they replaced (same visibility tiers as the session)',
          params: z.strictObject({ id: uuid }),
          response: { 200: z.object({ items: z.array(revisionView) }) },
        },
      },
      async (request) => listSessionRevisions(ctx, requestContextOf(request), request.params.id),
    );
    app.post(
      '/api/counseling/sessions',
      {
        schema: {
          tags: ['counseling'],
          summary: 'Record a session: individual or family (one person) or group (many, attendance per person)',
          body: z.strictObject({
            type: z.enum(INTERVENTION_TYPES),
            date: isoDate,
            durationMinutes: z.number().int(),
            modality: z.enum(SESSION_MODALITIES),
            providerId: uuid.optional(),
            topic: text(200).optional(),
            goals: text(4000).optional(),
            outcome: text(4000).optional(),
            notes: text(20000).optional(),
            participants: z
              .array(z.strictObject({ personId: uuid, planId: uuid.optional(), attendance: z.enum(ATTENDANCE).optional() }))
              .min(1)
              .max(60),
          }),
          response: created,
        },
      },
      async (request, reply) => reply.status(201).send(await recordCounselingSession(ctx, requestContextOf(request), request.body)),
    );
    app.get(
      '/api/counseling/sessions',
      {
        schema: {
          tags: ['counseling'],
          summary: 'Recent sessions within the caller’s jurisdiction (notes only with counseling.read_notes)',
          querystring: z.strictObject({
            mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(sessionView) }) },
        },
      },
      async (request) => listCounselingSessions(ctx, requestContextOf(request), request.query),
    );
    app.get(
      '/api/persons/:id/counseling',
      {
        schema: {
          tags: ['counseling'],
          summary: 'A person’s plans, sessions and toolkit hand-outs',
          params: z.strictObject({ id: uuid }),
          response: { 200: z.object({ plans: z.array(planView), sessions: z.array(sessionView), handouts: z.array(handoutView) }) },
        },
      },
      async (request) => getPersonCounseling(ctx, requestContextOf(request), { personId: request.params.id }),
    );
    app.post(
      '/api/toolkit-handouts',
      {
        schema: {
          tags: ['counseling'],
          summary: 'Record a mental-health toolkit hand-out (handbook, service leaflet, other)',
          body: z.strictObject({
            personId: uuid,
            item: z.enum(TOOLKIT_ITEMS),
            itemLabel: text(100).optional(),
            quantity: z.number().int().min(1).max(20).optional(),
            handedOn: isoDate.optional(),
          }),
          response: created,
        },
      },
      async (request, reply) => reply.status(201).send(await recordToolkitHandout(ctx, requestContextOf(request), request.body)),
    );
  };
}
