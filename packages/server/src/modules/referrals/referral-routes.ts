import { REFERRAL_EVENTS, REFERRAL_STATUSES } from '@anxin/domain/referrals/referral-state.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { actOnReferral } from './act-on-referral.ts';
import { getReferral } from './get-referral.ts';
import { listReferralOrganizations } from './list-referral-organizations.ts';
import { listPersonReferrals } from './list-person-referrals.ts';
import { listReferralQueue } from './list-referral-queue.ts';
import { printReferralLetter } from './print-referral-letter.ts';
import { CLINICAL_REFERRAL_TOPICS, sendReferral } from './send-referral.ts';

const uuid = z.string().uuid();
const org = z.object({ id: z.string(), name: z.string(), type: z.string() });

export const referralView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  kind: z.string(),
  topic: z.string(),
  urgency: z.string(),
  from: org.nullable(),
  to: org,
  careVisitId: z.string().nullable(),
  status: z.string(),
  reason: z.string().nullable(),
  declineReason: z.string().nullable(),
  advice: z.string().nullable(),
  sentByName: z.string(),
  sentAt: z.string(),
  acceptedAt: z.string().nullable(),
  seenAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  sides: z.array(z.string()),
  allowedEvents: z.array(z.string()),
  events: z.array(z.object({ event: z.string(), toStatus: z.string(), at: z.string(), actorName: z.string(), organizationName: z.string().nullable() })).optional(),
});

export function referralRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/referrals',
      {
        schema: {
          tags: ['referrals'],
          summary: 'Send a two-way referral from the caller’s organization to another',
          body: z.strictObject({
            personId: uuid,
            toOrganizationId: uuid,
            fromOrganizationId: uuid.optional(),
            topic: z.enum(CLINICAL_REFERRAL_TOPICS),
            urgency: z.enum(['routine', 'urgent']).optional(),
            reason: z.string().max(4000).optional(),
          }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await sendReferral(ctx, requestContextOf(request), request.body)),
    );
    app.get(
      '/api/referrals',
      {
        schema: {
          tags: ['referrals'],
          summary: 'The caller’s queue: incoming (to its organizations) or outgoing (from them), open ones by default',
          querystring: z.strictObject({
            direction: z.enum(['incoming', 'outgoing']),
            status: z.enum([...REFERRAL_STATUSES, 'open', 'all']).optional(),
            kind: z.enum(['clinical', 'aid']).optional(),
            cursor: z.string().min(1).max(500).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(referralView), nextCursor: z.string().nullable(), organizations: z.array(z.string()) }) },
        },
      },
      async (request) => listReferralQueue(ctx, requestContextOf(request), request.query),
    );
    app.get(
      '/api/referrals/organizations',
      {
        schema: {
          tags: ['referrals'],
          summary: 'Organizations a referral can be addressed to, and those the caller acts for',
          response: {
            200: z.object({ items: z.array(z.object({ id: z.string(), type: z.string(), name: z.string(), regionCode: z.string() })), mine: z.array(z.string()) }),
          },
        },
      },
      async (request) => listReferralOrganizations(ctx, requestContextOf(request)),
    );
    app.get(
      '/api/referrals/:id',
      {
        schema: { tags: ['referrals'], summary: 'One referral with its history (parties only)', params: z.strictObject({ id: uuid }), response: { 200: referralView } },
      },
      async (request) => getReferral(ctx, requestContextOf(request), { id: request.params.id }),
    );
    app.post(
      '/api/referrals/:id/events',
      {
        schema: {
          tags: ['referrals'],
          summary: 'Accept, decline, record seen, return with advice (receiver) or close (sender)',
          params: z.strictObject({ id: uuid }),
          body: z.strictObject({ event: z.enum(REFERRAL_EVENTS), text: z.string().max(4000).optional() }),
          response: { 200: referralView },
        },
      },
      async (request) => actOnReferral(ctx, requestContextOf(request), { referralId: request.params.id, event: request.body.event, text: request.body.text }),
    );
    app.get(
      '/api/persons/:id/referrals',
      {
        schema: {
          tags: ['referrals'],
          summary: 'A person’s referrals and aid requests that the caller is a party to',
          params: z.strictObject({ id: uuid }),
          response: { 200: z.object({ items: z.array(referralView) }) },
        },
      },
      async (request) => listPersonReferrals(ctx, requestContextOf(request), { personId: request.params.id }),
    );
    app.get(
      '/api/referrals/:id/letter.pdf',
      {
        schema: { tags: ['referrals'], summary: 'The printable referral letter (PDF, CJK font embedded)', params: z.strictObject({ id: uuid }) },
      },
      async (request, reply) => {
        const { filename, pdf } = await printReferralLetter(ctx, requestContextOf(request), { id: request.params.id });
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${filename}"`)
          .header('cache-control', 'no-store')
          .send(pdf);
      },
    );
  };
}
