import { jurisdictionPrefixes, regionPrefix } from '@anxin/domain';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { CRISIS_CONTEXT } from './crisis-access.ts';
import { CrisisRepository } from './crisis-repository.ts';
import { keyPersonNextDue } from './crisis-view.ts';

/**
 * Community feedback for grid and social workers (crisis.read_feedback) and the crisis team
 * (crisis.read): key persons with how often to check and whom to call. Deliberately nothing clinical:
 * no level, reasons, notes, triage or safety plan.
 */
export interface KeyPersonFeedback {
  id: string;
  personId: string;
  personName: string;
  regionCode: string;
  checkEveryDays: number;
  contactName: string;
  contactPhone: string | null;
  underManagement: boolean;
  lastCheckAt: string | null;
  nextDueAt: string | null;
  overdue: boolean;
}

export async function listKeyPersons(
  ctx: Pick<AppContext, 'db' | 'clock' | 'cipher' | 'config'>,
  rc: RequestContext,
  query: { region?: string | undefined },
): Promise<{ items: KeyPersonFeedback[] }> {
  const prefixes = [...new Set([...jurisdictionPrefixes(rc.actor, 'crisis.read_feedback'), ...jurisdictionPrefixes(rc.actor, 'crisis.read')])];
  if (prefixes.length === 0) await authorize(ctx, rc, 'crisis.read_feedback', { regionCode: query.region ?? '000000000000' });
  const rows = await new CrisisRepository(ctx.db).keyPersons(prefixes, query.region === undefined ? undefined : regionPrefix(query.region));
  const now = ctx.clock();
  const items = rows.map((k): KeyPersonFeedback => {
    const due = k.managedFrom ? keyPersonNextDue(k, ctx.config.timeZone) : null;
    return {
      id: k.id,
      personId: k.personId,
      personName: k.personName,
      regionCode: k.regionCode,
      checkEveryDays: k.checkEveryDays,
      contactName: k.contactName,
      contactPhone: k.contactPhoneEnc ? ctx.cipher.decrypt(k.contactPhoneEnc, CRISIS_CONTEXT.keyPersonPhone) : null,
      underManagement: k.managedFrom !== null,
      lastCheckAt: k.lastCheckAt?.toISOString() ?? null,
      nextDueAt: due?.toISOString() ?? null,
      overdue: due !== null && now.getTime() >= due.getTime(),
    };
  });
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.nextDueAt ?? '9').localeCompare(b.nextDueAt ?? '9'));
  return { items };
}
