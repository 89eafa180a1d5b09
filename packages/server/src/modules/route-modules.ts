import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.ts';
import { notificationRoutes } from './notifications/notification-routes.ts';
import { personRoutes } from './persons/person-routes.ts';
import { regionRoutes } from './regions/region-routes.ts';

/** Every feature module's routes. A new module adds one line here. */
export const routeModules: ReadonlyArray<(ctx: AppContext) => FastifyPluginAsyncZod> = [regionRoutes, personRoutes, notificationRoutes];
