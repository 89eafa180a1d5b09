import { AppError, ErrorCode, ancestorCodes, can } from '@anxin/domain';
import { proposeNextFollowUp, type LatestSeverity, type Program } from '@anxin/domain/followup/follow-up-policy.ts';
import type { Queryable } from '../../db/database.ts';
import { FollowUpRepository } from './followup-repository.ts';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in the deployment's time zone (the formatter is built once per zone: it is costly). */
export function localDate(at: Date, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, f);
  }
  return f.format(at);
}

/**
 * Team kinds that serve each program, in order of preference (seed 002 §(五): county counseling teams follow up
 * recovered patients; grassroots teams with the community doctor manage severe mental disorders at home).
 */
export const TEAM_KINDS: Readonly<Record<Program, readonly string[]>> = {
  recovered_patient_counseling: ['county_counseling', 'grassroots_service', 'city_mental_health', 'other'],
  severe_mental_disorder: ['grassroots_service', 'county_counseling', 'city_mental_health', 'other'],
  key_population_other: ['grassroots_service', 'county_counseling', 'other'],
};

export interface Owner {
  regionCode: string;
  teamId: string | null;
  workerId: string | null;
}

/**
 * The responsible team and worker for a person's region: as requested (checked), or automatically the team
 * covering the region and its least-loaded member who may record follow-ups there. No covering team leaves the
 * enrolment unassigned (it shows in the region's lists for reassignment).
 */
export async function resolveOwner(
  tx: Queryable,
  regionCode: string,
  program: Program,
  requested: { teamId?: string; workerId?: string },
): Promise<Owner> {
  const repo = new FollowUpRepository(tx);
  let teamId: string | null = null;
  if (requested.teamId) {
    const team = await repo.findTeam(requested.teamId);
    if (!team) throw new AppError(ErrorCode.VALIDATION, 'No such team', { field: 'body.teamId' });
    teamId = team.id;
  } else {
    teamId = (await repo.findCoveringTeam([regionCode, ...ancestorCodes(regionCode)], TEAM_KINDS[program]))?.id ?? null;
  }
  const members = teamId ? await repo.teamMembers(teamId) : [];
  const eligible = members.filter((m) =>
    can({ accountId: m.accountId, username: m.username, roles: m.roles }, 'followup.record', { regionCode }),
  );
  if (requested.workerId) {
    if (teamId && !members.some((m) => m.accountId === requested.workerId)) {
      throw new AppError(ErrorCode.VALIDATION, 'The worker is not a member of the team', { field: 'body.workerId' });
    }
    if (!eligible.some((m) => m.accountId === requested.workerId)) {
      throw new AppError(ErrorCode.VALIDATION, 'The worker may not record follow-ups in this region', { field: 'body.workerId' });
    }
    return { regionCode, teamId, workerId: requested.workerId };
  }
  const best = [...eligible].sort((a, b) => Number(a.isLead) - Number(b.isLead) || a.caseload - b.caseload || a.username.localeCompare(b.username))[0];
  return { regionCode, teamId, workerId: best?.accountId ?? null };
}

const SEVERITIES = new Set(['none', 'minimal', 'mild', 'moderate', 'moderately_severe', 'severe']);

/** The latest assessment result as the policy reads it (other bands, e.g. 'high', count as severe when flagged). */
export async function latestResultForPolicy(tx: Queryable, personId: string): Promise<{ latestSeverity: LatestSeverity | null; crisisFlag: boolean }> {
  const r = await new FollowUpRepository(tx).latestResult(personId);
  if (!r) return { latestSeverity: null, crisisFlag: false };
  const sev = r.severity && SEVERITIES.has(r.severity) ? (r.severity as LatestSeverity) : null;
  return { latestSeverity: sev, crisisFlag: r.flagged };
}

/** Opens the first follow-up of a new enrolment (policy 'first_contact', or a chosen date). */
export async function openFirstTask(
  tx: Queryable,
  e: { enrolmentId: string; personId: string; program: Program; owner: Owner; enrolledOn: string; today: string; at: Date },
): Promise<{ taskId: string; dueDate: string }> {
  const latest = await latestResultForPolicy(tx, e.personId);
  const p = proposeNextFollowUp({ program: e.program, from: e.enrolledOn, first: true, ...latest });
  const taskId = await new FollowUpRepository(tx).insertTask({
    enrolmentId: e.enrolmentId,
    personId: e.personId,
    program: e.program,
    ...e.owner,
    dueDate: p.dueDate,
    windowStart: p.windowStart,
    windowEnd: p.windowEnd,
    status: e.today > p.windowEnd ? 'overdue' : e.today >= p.windowStart ? 'due' : 'scheduled',
    rule: p.rule,
    withSpecialist: p.withSpecialist,
    at: e.at,
  });
  return { taskId, dueDate: p.dueDate };
}
