import type { AppContext } from '../../app-context.ts';
import type { RequestContext } from '../../http/request-context.ts';
import { nameFor, openText } from '../counseling/service-support.ts';
import type { ReferralRecord } from '../referrals/referral-repository.ts';
import type { CareVisitRecord } from './care-visit-repository.ts';

export const CARE_VISIT_CONTEXT = { notes: 'care_visits.notes' } as const;

export interface AidRequestView {
  id: string;
  needType: string;
  urgency: string;
  toName: string;
  toType: string;
  status: string;
  /** The outcome the receiving organization recorded (its advice on return). */
  outcome: string | null;
  sentAt: string;
}

export interface CareVisitView {
  id: string;
  personId: string;
  personName: string;
  regionCode: string;
  visitDate: string;
  visitorId: string;
  visitorName: string;
  recoverySituation: string;
  economicSituation: string;
  needs: { type: string; urgency: string }[];
  notes: string | null;
  aidRequests: AidRequestView[];
}

export function toCareVisitView(ctx: Pick<AppContext, 'cipher'>, rc: RequestContext, v: CareVisitRecord, aid: ReferralRecord[]): CareVisitView {
  return {
    id: v.id,
    personId: v.personId,
    personName: nameFor(rc, v.personName, v.regionCode),
    regionCode: v.regionCode,
    visitDate: v.visitDate,
    visitorId: v.visitorId,
    visitorName: v.visitorName,
    recoverySituation: v.recoverySituation,
    economicSituation: v.economicSituation,
    needs: v.needs,
    notes: openText(ctx, v.notesEnc, CARE_VISIT_CONTEXT.notes),
    aidRequests: aid
      .filter((r) => r.careVisitId === v.id)
      .map((r) => ({
        id: r.id,
        needType: r.topic,
        urgency: r.urgency,
        toName: r.toOrgName,
        toType: r.toOrgType,
        status: r.status,
        outcome: r.adviceEnc === null ? null : ctx.cipher.decrypt(r.adviceEnc, 'referrals.advice'),
        sentAt: r.sentAt.toISOString(),
      })),
  };
}
