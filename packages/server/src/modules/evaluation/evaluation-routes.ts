import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { XLSX_TYPE } from '../dashboards/dashboard-routes.ts';
import { exportEvaluationDataset } from './export-evaluation-dataset.ts';

export function evaluationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/evaluation/dataset',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'De-identified person-level dataset (XLSX) for third-party evaluation; 409 when it is not k-anonymous (default k = 5)',
          querystring: z.strictObject({
            region: z.string().regex(/^\d{12}$/, 'a region code has 12 digits').optional(),
            k: z.coerce.number().int().optional(),
          }),
        },
      },
      async (request, reply) => {
        const file = await exportEvaluationDataset(ctx, requestContextOf(request), request.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('x-anxin-rows', String(file.rows))
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );
  };
}
