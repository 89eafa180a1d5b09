import { ECONOMIC_SITUATIONS, NEED_TYPES, NEED_URGENCIES, RECOVERY_SITUATIONS } from '@anxin/domain/service/care-visit.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { listCareVisits, listPersonCareVisits } from './list-care-visits.ts';
import { recordCareVisit } from './record-care-visit.ts';
import { requestAid } from './request-aid.ts';

const uuid = z.string().uuid();
const aidRequest = z.strictObject({
  needType: z.enum(NEED_TYPES),
  toOrganizationId: uuid,
  urgency: z.enum(NEED_URGENCIES).optional(),
  note: z.string().max(2000).optional(),
});

const careVisitView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  regionCode: z.string(),
  visitDate: z.string(),
  visitorId: z.string(),
  visitorName: z.string(),
  recoverySituation: z.string(),
  economicSituation: z.string(),
  needs: z.array(z.object({ type: z.string(), urgency: z.string() })),
  notes: z.string().nullable(),
  aidRequests: z.array(
    z.object({ id: z.string(), needType: z.string(), urgency: z.string(), toName: z.string(), toType: z.string(), status: z.string(), outcome: z.string().nullable(), sentAt: z.string() }),
  ),
});

export function careVisitRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/care-visits',
      {
        schema: {
          tags: ['care-visits'],
          summary: 'Record a care visit (关爱帮扶): recovery, family economy, needs found, and aid requests raised',
          body: z.strictObject({
            personId: uuid,
            visitDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD'),
            recoverySituation: z.enum(RECOVERY_SITUATIONS),
            economicSituation: z.enum(ECONOMIC_SITUATIONS),
            needs: z.array(z.strictObject({ type: z.enum(NEED_TYPES), urgency: z.enum(NEED_URGENCIES).optional() })).max(NEED_TYPES.length),
            notes: z.string().max(4000).optional(),
            aidRequests: z.array(aidRequest).max(NEED_TYPES.length).optional(),
          }),
          response: { 201: z.object({ id: z.string(), aidRequestIds: z.array(z.string()) }) },
        },
      },
      async (request, reply) => reply.status(201).send(await recordCareVisit(ctx, requestContextOf(request), request.body)),
    );
    app.get(
      '/api/care-visits',
      {
        schema: {
          tags: ['care-visits'],
          summary: 'Recent care visits within the caller’s jurisdiction',
          querystring: z.strictObject({
            mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(careVisitView) }) },
        },
      },
      async (request) => listCareVisits(ctx, requestContextOf(request), request.query),
    );
    app.post(
      '/api/care-visits/:id/aid-requests',
      {
        schema: {
          tags: ['care-visits'],
          summary: 'Raise an aid request for a need found on an earlier visit',
          params: z.strictObject({ id: uuid }),
          body: aidRequest,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await requestAid(ctx, requestContextOf(request), { careVisitId: request.params.id, ...request.body })),
    );
    app.get(
      '/api/persons/:id/care-visits',
      {
        schema: {
          tags: ['care-visits'],
          summary: 'A person’s care visits with their aid requests’ status and outcome',
          params: z.strictObject({ id: uuid }),
          response: { 200: z.object({ items: z.array(careVisitView) }) },
        },
      },
      async (request) => listPersonCareVisits(ctx, requestContextOf(request), { personId: request.params.id }),
    );
  };
}
