import type { ApiClient } from './client.ts';

export type CrisisLevel = 'imminent' | 'high' | 'moderate';

export interface CaseSummary {
  id: string;
  personId: string | null;
  personName: string | null;
  regionCode: string;
  status: string;
  level: CrisisLevel;
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

export interface SafetyPlan {
  warningSigns: string[];
  copingSteps: string[];
  peoplePlaces: string[];
  professionalContacts: string[];
  meansRestriction: string[];
}

export interface CaseDetail extends CaseSummary {
  availableEvents: string[];
  signals: { id: string; source: string; level: string; reasons: string[]; at: string }[];
  reports: {
    id: string; source: string; reporterName: string; reporterKind: string; urgency: string; observed: string[];
    description: string | null; location: string | null; subject: string | null; reportedAt: string;
  }[];
  triages: {
    id: string; thoughts: string; plan: boolean; means: boolean; timeframe: string; recentAttempt: boolean; level: string;
    smdRiskLevel: number | null; notes: string | null; byName: string; at: string;
  }[];
  safetyPlan: (SafetyPlan & { version: number; byName: string; at: string }) | null;
  contacts: { id: string; mode: string; reached: boolean; notes: string | null; byName: string; at: string }[];
  admissions: { id: string; hospitalName: string; admittedOn: string; arrangedByName: string; involuntary: boolean; dischargedOn: string | null; dischargeNotes: string | null }[];
  transitions: { event: string; from: string; to: string; byName: string; at: string; review: string | null }[];
  keyPerson: { id: string; checkEveryDays: number; contactName: string; managedFrom: string | null; lastCheckAt: string | null; nextDueAt: string | null } | null;
}

export interface KeyPerson {
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

export interface ReportInput {
  source?: 'field_report' | 'hospital' | 'police';
  reporterKind?: string;
  personId?: string;
  regionCode?: string;
  address?: string;
  subject?: string;
  observed: string[];
  description?: string;
  urgency: CrisisLevel;
}

export interface TriageInput {
  thoughts: 'none' | 'passive' | 'active';
  plan: boolean;
  means: boolean;
  timeframe: 'none' | 'within_24h' | 'within_week' | 'later';
  recentAttempt: boolean;
  smdRiskLevel?: number | null;
  notes?: string;
}

export const crisisApi = {
  board: (api: ApiClient, q: { region?: string; personId?: string; includeClosed?: boolean }) =>
    api.get<{ items: CaseSummary[]; generatedAt: string }>('/api/crisis/cases', { query: { region: q.region, personId: q.personId, includeClosed: q.includeClosed } }),
  get: (api: ApiClient, id: string) => api.get<CaseDetail>(`/api/crisis/cases/${id}`),
  report: (api: ApiClient, body: ReportInput) => api.post<{ reportId: string; caseId: string; opened: boolean }>('/api/crisis/reports', body),
  triage: (api: ApiClient, id: string, body: TriageInput) =>
    api.post<{ level: CrisisLevel; reasons: string[]; policeLiaisonNeeded: boolean }>(`/api/crisis/cases/${id}/triage`, body),
  transition: (api: ApiClient, id: string, body: { event: string; review?: string }) => api.post<{ status: string }>(`/api/crisis/cases/${id}/transitions`, body),
  safetyPlan: (api: ApiClient, id: string, body: SafetyPlan) => api.put<{ version: number }>(`/api/crisis/cases/${id}/safety-plan`, body),
  contact: (api: ApiClient, id: string, body: { mode: string; reached: boolean; notes?: string }) => api.post<{ contactId: string }>(`/api/crisis/cases/${id}/contacts`, body),
  admit: (api: ApiClient, id: string, body: { hospitalName: string; admittedOn: string; involuntary?: boolean }) =>
    api.post<{ admissionId: string }>(`/api/crisis/cases/${id}/admissions`, body),
  discharge: (api: ApiClient, id: string, body: { dischargedOn: string; notes?: string }) => api.post<{ admissionId: string }>(`/api/crisis/cases/${id}/discharge`, body),
  feedback: (api: ApiClient, id: string, body: { checkEveryDays: number; contactPhone?: string }) =>
    api.post<{ keyPersonId: string; notified: number }>(`/api/crisis/cases/${id}/feedback`, body),
  keyPersons: (api: ApiClient, q: { region?: string }) => api.get<{ items: KeyPerson[] }>('/api/crisis/key-persons', { query: { region: q.region } }),
  gridCheck: (api: ApiClient, id: string, outcome: 'seen_well' | 'seen_concern' | 'not_found') =>
    api.post<{ checkId: string; caseId: string | null }>(`/api/crisis/key-persons/${id}/checks`, { outcome }),
};

/** The live stream's URL (the session cookie goes with it). */
export function crisisStreamUrl(region: string | undefined): string {
  return region ? `/api/crisis/stream?region=${encodeURIComponent(region)}` : '/api/crisis/stream';
}

export interface OnCallShift {
  id: string;
  regionCode: string;
  accountId: string;
  accountName: string;
  startsAt: string;
  endsAt: string;
}

export const onCallApi = {
  list: (api: ApiClient) => api.get<{ items: OnCallShift[] }>('/api/crisis/on-call'),
  add: (api: ApiClient, body: { regionCode: string; accountId: string; startsAt: string; endsAt: string }) => api.post<{ id: string }>('/api/crisis/on-call', body),
};
