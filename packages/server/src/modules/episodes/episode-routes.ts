import { DISCHARGE_DESTINATIONS, EPISODE_SEVERITIES } from '@anxin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { listPersonEpisodes } from './list-person-episodes.ts';
import { recordEpisode } from './record-episode.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const medication = z.strictObject({ drug: z.string().max(100), dose: z.string().max(100), prescriber: z.string().max(50) });

// Shapes only; the domain's validateEpisode checks dates, codes and medications and names the field.
const episodeBody = z.strictObject({
  hospitalOrgId: z.string().uuid(),
  recordNumber: z.string().trim().min(1).max(50).optional(),
  admissionDate: isoDate,
  dischargeDate: isoDate.optional(),
  diagnosisCodes: z.array(z.string().max(20)).max(20).default([]),
  severity: z.enum(EPISODE_SEVERITIES).optional(),
  treatmentSummary: z.string().max(4000).optional(),
  psychMedications: z.array(medication).max(20).default([]),
  dischargeDestination: z.enum(DISCHARGE_DESTINATIONS).optional(),
  primaryCareNotes: z.string().max(2000).optional(),
});

const episodeView = z.object({
  id: z.string(),
  hospitalOrgId: z.string(),
  hospitalName: z.string(),
  recordNumber: z.string().nullable(),
  admissionDate: z.string(),
  dischargeDate: z.string().nullable(),
  diagnosisCodes: z.array(z.string()),
  severity: z.string().nullable(),
  treatmentSummary: z.string().nullable(),
  psychMedications: z.array(z.object({ drug: z.string(), dose: z.string(), prescriber: z.string() })),
  medicationHandover: z.boolean(),
  dischargeDestination: z.string().nullable(),
  primaryCareNotes: z.string().nullable(),
});

export function episodeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/persons/:id/episodes',
      {
        schema: {
          tags: ['episodes'],
          summary: 'Record a hospital episode (idempotent by hospital + record number); a discharge hands the person over to primary care',
          params: z.strictObject({ id: z.string().uuid() }),
          body: episodeBody,
          response: {
            201: z.object({ id: z.string(), outcome: z.enum(['created', 'updated', 'unchanged']), handedOver: z.boolean() }),
            200: z.object({ id: z.string(), outcome: z.enum(['created', 'updated', 'unchanged']), handedOver: z.boolean() }),
          },
        },
      },
      async (request, reply) => {
        const { dischargeDate, recordNumber, severity, treatmentSummary, dischargeDestination, primaryCareNotes, ...rest } = request.body;
        const result = await recordEpisode(ctx, requestContextOf(request), request.params.id, {
          ...rest,
          ...(dischargeDate !== undefined ? { dischargeDate } : {}),
          ...(recordNumber !== undefined ? { recordNumber } : {}),
          ...(severity !== undefined ? { severity } : {}),
          ...(treatmentSummary !== undefined ? { treatmentSummary } : {}),
          ...(dischargeDestination !== undefined ? { dischargeDestination } : {}),
          ...(primaryCareNotes !== undefined ? { primaryCareNotes } : {}),
        });
        return reply.status(result.outcome === 'created' ? 201 : 200).send(result);
      },
    );
    app.get(
      '/api/persons/:id/episodes',
      {
        schema: {
          tags: ['episodes'],
          summary: 'A person’s hospital episodes (episode.read)',
          params: z.strictObject({ id: z.string().uuid() }),
          response: { 200: z.object({ items: z.array(episodeView) }) },
        },
      },
      async (request) => listPersonEpisodes(ctx, requestContextOf(request), request.params.id),
    );
  };
}
