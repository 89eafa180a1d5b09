import { CATEGORY_SOURCES, POPULATION_CATEGORIES, SEXES, SPECIAL_POPULATION_SUBTYPES, VERIFICATION_STATUSES } from '@anxin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { getPerson } from './get-person.ts';
import { registerPerson } from './register-person.ts';
import { searchPersons } from './search-persons.ts';

const categoryCodes = POPULATION_CATEGORIES.map((c) => c.code) as [(typeof POPULATION_CATEGORIES)[number]['code'], ...(typeof POPULATION_CATEGORIES)[number]['code'][]];
const subtypeCodes = SPECIAL_POPULATION_SUBTYPES.map((c) => c.code) as [
  (typeof SPECIAL_POPULATION_SUBTYPES)[number]['code'],
  ...(typeof SPECIAL_POPULATION_SUBTYPES)[number]['code'][],
];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const regionCode = z.string().regex(/^(\d{12}|\d{15})$/, 'a region code has 12 digits (15 for a grid)');

// Shapes only; the domain's validatePersonInput does the real checks and names the field.
const registerBody = z.strictObject({
  name: z.string().max(100),
  sex: z.enum(SEXES).optional(),
  birthDate: isoDate.optional(),
  nationalId: z.string().max(30).optional(),
  phone: z.string().max(30).optional(),
  address: z.string().max(400).optional(),
  residenceRegionCode: regionCode,
  deceasedDate: isoDate.optional(),
  categories: z
    .array(
      z.strictObject({
        category: z.enum(categoryCodes),
        subtype: z.enum(subtypeCodes).optional(),
        source: z.enum(CATEGORY_SOURCES),
        validFrom: isoDate.optional(),
        validTo: isoDate.optional(),
      }),
    )
    .max(20)
    .optional(),
});

const personView = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  nationalId: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  regionCode: z.string(),
  verificationStatus: z.string(),
  deceasedDate: z.string().nullable(),
  mergedInto: z.string().nullable(),
  categories: z.array(
    z.object({ category: z.string(), subtype: z.string().nullable(), source: z.string(), validFrom: z.string(), validTo: z.string().nullable() }),
  ),
  full: z.boolean(),
});

export function personRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/persons',
      {
        schema: {
          tags: ['persons'],
          summary: 'Register a person (409 ALREADY_EXISTS with details.personId when the national ID is registered)',
          body: registerBody,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await registerPerson(ctx, requestContextOf(request), request.body)),
    );
    app.get(
      '/api/persons',
      {
        schema: {
          tags: ['persons'],
          summary: 'Search the register within the caller’s jurisdiction (masked unless person.read_full)',
          querystring: z.strictObject({
            q: z.string().trim().min(1).max(50).optional(),
            nationalId: z.string().trim().min(1).max(30).optional(),
            phone: z.string().trim().min(1).max(30).optional(),
            category: z.enum(categoryCodes).optional(),
            verificationStatus: z.enum(VERIFICATION_STATUSES).optional(),
            region: regionCode.optional(),
            cursor: z.string().min(1).max(500).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(personView), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => searchPersons(ctx, requestContextOf(request), request.query),
    );
    app.get(
      '/api/persons/:id',
      {
        schema: {
          tags: ['persons'],
          summary: 'One person; full identifiers (audited) with person.read_full unless masked=true',
          params: z.strictObject({ id: z.string().uuid() }),
          querystring: z.strictObject({
            reason: z.string().trim().min(1).max(200).optional(),
            masked: z.enum(['true', 'false']).optional(),
          }),
          response: { 200: personView },
        },
      },
      async (request) =>
        getPerson(ctx, requestContextOf(request), { id: request.params.id, reason: request.query.reason, masked: request.query.masked === 'true' }),
    );
  };
}
