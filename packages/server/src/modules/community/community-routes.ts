import { CATEGORY_SOURCES, HOUSEHOLD_RELATIONS, POPULATION_CATEGORIES, SPECIAL_POPULATION_SUBTYPES, VERIFICATION_EVENT_TYPES } from '@anxin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { addCategory, endCategory, listCategories } from './categories.ts';
import { getContractStatus, listContractTasks, recordContract } from './contracts.ts';
import { dismissDuplicate, listDuplicateCandidates, mergeDuplicate, unmergeDuplicate } from './duplicates.ts';
import { acknowledgeHandover, listHandovers } from './handovers.ts';
import { addHouseholdMember, listHousehold, removeHouseholdMember } from './household.ts';
import { listTimeline } from './list-timeline.ts';
import { recordVerification, verificationHistory } from './record-verification.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const regionCode = z.string().regex(/^(\d{12}|\d{15})$/, 'a region code has 12 digits (15 for a grid)');
const personParams = z.strictObject({ id: z.uuid() });
const page = { cursor: z.string().min(1).max(500).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };
const categoryCodes = POPULATION_CATEGORIES.map((c) => c.code) as [string, ...string[]];
const subtypeCodes = SPECIAL_POPULATION_SUBTYPES.map((c) => c.code) as [string, ...string[]];

const personView = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.string(),
  birthDate: z.string(),
  nationalId: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  regionCode: z.string(),
  verificationStatus: z.string(),
  deceasedDate: z.string().nullable(),
  mergedInto: z.string().nullable(),
  categories: z.array(z.object({ category: z.string(), subtype: z.string().nullable(), source: z.string(), validFrom: z.string(), validTo: z.string().nullable() })),
  full: z.boolean(),
});

