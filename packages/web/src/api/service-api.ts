import type { ApiClient } from './client.ts';

export interface CounselingPlan {
  id: string;
  personId: string;
  personName: string;
  regionCode: string;
  type: string;
  status: string;
  consultationId: string | null;
  goals: string | null;
  teamId: string | null;
  teamName: string | null;
  responsibleAccountId: string | null;
  responsibleName: string | null;
  startDate: string;
  endDate: string | null;
  sessionCount: number;
  hidden: string[];
}

export interface SessionParticipant {
  personId: string;
  personName: string;
  planId: string | null;
  attendance: string;
}

export interface CounselingSession {
  id: string;
  type: string;
  regionCode: string;
  date: string;
  durationMinutes: number;
  modality: string;
  providerId: string;
  providerName: string;
  topic: string | null;
  goals: string | null;
  outcome: string | null;
  notes: string | null;
  hidden: string[];
  participants: SessionParticipant[];
  /** Times the record was corrected; `editable`: the caller may correct it (its provider or recorder). */
  revisionCount: number;
  revisedAt: string | null;
  editable: boolean;
}

/** A correction of a session, with the values it replaced as the caller may see them. */
export interface SessionRevision {
  id: number;
  revisedAt: string;
  revisedBy: string;
  revisedByName: string;
  reason: string | null;
  changed: string[];
  previous: {
    date: string;
    durationMinutes: number;
    modality: string;
    attendance: { personId: string; attendance: string }[] | null;
    topic: string | null;
    goals: string | null;
    outcome: string | null;
    notes: string | null;
  };
  hidden: string[];
}

export interface SessionCorrection {
  reason: string;
  date?: string;
  durationMinutes?: number;
  modality?: string;
  topic?: string | null;
  goals?: string | null;
  outcome?: string | null;
  notes?: string | null;
  attendance?: { personId: string; attendance: string }[];
}

export interface Counselor {
  accountId: string;
  displayName: string;
  role: string;
  regionCode: string;
}

export interface ToolkitHandout {
  id: string;
  personId: string;
  item: string;
  itemLabel: string | null;
  quantity: number;
  handedOn: string;
  handedBy: string;
  handedByName: string;
}

export interface NewSession {
  type: string;
  date: string;
  durationMinutes: number;
  modality: string;
  topic?: string;
  goals?: string;
  outcome?: string;
  notes?: string;
  participants: { personId: string; planId?: string; attendance?: string }[];
}

export interface AidRequest {
  id: string;
  needType: string;
  urgency: string;
  toName: string;
  toType: string;
  status: string;
  outcome: string | null;
  sentAt: string;
}

export interface CareVisit {
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
  aidRequests: AidRequest[];
}

export interface NewCareVisit {
  personId: string;
  visitDate: string;
  recoverySituation: string;
  economicSituation: string;
  needs: { type: string; urgency?: string }[];
  notes?: string;
  aidRequests?: { needType: string; toOrganizationId: string; urgency?: string; note?: string }[];
}

export interface OrgRef {
  id: string;
  name: string;
  type: string;
}

export interface Referral {
  id: string;
  personId: string;
  personName: string;
  regionCode: string;
  regionName: string;
  kind: string;
  topic: string;
  urgency: string;
  from: OrgRef | null;
  to: OrgRef;
  careVisitId: string | null;
  status: string;
  reason: string | null;
  declineReason: string | null;
  advice: string | null;
  sentByName: string;
  sentAt: string;
  acceptedAt: string | null;
  seenAt: string | null;
  returnedAt: string | null;
  closedAt: string | null;
  sides: string[];
  allowedEvents: string[];
  events?: { event: string; toStatus: string; at: string; actorName: string; organizationName: string | null }[];
}

export interface NewReferral {
  personId: string;
  toOrganizationId: string;
  fromOrganizationId?: string;
  topic: string;
  urgency?: string;
  reason?: string;
}

