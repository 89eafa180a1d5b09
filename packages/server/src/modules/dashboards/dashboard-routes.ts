import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { DASHBOARD_TABLES } from './dashboard-xlsx.ts';
import { exportDashboardTable } from './export-dashboard-table.ts';
import { getDashboardSummary } from './get-dashboard-summary.ts';
import { getPopulationStatus } from './get-population-status.ts';
import { getStaffingCompliance } from './get-staffing-compliance.ts';
import { populationXlsx, staffingXlsx } from './report-tables-xlsx.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const regionCode = z.string().regex(/^\d{12}$/, 'a region code has 12 digits');
const values = z.record(z.string(), z.number().nullable());
const summaryQuery = { region: regionCode.optional(), from: isoDate.optional(), to: isoDate.optional() };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dashboards/summary',
      {
        schema: {
          tags: ['dashboards'],
          summary: 'Figures of a region (default: the top of the caller’s jurisdiction), its child regions and a daily trend',
          querystring: z.strictObject(summaryQuery),
          response: {
            200: z.object({
              region: z.object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() }),
              from: z.string(),
              to: z.string(),
              values,
              children: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), hasChildren: z.boolean(), values })),
              trend: z.array(z.object({ day: z.string(), values })),
            }),
          },
        },
      },
      async (request) => getDashboardSummary(ctx, requestContextOf(request), request.query),
    );
    app.get(
      '/api/dashboards/summary.xlsx',
      {
        schema: {
          tags: ['dashboards'],
          summary: 'One dashboard table (figures, children or trend) as XLSX',
          querystring: z.strictObject({ ...summaryQuery, table: z.enum(DASHBOARD_TABLES).default('children'), lang: z.enum(['zh', 'en']).default('zh') }),
        },
      },
      async (request, reply) => {
        const file = await exportDashboardTable(ctx, requestContextOf(request), request.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );
    app.get(
      '/api/dashboards/population',
      {
        schema: {
          tags: ['dashboards'],
          summary: 'Population mental-health status: severity distributions by category and instrument per month, significant rises flagged first',
          querystring: z.strictObject(summaryQuery),
          response: {
            200: z.object({
              region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
              from: z.string(),
              to: z.string(),
              months: z.array(z.string()),
              groups: z.array(
                z.object({
                  category: z.string(),
                  instrument: z.string(),
                  months: z.array(z.object({ month: z.string(), total: z.number(), positive: z.number(), severities: z.record(z.string(), z.number()) })),
                  rise: z.object({ previousRate: z.number().nullable(), currentRate: z.number().nullable(), z: z.number().nullable(), significant: z.boolean() }),
                }),
              ),
            }),
          },
        },
      },
      async (request) => getPopulationStatus(ctx, requestContextOf(request), request.query),
    );
    app.get(
      '/api/dashboards/staffing',
      {
        schema: {
          tags: ['dashboards'],
          summary: '"Three specialists" staffing compliance: every required post below a region, empty ones first',
          querystring: z.strictObject({ region: regionCode.optional() }),
          response: {
            200: z.object({
              region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
              required: z.number(),
              filled: z.number(),
              rate: z.number().nullable(),
              byLevel: z.array(z.object({ level: z.string(), post: z.string(), required: z.number(), filled: z.number() })),
              posts: z.array(
                z.object({ regionCode: z.string(), regionName: z.string(), level: z.string(), post: z.string(), holders: z.number(), filled: z.boolean() }),
              ),
              truncated: z.boolean(),
            }),
          },
        },
      },
      async (request) => getStaffingCompliance(ctx, requestContextOf(request), request.query),
    );
    app.get(
      '/api/dashboards/staffing.xlsx',
      {
        schema: {
          tags: ['dashboards'],
          summary: 'The staffing compliance table as XLSX',
          querystring: z.strictObject({ region: regionCode.optional(), lang: z.enum(['zh', 'en']).default('zh') }),
        },
      },
      async (request, reply) => {
        const report = await getStaffingCompliance(ctx, requestContextOf(request), request.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename="staffing-${report.region.code}.xlsx"`)
          .header('cache-control', 'no-store')
          .send(await staffingXlsx(report, request.query.lang));
      },
    );
    app.get(
      '/api/dashboards/population.xlsx',
      {
        schema: {
          tags: ['dashboards'],
          summary: 'The population status table as XLSX',
          querystring: z.strictObject({ ...summaryQuery, lang: z.enum(['zh', 'en']).default('zh') }),
        },
      },
      async (request, reply) => {
        const status = await getPopulationStatus(ctx, requestContextOf(request), request.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename="population-${status.region.code}-${status.from}-${status.to}.xlsx"`)
          .header('cache-control', 'no-store')
          .send(await populationXlsx(status, request.query.lang));
      },
    );
  };
}
