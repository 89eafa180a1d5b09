import { REPORT_PERIOD_KINDS, REPORT_STATUSES } from '@anxin/domain/figures/report-workflow.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { XLSX_TYPE } from '../dashboards/dashboard-routes.ts';
import { exportReport } from './export-report.ts';
import { getReport } from './get-report.ts';
import { listReports } from './list-reports.ts';
import { reviewReport } from './review-report.ts';
import { saveReport } from './save-report.ts';
import { submitReport } from './submit-report.ts';

const reportRecord = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  periodKind: z.enum(REPORT_PERIOD_KINDS),
  period: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(REPORT_STATUSES),
  experience: z.string(),
  reviewComment: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  submittedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
});
const idParams = z.strictObject({ id: z.string().uuid() });

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'Reports within the caller’s jurisdiction, newest period first',
          querystring: z.strictObject({
            status: z.enum(REPORT_STATUSES).optional(),
            periodKind: z.enum(REPORT_PERIOD_KINDS).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ items: z.array(reportRecord) }) },
        },
      },
      async (request) => ({ items: await listReports(ctx, requestContextOf(request), request.query) }),
    );
    app.post(
      '/api/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'Create the report of a county or city for a month (YYYY-MM) or quarter (YYYY-Qn), or edit its practice text',
          body: z.strictObject({
            regionCode: z.string().regex(/^\d{12}$/, 'a region code has 12 digits'),
            periodKind: z.enum(REPORT_PERIOD_KINDS),
            period: z.string().max(10),
            experience: z.string().max(20000),
          }),
          response: { 200: z.object({ id: z.string(), created: z.boolean() }) },
        },
      },
      async (request) => saveReport(ctx, requestContextOf(request), request.body),
    );
    app.get(
      '/api/reports/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'A report with its figures (frozen once submitted) and history',
          params: idParams,
          response: {
            200: z.object({
              report: reportRecord,
              figures: z.record(z.string(), z.number().nullable()),
              figuresFrozen: z.boolean(),
              events: z.array(z.object({ event: z.string(), actorName: z.string(), comment: z.string().nullable(), at: z.date() })),
              maySubmit: z.boolean(),
              mayReview: z.boolean(),
            }),
          },
        },
      },
      async (request) => getReport(ctx, requestContextOf(request), request.params.id),
    );
    app.post(
      '/api/reports/:id/submit',
      { schema: { tags: ['reports'], summary: 'Submit to the level above', params: idParams, response: { 200: z.object({ status: z.literal('submitted') }) } } },
      async (request) => submitReport(ctx, requestContextOf(request), request.params.id),
    );
    app.post(
      '/api/reports/:id/review',
      {
        schema: {
          tags: ['reports'],
          summary: 'Accept (locks the report) or return with a comment; only the level above',
          params: idParams,
          body: z.strictObject({ decision: z.enum(['accept', 'return']), comment: z.string().max(4000).optional() }),
          response: { 200: z.object({ status: z.enum(['accepted', 'returned']) }) },
        },
      },
      async (request) => reviewReport(ctx, requestContextOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/reports/:id/export',
      {
        schema: {
          tags: ['reports'],
          summary: 'The report as XLSX or PDF (CJK font from the system)',
          params: idParams,
          querystring: z.strictObject({ format: z.enum(['xlsx', 'pdf']).default('pdf') }),
        },
      },
      async (request, reply) => {
        const file = await exportReport(ctx, requestContextOf(request), request.params.id, request.query.format);
        return reply
          .header('content-type', request.query.format === 'pdf' ? 'application/pdf' : XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );
  };
}
