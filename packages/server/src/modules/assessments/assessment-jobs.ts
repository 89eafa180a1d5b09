import type { AppContext } from '../../app-context.ts';
import type { RecurringJob } from '../../jobs/recurring-jobs.ts';
import { LinkRepository } from './link-repository.ts';

/** Public-link rate-limit counters older than a day are no longer needed (windows are 10 minutes). */
export const purgeLinkThrottle: RecurringJob = {
  name: 'assessments.purge_link_throttle',
  everySeconds: 3600,
  async run(ctx: AppContext) {
    await new LinkRepository(ctx.db).purgeThrottleBefore(new Date(ctx.clock().getTime() - 24 * 3600_000));
  },
};