const handoverView = z.object({
  id: z.string(),
  reason: z.string(),
  status: z.string(),
  medicationHandover: z.boolean(),
  regionCode: z.string(),
  toOrgId: z.string().nullable(),
  toOrgName: z.string().nullable(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  dischargeDate: z.string().nullable(),
  person: z.object({
    id: z.string(),
    name: z.string(),
    sex: z.string(),
    birthDate: z.string(),
    regionCode: z.string(),
    verificationStatus: z.string(),
    movedTo: z.string().nullable(),
  }),
});

/** The community side of the register: household, categories, verification, hand-over inbox, contracts, duplicates, timeline. */
export function communityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Household
    app.get(
      '/api/persons/:id/household',
      {
        schema: {
          tags: ['persons'],
          summary: 'Household members (names masked unless person.read_full)',
          params: personParams,
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), relation: z.string(), memberPersonId: z.string().nullable(), name: z.string() })) }) },
        },
      },
      async (request) => listHousehold(ctx, requestContextOf(request), request.params.id),
    );
    app.post(
      '/api/persons/:id/household',
      {
        schema: {
          tags: ['persons'],
          summary: 'Add a household member: a registered person or a name, with the relation',
          params: personParams,
          body: z.strictObject({ relation: z.enum(HOUSEHOLD_RELATIONS), memberPersonId: z.uuid().optional(), name: z.string().max(50).optional() }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await addHouseholdMember(ctx, requestContextOf(request), request.params.id, request.body)),
    );
    app.delete(
      '/api/persons/:id/household/:memberId',
      { schema: { tags: ['persons'], summary: 'Remove a household member', params: z.strictObject({ id: z.uuid(), memberId: z.uuid() }) } },
      async (request, reply) => {
        await removeHouseholdMember(ctx, requestContextOf(request), request.params.id, request.params.memberId);
        return reply.status(204).send();
      },
    );

    // Categories
    const membership = z.object({
      id: z.string(),
      category: z.string(),
      subtype: z.string().nullable(),
      source: z.string(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      active: z.boolean(),
    });
    app.get(
      '/api/persons/:id/categories',
      { schema: { tags: ['persons'], summary: 'Category memberships with their periods', params: personParams, response: { 200: z.object({ items: z.array(membership) }) } } },
      async (request) => listCategories(ctx, requestContextOf(request), request.params.id),
    );
    app.post(
      '/api/persons/:id/categories',
      {
        schema: {
          tags: ['persons'],
          summary: 'Add a category membership',
          params: personParams,
          body: z.strictObject({
            category: z.enum(categoryCodes),
            subtype: z.enum(subtypeCodes).optional(),
            source: z.enum(CATEGORY_SOURCES),
            validFrom: isoDate.optional(),
            validTo: isoDate.optional(),
          }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await addCategory(ctx, requestContextOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/persons/:id/categories/:categoryId/end',
      {
        schema: {
          tags: ['persons'],
          summary: 'End a category membership (validTo: last day it applies; default today)',
          params: z.strictObject({ id: z.uuid(), categoryId: z.uuid() }),
          body: z.strictObject({ validTo: isoDate.optional() }),
        },
      },
      async (request, reply) => {
        await endCategory(ctx, requestContextOf(request), request.params.id, request.params.categoryId, request.body);
        return reply.status(204).send();
      },
    );

    // Verification
    app.post(
      '/api/persons/:id/verifications',
      {
        schema: {
          tags: ['verification'],
          summary: 'Record a verification (核对): confirm, correct phone/address, not found, moved, deceased, or answer a move',
          params: personParams,
          body: z.strictObject({
            event: z.enum(VERIFICATION_EVENT_TYPES),
            phone: z.string().max(30).optional(),
            address: z.string().max(400).optional(),
            toRegionCode: regionCode.optional(),
            deceasedDate: isoDate.optional(),
          }),
          response: {
            200: z.object({ status: z.string(), regionCode: z.string(), movedTo: z.string().nullable(), handoverId: z.string().nullable(), routedTo: z.string().nullable() }),
          },
        },
      },
      async (request) => recordVerification(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/persons/:id/verifications',
      {
        schema: {
          tags: ['verification'],
          summary: 'Verification status and history',
          params: personParams,
          response: {
            200: z.object({
              status: z.string(),
              movedTo: z.string().nullable(),
              deceasedDate: z.string().nullable(),
              items: z.array(
                z.object({
                  id: z.string(),
                  event: z.string(),
                  fromStatus: z.string(),
                  toStatus: z.string(),
                  regionCode: z.string(),
                  movedTo: z.string().nullable(),
                  deceasedOn: z.string().nullable(),
                  changed: z.array(z.string()),
                  recordedBy: z.string().nullable(),
                  recordedByName: z.string().nullable(),
                  recordedAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => verificationHistory(ctx, requestContextOf(request), request.params.id),
    );

    // Hand-over inbox
    app.get(
      '/api/handovers',
      {
        schema: {
          tags: ['handovers'],
          summary: 'New-arrivals inbox of the caller’s primary-care institution or region subtree, newest first',
          querystring: z.strictObject({ status: z.enum(['new', 'acknowledged', 'closed']).default('new'), ...page }),
          response: { 200: z.object({ items: z.array(handoverView), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => listHandovers(ctx, requestContextOf(request), request.query),
    );
    app.post(
      '/api/handovers/:id/acknowledge',
      { schema: { tags: ['handovers'], summary: 'Acknowledge a new arrival', params: personParams, response: { 200: handoverView } } },
      async (request) => acknowledgeHandover(ctx, requestContextOf(request), request.params.id),
    );

    // Family-doctor contracts
    app.get(
      '/api/persons/:id/contract',
      {
        schema: {
          tags: ['contracts'],
          summary: 'Family-doctor contract status today (none / signed / expired) and agreements',
          params: personParams,
          response: {
            200: z.object({
              status: z.enum(['none', 'signed', 'expired']),
              validThrough: z.string().nullable(),
              agreements: z.array(
                z.object({
                  id: z.string(),
                  doctor: z.string(),
                  doctorAccountId: z.string().nullable(),
                  signedOn: z.string(),
                  termMonths: z.number(),
                  terminatedOn: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => getContractStatus(ctx, requestContextOf(request), request.params.id),
    );
    app.post(
      '/api/persons/:id/contracts',
      {
        schema: {
          tags: ['contracts'],
          summary: 'Record a signed family-doctor agreement',
          params: personParams,
          body: z.strictObject({
            doctorAccountId: z.uuid().optional(),
            doctorName: z.string().max(100).optional(),
            signedOn: isoDate,
            termMonths: z.number().int().min(1).max(120).default(12),
          }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await recordContract(ctx, requestContextOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/contract-tasks',
      {
        schema: {
          tags: ['contracts'],
          summary: 'Recovered patients in the caller’s coverage without a family-doctor agreement in force',
          querystring: z.strictObject(page),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  personId: z.string(),
                  name: z.string(),
                  sex: z.string(),
                  birthDate: z.string(),
                  regionCode: z.string(),
                  verificationStatus: z.string(),
                  status: z.enum(['none', 'expired']),
                  lastValidThrough: z.string().nullable(),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => listContractTasks(ctx, requestContextOf(request), request.query),
    );

    // Duplicates
    app.get(
      '/api/duplicates',
      {
        schema: {
          tags: ['duplicates'],
          summary: 'Pending duplicate pairs within the caller’s person.merge jurisdiction, oldest first (masked)',
          querystring: z.strictObject(page),
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.string(), status: z.string(), matchedOn: z.array(z.string()), createdAt: z.string(), a: personView, b: personView })),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => listDuplicateCandidates(ctx, requestContextOf(request), request.query),
    );
    const candidateParams = z.strictObject({ id: z.uuid() });
    app.post(
      '/api/duplicates/:id/merge',
      {
        schema: {
          tags: ['duplicates'],
          summary: 'Merge the pair into the survivor (every person_id row moves; undoable)',
          params: candidateParams,
          body: z.strictObject({ survivorId: z.uuid() }),
          response: { 200: z.object({ mergeId: z.string(), moved: z.record(z.string(), z.number()) }) },
        },
      },
      async (request) => mergeDuplicate(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/duplicates/:id/unmerge',
      {
        schema: {
          tags: ['duplicates'],
          summary: 'Undo the pair’s merge',
          params: candidateParams,
          response: { 200: z.object({ restored: z.record(z.string(), z.number()) }) },
        },
      },
      async (request) => unmergeDuplicate(ctx, requestContextOf(request), request.params.id),
    );
    app.post(
      '/api/duplicates/:id/dismiss',
      { schema: { tags: ['duplicates'], summary: 'The pair are different people', params: candidateParams } },
      async (request, reply) => {
        await dismissDuplicate(ctx, requestContextOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    // Timeline
    app.get(
      '/api/persons/:id/timeline',
      {
        schema: {
          tags: ['persons'],
          summary: 'The person’s timeline, newest first (keyset-paged)',
          params: personParams,
          querystring: z.strictObject(page),
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.number(), occurredAt: z.string(), kind: z.string(), refId: z.string().nullable(), summary: z.record(z.string(), z.unknown()) })),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => listTimeline(ctx, requestContextOf(request), request.params.id, request.query),
    );
  };
}
