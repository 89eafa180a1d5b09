import { AppError, ErrorCode, isWithinRegion, type Action, type Role } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import type { Queryable } from '../../db/database.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CrisisRepository, type CaseRow } from './crisis-repository.ts';

/** Encryption contexts of the crisis module's columns (registered in privacy/encrypted-columns.ts). */
export const CRISIS_CONTEXT = {
  reportDescription: 'crisis_reports.description',
  reportLocation: 'crisis_reports.location',
  reportSubject: 'crisis_reports.subject',
  triageNotes: 'crisis_triages.notes',
  safetyPlan: 'crisis_safety_plans.content',
  contactNotes: 'crisis_contacts.notes',
  dischargeNotes: 'crisis_admissions.discharge_notes',
  transitionReview: 'crisis_transitions.review',
  keyPersonPhone: 'crisis_key_persons.contact_phone',
} as const;

/** The roles the actor holds in assignments whose region contains `regionCode`. */
export function rolesAt(rc: RequestContext, regionCode: string): Role[] {
  return [...new Set(rc.actor.roles.filter((a) => isWithinRegion(regionCode, a.regionCode)).map((a) => a.role))];
}

/** Loads a case (404 when unknown) and authorizes the action in its region. */
export async function loadCase(ctx: Pick<AppContext, 'db' | 'clock'>, rc: RequestContext, id: string, action: Action, db: Queryable = ctx.db, forUpdate = false): Promise<CaseRow> {
  const c = await new CrisisRepository(db).findCase(id, forUpdate);
  if (!c) throw new AppError(ErrorCode.NOT_FOUND, 'Crisis case not found');
  await authorize(ctx, rc, action, { regionCode: c.regionCode, resourceType: 'crisis_case', resourceId: c.id });
  return c;
}

/** Loads and locks the case inside a writing transaction; refuses a closed case. */
export async function lockOpenCase(tx: Queryable, id: string): Promise<CaseRow> {
  const c = await new CrisisRepository(tx).findCase(id, true);
  if (!c) throw new AppError(ErrorCode.NOT_FOUND, 'Crisis case not found');
  if (c.status === 'closed') throw new AppError(ErrorCode.INVALID_STATE, 'The case is closed', { field: 'params.id' });
  return c;
}

export async function auditCrisis(
  tx: Queryable,
  ctx: Pick<AppContext, 'clock'>,
  rc: RequestContext,
  action: string,
  c: { id: string; regionCode: string },
  details: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(tx, {
    at: ctx.clock(),
    accountId: rc.actor.accountId,
    username: rc.actor.username,
    role: rc.actor.roles.map((r) => r.role).join(',') || null,
    action,
    resourceType: 'crisis_case',
    resourceId: c.id,
    regionCode: c.regionCode,
    clientIp: rc.clientIp,
    details,
  });
}
