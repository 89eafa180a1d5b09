import { escalationStepDue, firstContactDue, needsPoliceLiaison, nextGridContactDue, smdEmergencyDue } from '@anxin/domain/crisis/deadlines.ts';
import type { Config } from '../../config.ts';
import type { CaseRow, KeyPersonRow } from './crisis-repository.ts';

export interface CaseSummary {
  id: string;
  personId: string | null;
  personName: string | null;
  regionCode: string;
  status: string;
  level: string;
  openedAt: string;
  openedSource: string;
  signalCount: number;
  firstContactDueAt: string;
  firstContactAt: string | null;
  overdue: boolean;
  escalationStep: number;
  smdRiskLevel: number | null;
  policeLiaisonNeeded: boolean;
  policeLiaisonDueAt: string | null;
  policeLiaisonAt: string | null;
  policeLiaisonOverdue: boolean;
  closedAt: string | null;
}

/** A case as the board shows it, with deadlines from the deployment's configuration. */
export function toCaseSummary(c: CaseRow, now: Date, config: Pick<Config, 'crisis' | 'timeZone'>): CaseSummary {
  const due = firstContactDue(c, config.crisis.firstContact, config.timeZone);
  const liaison = needsPoliceLiaison(c.smdRiskLevel);
  const liaisonDue = liaison && c.smdAssessedAt ? smdEmergencyDue(c.smdAssessedAt) : null;
  const open = c.status !== 'closed';
  return {
    id: c.id,
    personId: c.personId,
    personName: c.personName,
    regionCode: c.regionCode,
    status: c.status,
    level: c.level,
    openedAt: c.openedAt.toISOString(),
    openedSource: c.openedSource,
    signalCount: c.signalCount,
    firstContactDueAt: due.toISOString(),
    firstContactAt: c.firstContactAt?.toISOString() ?? null,
    overdue: open && c.firstContactAt === null && now.getTime() >= due.getTime(),
    escalationStep: Math.max(c.escalationStep, open ? escalationStepDue(c, now, config.crisis.firstContact, config.timeZone) : 0),
    smdRiskLevel: c.smdRiskLevel,
    policeLiaisonNeeded: liaison,
    policeLiaisonDueAt: liaisonDue?.toISOString() ?? null,
    policeLiaisonAt: c.policeLiaisonAt?.toISOString() ?? null,
    policeLiaisonOverdue: open && liaisonDue !== null && c.policeLiaisonAt === null && now.getTime() >= liaisonDue.getTime(),
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}

/** When the key person's next check is due (from the last check, or from the start of management). */
export function keyPersonNextDue(k: KeyPersonRow, timeZone: string): Date | null {
  const from = k.lastCheckAt ?? k.managedFrom ?? k.feedbackAt;
  return nextGridContactDue(from, k.checkEveryDays, timeZone);
}