export const listPlans = (c: ApiClient, query: { status?: string; mine?: boolean; limit?: number } = {}) =>
  c.get<{ items: CounselingPlan[]; nextCursor: string | null }>('/api/counseling/plans', { query: { ...query } });

export const createPlan = (
  c: ApiClient,
  body: { personId?: string; consultationId?: string; type?: string; goals?: string; responsibleAccountId?: string; teamId?: string },
) => c.post<{ id: string }>('/api/counseling/plans', body);

export const changePlanStatus = (c: ApiClient, id: string, status: string) =>
  c.post<{ id: string; status: string }>(`/api/counseling/plans/${encodeURIComponent(id)}/status`, { status });

export const reassignPlans = (c: ApiClient, body: { planIds: string[]; responsibleAccountId?: string | null; teamId?: string | null }) =>
  c.post<{ reassigned: number }>('/api/counseling/plans/reassign', body);

export const listCounselors = (c: ApiClient) => c.get<{ items: Counselor[] }>('/api/counseling/counselors');

export const correctSession = (c: ApiClient, id: string, body: SessionCorrection) =>
  c.patch<{ id: string; revisionCount: number; changed: string[] }>(`/api/counseling/sessions/${encodeURIComponent(id)}`, body);

export const sessionRevisions = (c: ApiClient, id: string) =>
  c.get<{ items: SessionRevision[] }>(`/api/counseling/sessions/${encodeURIComponent(id)}/revisions`);

export const listSessions = (c: ApiClient, query: { mine?: boolean; limit?: number } = {}) =>
  c.get<{ items: CounselingSession[] }>('/api/counseling/sessions', { query: { ...query } });

export const recordSession = (c: ApiClient, body: NewSession) => c.post<{ id: string }>('/api/counseling/sessions', body);

export const personCounseling = (c: ApiClient, personId: string) =>
  c.get<{ plans: CounselingPlan[]; sessions: CounselingSession[]; handouts: ToolkitHandout[] }>(`/api/persons/${encodeURIComponent(personId)}/counseling`);

export const recordHandout = (c: ApiClient, body: { personId: string; item: string; itemLabel?: string; quantity?: number; handedOn?: string }) =>
  c.post<{ id: string }>('/api/toolkit-handouts', body);

export const recordCareVisit = (c: ApiClient, body: NewCareVisit) => c.post<{ id: string; aidRequestIds: string[] }>('/api/care-visits', body);

export const listCareVisits = (c: ApiClient, query: { mine?: boolean; limit?: number } = {}) =>
  c.get<{ items: CareVisit[] }>('/api/care-visits', { query: { ...query } });

export const personCareVisits = (c: ApiClient, personId: string) => c.get<{ items: CareVisit[] }>(`/api/persons/${encodeURIComponent(personId)}/care-visits`);

export const referralQueue = (c: ApiClient, query: { direction: 'incoming' | 'outgoing'; status?: string; kind?: string }) =>
  c.get<{ items: Referral[]; nextCursor: string | null; organizations: string[] }>('/api/referrals', { query: { ...query } });

export const referralOrganizations = (c: ApiClient) =>
  c.get<{ items: (OrgRef & { regionCode: string })[]; mine: string[] }>('/api/referrals/organizations');

export const sendReferral = (c: ApiClient, body: NewReferral) => c.post<{ id: string }>('/api/referrals', body);

export const actOnReferral = (c: ApiClient, id: string, event: string, text?: string) =>
  c.post<Referral>(`/api/referrals/${encodeURIComponent(id)}/events`, { event, ...(text === undefined ? {} : { text }) });

export const personReferrals = (c: ApiClient, personId: string) => c.get<{ items: Referral[] }>(`/api/persons/${encodeURIComponent(personId)}/referrals`);

export const referralLetterUrl = (id: string): string => `/api/referrals/${encodeURIComponent(id)}/letter.pdf`;
