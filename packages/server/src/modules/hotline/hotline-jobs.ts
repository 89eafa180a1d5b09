import type { RecurringJob } from '../../jobs/recurring-jobs.ts';
import { anonymiseOldCalls } from './anonymise-old-calls.ts';
import { runEmergingProblemDetection } from './detect-emerging-problems.ts';

/** The hotline's recurring jobs: emerging-problem detection every 15 minutes, retention daily. Both idempotent. */
export const HOTLINE_JOBS: RecurringJob[] = [
  {
    name: 'hotline.detect_emerging_problems',
    everySeconds: 15 * 60,
    async run(ctx) {
      await runEmergingProblemDetection(ctx);
    },
  },
  {
    name: 'hotline.anonymise_old_calls',
    everySeconds: 24 * 3600,
    async run(ctx) {
      await anonymiseOldCalls(ctx);
    },
  },
];
