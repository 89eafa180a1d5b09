import type { Queryable } from '../../db/database.ts';
import { OPEN } from './followup-repository.ts';

export interface InvariantViolation {
  /** Which rule is broken. */
  rule:
    | 'active_enrolment_without_open_task'
    | 'active_enrolment_with_several_open_tasks'
    | 'open_task_on_ended_enrolment'
    | 'open_task_owner_differs_from_enrolment'
    | 'open_task_for_deceased_person'
    | 'active_enrolment_of_deceased_or_merged_person'
    | 'open_task_window_invalid';
  /** Ids only (never personal data). */
  enrolmentId: string | null;
  taskId: string | null;
}

/**
 * The follow-up invariants `anxin check` reports: every active enrolment has exactly one open next follow-up, no
 * ended enrolment keeps one, open tasks belong to their enrolment's owner, nobody deceased is still followed up.
 */
export async function findInvariantViolations(db: Queryable, limitPerRule = 1000): Promise<InvariantViolation[]> {
  const q = async (rule: InvariantViolation['rule'], sql: string): Promise<InvariantViolation[]> =>
    (await db.query<{ enrolment_id: string | null; task_id: string | null }>(`${sql} LIMIT ${limitPerRule}`)).map((r) => ({
      rule,
      enrolmentId: r.enrolment_id,
      taskId: r.task_id,
    }));
  return [
    ...(await q(
      'active_enrolment_without_open_task',
      `SELECT e.id AS enrolment_id, NULL::uuid AS task_id FROM enrolments e
       WHERE e.status = 'active' AND NOT EXISTS (SELECT 1 FROM followup_tasks t WHERE t.enrolment_id = e.id AND t.status IN ${OPEN})`,
    )),
    ...(await q(
      'active_enrolment_with_several_open_tasks',
      `SELECT t.enrolment_id, NULL::uuid AS task_id FROM followup_tasks t WHERE t.status IN ${OPEN}
       GROUP BY t.enrolment_id HAVING count(*) > 1`,
    )),
    ...(await q(
      'open_task_on_ended_enrolment',
      `SELECT e.id AS enrolment_id, t.id AS task_id FROM followup_tasks t JOIN enrolments e ON e.id = t.enrolment_id
       WHERE t.status IN ${OPEN} AND e.status <> 'active'`,
    )),
    ...(await q(
      'open_task_owner_differs_from_enrolment',
      `SELECT e.id AS enrolment_id, t.id AS task_id FROM followup_tasks t JOIN enrolments e ON e.id = t.enrolment_id
       WHERE t.status IN ${OPEN} AND (t.region_code <> e.region_code OR t.team_id IS DISTINCT FROM e.team_id
         OR t.worker_id IS DISTINCT FROM e.worker_id OR t.person_id <> e.person_id)`,
    )),
    ...(await q(
      'open_task_for_deceased_person',
      `SELECT t.enrolment_id, t.id AS task_id FROM followup_tasks t JOIN persons p ON p.id = t.person_id
       WHERE t.status IN ${OPEN} AND p.deceased_on IS NOT NULL`,
    )),
    ...(await q(
      'active_enrolment_of_deceased_or_merged_person',
      `SELECT e.id AS enrolment_id, NULL::uuid AS task_id FROM enrolments e JOIN persons p ON p.id = e.person_id
       WHERE e.status = 'active' AND (p.deceased_on IS NOT NULL OR p.merged_into IS NOT NULL)`,
    )),
    ...(await q(
      'open_task_window_invalid',
      `SELECT t.enrolment_id, t.id AS task_id FROM followup_tasks t
       WHERE t.status IN ${OPEN} AND NOT (t.window_start <= t.due_date AND t.due_date <= t.window_end)`,
    )),
  ];
}
