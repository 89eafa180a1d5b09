import type { ApiClient } from './client.ts';

export type Answer = number | null;

export interface AssessmentFlag {
  ruleId: string;
  flag: string;
  level: string;
  action: string;
  reason: { zh: string; en: string };
}

export interface Consultation {
  id: string;
  assessmentId: string;
  status: 'pending' | 'completed';
  institutionId: string | null;
  primaryCareOrgId: string | null;
  reasons: string[];
  requestedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  recommendation: string | null;
  opinion: string | null;
  turnaroundMinutes: number | null;
}

export interface Assessment {
  id: string;
  personId: string;
  regionCode: string;
  instrument: string;
  instrumentVersion: string;
  mode: string;
  language: string;
  status: 'draft' | 'submitted';
  answers: Answer[];
  total: number | null;
  severity: string | null;
  complete: boolean | null;
  subscales: Record<string, number | null> | null;
  derived: Record<string, number> | null;
  version: number;
  previousId: string | null;
  amendedBy: string | null;
  amendmentReason: string | null;
  administeredBy: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  flags: AssessmentFlag[];
  consultation: Consultation | null;
}

export interface SubmitResult {
  id: string;
  total: number | null;
  severity: string | null;
  complete: boolean;
  flags: { ruleId: string; flag: string; level: string; action: string }[];
  crisisCaseIds: string[];
  consultationId: string | null;
}

export interface ConsentItem {
  id: string;
  purpose: string;
  textVersion: string;
  method: string;
  givenBy: string;
  guardianName: string | null;
  guardianRelation: string | null;
  witnessName: string | null;
  takenBy: string;
  givenAt: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

export interface ConsentList {
  items: ConsentItem[];
  assessment: { valid: boolean; reason: string | null };
}

export interface NewConsent {
  purpose: 'assessment' | 'followup' | 'counseling' | 'data_sharing';
  textVersion: string;
  method: 'signed_paper' | 'witnessed_verbal' | 'electronic';
  givenBy: 'self' | 'guardian';
  guardianName?: string;
  guardianRelation?: string;
  witnessName?: string;
}

export interface IssuedLink {
  id: string;
  token: string;
  path: string;
  url: string;
  qrSvg: string;
  expiresAt: string;
}

export interface QueueItem {
  id: string;
  assessmentId: string;
  personId: string;
  personName: string;
  regionCode: string;
  instrument: string;
  total: number | null;
  severity: string | null;
  reasons: string[];
  status: 'pending' | 'completed';
  institutionId: string | null;
  institutionName: string | null;
  requestedAt: string;
  reviewedAt: string | null;
  recommendation: string | null;
  turnaroundMinutes: number | null;
}

export interface PublicForm {
  instrument: string;
  version: string;
  language: 'zh' | 'en';
  shortName: string;
  title: string;
  instructions: string;
  recallPeriod: string;
  expiresAt: string;
  items: { linkId: string; text: string; optional: boolean; options: { score: number; label: string }[] }[];
}

const enc = encodeURIComponent;

export const listConsents = (c: ApiClient, personId: string) => c.get<ConsentList>(`/api/persons/${enc(personId)}/consents`);
export const recordConsent = (c: ApiClient, personId: string, body: NewConsent) => c.post<{ id: string }>(`/api/persons/${enc(personId)}/consents`, body);
export const withdrawConsent = (c: ApiClient, id: string, reason?: string) => c.post<{ id: string }>(`/api/consents/${enc(id)}/withdraw`, reason ? { reason } : {});

export const startAssessment = (c: ApiClient, body: { personId: string; instrument: string; mode: 'in_person' | 'phone'; language?: 'zh' | 'en' }) =>
  c.post<{ id: string; instrument: string; version: string }>('/api/assessments', body);
export const saveDraft = (c: ApiClient, id: string, answers: Answer[]) => c.put<{ id: string; savedAt: string }>(`/api/assessments/${enc(id)}/answers`, { answers });
export const submitAssessment = (c: ApiClient, id: string, answers: Answer[]) => c.post<SubmitResult>(`/api/assessments/${enc(id)}/submit`, { answers });
export const amendAssessment = (c: ApiClient, id: string, answers: Answer[], reason: string) =>
  c.post<SubmitResult & { previousId: string; version: number }>(`/api/assessments/${enc(id)}/amend`, { answers, reason });
export const getAssessment = (c: ApiClient, id: string) => c.get<Assessment>(`/api/assessments/${enc(id)}`);
export const listPersonAssessments = (c: ApiClient, personId: string) => c.get<{ items: Assessment[] }>(`/api/persons/${enc(personId)}/assessments`);
export const fhirUrl = (id: string) => `/api/assessments/${enc(id)}/fhir`;

export const issueLink = (c: ApiClient, body: { personId: string; instrument: string; language?: 'zh' | 'en'; expiresInHours?: number }) =>
  c.post<IssuedLink>('/api/assessment-links', body);

export const listQueue = (c: ApiClient, status: 'pending' | 'completed', region?: string) =>
  c.get<{ items: QueueItem[] }>('/api/consultations', { query: { status, region } });
export const reviewConsultation = (c: ApiClient, id: string, body: { opinion: string; recommendation: string }) =>
  c.post<Consultation>(`/api/consultations/${enc(id)}/review`, body);

export const openPublicForm = (c: ApiClient, token: string, lang: 'zh' | 'en') =>
  c.get<PublicForm>(`/api/public/assessments/${enc(token)}`, { query: { lang }, allowUnauthenticated: true });
export const submitPublicForm = (c: ApiClient, token: string, answers: Answer[], language: 'zh' | 'en') =>
  c.post<{ received: true }>(`/api/public/assessments/${enc(token)}`, { answers, language }, { allowUnauthenticated: true });

export interface OpenLink {
  id: string;
  instrument: string;
  language: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
}
export const listOpenLinks = (c: ApiClient, personId: string) => c.get<{ items: OpenLink[] }>(`/api/persons/${enc(personId)}/assessment-links`);
export const revokeLink = (c: ApiClient, id: string) => c.post<{ id: string }>(`/api/assessment-links/${enc(id)}/revoke`);
