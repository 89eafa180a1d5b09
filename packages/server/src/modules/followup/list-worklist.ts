import { AppError, ErrorCode, can, jurisdictionPrefixes, maskName, regionPrefix } from '@anxin/domain';
import { addDays } from '@anxin/domain/register/iso-date.ts';
import { type Program } from '@anxin/domain/followup/follow-up-policy.ts';
import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { authorize } from '../auth/authorize.ts';
import { localDate } from './followup-common.ts';
import { FollowUpRepository, type WorklistRow } from './followup-repository.ts';

export interface WorklistInput {
  scope: 'mine' | 'team' | 'region';
  when: 'today' | 'week' | 'overdue' | 'open';
  teamId?: string;
  region?: string;
  program?: Program;
  cursor?: string;
  limit: number;
}

export interface WorklistItem extends Omit<WorklistRow, 'birthDate'> {
  age: number;
  timeStatus: 'scheduled' | 'due' | 'overdue';
}

function decodeCursor(cursor: string): { key: string; id: string } {
  const [key, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!key || !/^\d{4}-\d{2}-\d{2}$/.test(key) || !id || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError(ErrorCode.VALIDATION, 'Invalid cursor', { field: 'query.cursor' });
  }
  return { key, id };
}

const ageOn = (birth: string, today: string): number => {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

/**
 * Follow-up worklists within the caller's jurisdiction: mine, a team's, or a region's; due today, this week
 * (today + 6 days), overdue (past the window), or all open; keyset-paginated by date and id.
 */
export async function listWorklist(
  ctx: AppContext,
  rc: RequestContext,
  input: WorklistInput,
): Promise<{ items: WorklistItem[]; nextCursor: string | null; today: string }> {
  const prefixes = jurisdictionPrefixes(rc.actor, 'followup.read');
  if (prefixes.length === 0) await authorize(ctx, rc, 'followup.read', { regionCode: input.region ?? '000000000000' });
  if (input.region) await authorize(ctx, rc, 'followup.read', { regionCode: input.region, resourceType: 'region', resourceId: input.region });
  if (input.scope === 'team' && !input.teamId) throw new AppError(ErrorCode.VALIDATION, 'Choose a team', { field: 'query.teamId' });
  if (input.scope === 'region' && !input.region) throw new AppError(ErrorCode.VALIDATION, 'Choose a region', { field: 'query.region' });
  const today = localDate(ctx.clock(), ctx.config.timeZone);
  const rows = await new FollowUpRepository(ctx.db).worklist({
    prefixes,
    workerId: input.scope === 'mine' ? rc.actor.accountId : undefined,
    teamId: input.scope === 'team' ? input.teamId : undefined,
    regionPrefix: input.region ? regionPrefix(input.region) : undefined,
    program: input.program,
    when: input.when,
    today,
    weekEnd: addDays(today, 6),
    after: input.cursor ? decodeCursor(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? Buffer.from(`${input.when === 'overdue' ? last.windowEnd : last.dueDate}|${last.id}`).toString('base64url')
      : null;
  // Names in full only where the caller may read identifiers (or to the assigned worker); otherwise masked like the
  // register does. The policy answer is the same for every row of a region, so it is asked once per region.
  const fullByRegion = new Map<string, boolean>();
  const fullName = (regionCode: string): boolean => {
    let full = fullByRegion.get(regionCode);
    if (full === undefined) fullByRegion.set(regionCode, (full = can(rc.actor, 'person.read_full', { regionCode })));
    return full;
  };
  // Items are built field by field (the reply is serialised as is, not re-parsed: see the route), so nothing the
  // row might carry beyond these fields can reach the client.
  const items: WorklistItem[] = page.map((r) => ({
    id: r.id,
    enrolmentId: r.enrolmentId,
    personId: r.personId,
    personName: r.workerId === rc.actor.accountId || fullName(r.regionCode) ? r.personName : (maskName(r.personName) ?? ''),
    sex: r.sex,
    age: ageOn(r.birthDate, today),
    program: r.program,
    regionCode: r.regionCode,
    regionName: r.regionName,
    teamId: r.teamId,
    teamName: r.teamName,
    workerId: r.workerId,
    workerName: r.workerName,
    dueDate: r.dueDate,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    rule: r.rule,
    withSpecialist: r.withSpecialist,
    timeStatus: today > r.windowEnd ? 'overdue' : today >= r.windowStart ? 'due' : 'scheduled',
  }));
  return { today, nextCursor, items };
}

/** Counts by status for each region one level below `region` (the caller's own jurisdiction when omitted). */
export async function countFollowUps(
  ctx: AppContext,
  rc: RequestContext,
  input: { region?: string },
): Promise<{ region: string | null; today: string; rows: Array<{ code: string; name: string; scheduled: number; due: number; overdue: number; done: number; unreachable: number }> }> {
  const prefixes = jurisdictionPrefixes(rc.actor, 'followup.read');
  if (input.region || prefixes.length === 0) {
    await authorize(ctx, rc, 'followup.read', { regionCode: input.region ?? '000000000000', resourceType: 'region', resourceId: input.region });
  }
  const repo = new FollowUpRepository(ctx.db);
  const now = ctx.clock();
  const today = localDate(now, ctx.config.timeZone);
  let regions: Array<{ code: string; name: string }>;
  if (input.region) regions = await repo.childRegions(input.region);
  else {
    const roots = [...new Set(rc.actor.roles.filter((r) => prefixes.some((p) => r.regionCode.startsWith(p) && regionPrefix(r.regionCode) === p)).map((r) => r.regionCode))];
    regions = [];
    for (const code of roots) regions.push({ code, name: (await repo.regionName(code)) ?? code });
  }
  regions = regions.filter((r) => prefixes.some((p) => r.code.startsWith(p)));
  const counts = await repo.countsByPrefix(
    regions.map((r) => regionPrefix(r.code)),
    prefixes,
    today,
    new Date(now.getTime() - 30 * 24 * 3600_000),
  );
  const byPrefix = new Map(counts.map((c) => [c.prefix, c]));
  return {
    region: input.region ?? null,
    today,
    rows: regions.map((r) => {
      const c = byPrefix.get(regionPrefix(r.code));
      return { code: r.code, name: r.name, scheduled: c?.scheduled ?? 0, due: c?.due ?? 0, overdue: c?.overdue ?? 0, done: c?.done ?? 0, unreachable: c?.unreachable ?? 0 };
    }),
  };
}
