import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.ts';
import { assessmentRoutes } from './assessments/assessment-routes.ts';
import { communityRoutes } from './community/community-routes.ts';
import { dashboardRoutes } from './dashboards/dashboard-routes.ts';
import { evaluationRoutes } from './evaluation/evaluation-routes.ts';
import { notificationRoutes } from './notifications/notification-routes.ts';
import { followUpRoutes } from './followup/followup-routes.ts';
import { episodeRoutes } from './episodes/episode-routes.ts';
import { importRoutes } from './imports/import-routes.ts';
import { personRoutes } from './persons/person-routes.ts';
import { regionRoutes } from './regions/region-routes.ts';
import { crisisRoutes } from './crisis/crisis-routes.ts';
import { reportRoutes } from './reports/report-routes.ts';
import { counselingRoutes } from './counseling/counseling-routes.ts';
import { careVisitRoutes } from './care-visits/care-visit-routes.ts';
import { referralRoutes } from './referrals/referral-routes.ts';
import { hotlineRoutes } from './hotline/hotline-routes.ts';

/** Every feature module's routes. A new module adds one line here. */
export const routeModules: ReadonlyArray<(ctx: AppContext) => FastifyPluginAsyncZod> = [regionRoutes, personRoutes, notificationRoutes, crisisRoutes, assessmentRoutes, communityRoutes, dashboardRoutes, reportRoutes, evaluationRoutes, episodeRoutes, importRoutes, counselingRoutes, careVisitRoutes, referralRoutes, followUpRoutes, hotlineRoutes];
