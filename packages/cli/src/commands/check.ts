import { findInvariantViolations, type InvariantViolation } from '@anxin/server/modules/followup/followup-invariants.ts';
import { JobRepository } from '@anxin/server/jobs/job-queue.ts';
import type { CliCommand } from '../command.ts';
import { withContext } from './with-context.ts';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Report data invariant violations (follow-up: exactly one open task per active enrolment, …)',
  usage: `anxin check [--json]

Checks the invariants the database must hold and prints each violation (ids only):
  active_enrolment_without_open_task, active_enrolment_with_several_open_tasks,
  open_task_on_ended_enrolment, open_task_owner_differs_from_enrolment,
  open_task_for_deceased_person, active_enrolment_of_deceased_or_merged_person, open_task_window_invalid.
Also reports background jobs that failed for good (information, not a violation).
Exit 0 when none is violated, 1 otherwise. --json prints {ok, violations, counts, jobs}.`,
  async run(argv, io) {
    const json = argv.includes('--json');
    const unknown = argv.filter((a) => a !== '--json');
    if (unknown.length > 0) {
      io.err(`anxin check: unknown argument ${unknown[0]}\nUsage: anxin check [--json]\n`);
      return 2;
    }
    return withContext(io, async (ctx) => {
      const violations: InvariantViolation[] = await findInvariantViolations(ctx.db);
      const counts: Record<string, number> = {};
      for (const v of violations) counts[v.rule] = (counts[v.rule] ?? 0) + 1;
      const jobs = await new JobRepository(ctx.db).counts();
      const ok = violations.length === 0;
      if (json) io.out(`${JSON.stringify({ ok, violations, counts, jobs })}\n`);
      else {
        for (const v of violations) io.out(`VIOLATION ${v.rule} enrolment=${v.enrolmentId ?? '-'} task=${v.taskId ?? '-'}\n`);
        io.out(ok ? 'all invariants hold\n' : `${violations.length} violation(s): ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
        if (jobs.failed > 0) io.out(`note: ${jobs.failed} background job(s) failed for good (see the jobs table)\n`);
      }
      return ok ? 0 : 1;
    });
  },
};
