import { REGION_LEVELS } from '@anxin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestContextOf } from '../../http/request-context-of.ts';
import { getRegion } from './get-region.ts';
import { listRegionAncestors } from './list-region-ancestors.ts';
import { listRegionChildren } from './list-region-children.ts';
import { searchRegions } from './search-regions.ts';

const regionCode = z.string().regex(/^(\d{12}|\d{15})$/, 'a region code has 12 digits (15 for a grid)');
const region = z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS), parentCode: z.string().nullable() });
const regionNode = region.extend({ hasChildren: z.boolean() });
const params = z.strictObject({ code: regionCode });

export function regionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/regions',
      {
        schema: {
          tags: ['regions'],
          summary: 'Search regions by name',
          querystring: z.strictObject({
            q: z.string().trim().min(1).max(50),
            under: regionCode.optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: z.object({ items: z.array(regionNode) }) },
        },
      },
      async (request) => ({ items: await searchRegions(ctx, requestContextOf(request), request.query) }),
    );
    app.get(
      '/api/regions/:code',
      { schema: { tags: ['regions'], summary: 'One region', params, response: { 200: region } } },
      async (request) => getRegion(ctx, requestContextOf(request), request.params.code),
    );
    app.get(
      '/api/regions/:code/children',
      { schema: { tags: ['regions'], summary: 'Direct children', params, response: { 200: z.object({ items: z.array(regionNode) }) } } },
      async (request) => ({ items: await listRegionChildren(ctx, requestContextOf(request), request.params.code) }),
    );
    app.get(
      '/api/regions/:code/ancestors',
      { schema: { tags: ['regions'], summary: 'Ancestors, country first', params, response: { 200: z.object({ items: z.array(region) }) } } },
      async (request) => ({ items: await listRegionAncestors(ctx, requestContextOf(request), request.params.code) }),
    );
  };
}
