import type { ApiClient } from './client.ts';

export interface CallMetrics {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  waiting: number;
  answerRate: number | null;
  abandonRate: number | null;
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  longestWaitSeconds: number;
}

export interface ServiceLevels {
  at: string;
  date: string;
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;
  lines: { lineId: string; number: string; name: string; regionCode: string; day: CallMetrics; inProgress: number; hours: (CallMetrics & { hour: number })[] }[];
}

export type CoverageGap =
  | { rule: 'hours_per_day'; have: number; need: number }
  | { rule: 'seats_per_line'; have: number; need: number }
  | { rule: 'staffed_seats'; date: string; fromHour: number; toHour: number; have: number; need: number };

export interface HotlineLine {
  id: string;
  number: string;
  name: string;
  regionCode: string;
  openTime: string;
  closeTime: string;
  hoursPerDay: number;
  seats: { id: string; code: string; active: boolean; occupantId: string | null }[];
  counselors: { accountId: string; displayName: string; qualifications: string[]; training: { course: string; hours: number; completedOn: string }[]; isSupervisor: boolean; active: boolean }[];
  gaps: CoverageGap[];
}

export interface RiskAnswers {
  thoughts: 'none' | 'passive' | 'active';
  plan: boolean;
  means: boolean;
  timeframe: 'none' | 'later' | 'within_24h' | 'in_progress';
  harmToOthers?: boolean;
}

export interface CallRecord {
  status: 'none' | 'draft' | 'filed';
  version: number;
  anonymous: boolean;
  callerGroup: string | null;
  ageBand: string | null;
  sex: string | null;
  callerRegionCode: string | null;
  problems: { category: string; subcategory: string | null }[];
  risk: RiskAnswers | null;
  riskLevel: string | null;
  dispositions: string[];
  callbackConsent: boolean;
  callerNumber: string | null;
  notes: string | null;
  crisisCaseId: string | null;
  updatedAt: string | null;
  filedAt: string | null;
}

export interface CallView {
  id: string;
  lineNumber: string;
  regionCode: string;
  source: 'cti' | 'manual';
  seatCode: string | null;
  status: 'ringing' | 'answered' | 'ended' | 'abandoned';
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  priorCalls: number;
  mine: boolean;
  record: CallRecord;
}

export type RecordPatch = Partial<Omit<CallRecord, 'status' | 'version' | 'riskLevel' | 'crisisCaseId' | 'updatedAt' | 'filedAt'>> & { version: number; file?: boolean };

export interface SaveResult {
  version: number;
  overwrote: boolean;
  status: 'draft' | 'filed';
  riskLevel: string | null;
  crisisCaseId: string | null;
}

export interface Roster {
  lineId: string;
  weekStart: string;
  days: string[];
  shifts: { id: string; accountId: string; displayName: string; startsAt: string; endsAt: string; supervisor: boolean }[];
  gaps: CoverageGap[];
}

export interface StaffingPlan {
  lineId: string;
  weekStart: string;
  pastWeeks: number;
  ahtSeconds: number;
  target: { level: number; withinSeconds: number };
  rows: { hourOfWeek: number; forecastCalls: number; seatsNeeded: number; rostered: number; gap: number }[];
  shortfallHours: number;
}

export interface HotlineAlert {
  id: string;
  regionCode: string;
  category: string;
  day: string;
  observed: number;
  expected: number;
  pValue: number;
  summary: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
}

export interface CallSummary {
  from: string;
  to: string;
  period: 'day' | 'week';
  rows: { period: string; category: string; regionCode: string; callerGroup: string; calls: number }[];
}

export const WALLBOARD_STREAM_PATH = '/api/hotline/wallboard/stream';

export function hotlineApi(api: ApiClient) {
  return {
    lines: () => api.get<{ items: HotlineLine[] }>('/api/hotline/lines'),
    takeSeat: (seatId: string, take: boolean) => api.put<{ seatId: string; occupantId: string | null }>(`/api/hotline/seats/${seatId}/occupant`, { take }),
    drafts: () => api.get<{ items: CallView[] }>('/api/hotline/calls/drafts'),
    call: (id: string) => api.get<CallView>(`/api/hotline/calls/${id}`),
    createManualCall: (lineId: string) => api.post<{ id: string }>('/api/hotline/calls', { lineId }),
    saveRecord: (id: string, patch: RecordPatch) => api.patch<SaveResult>(`/api/hotline/calls/${id}/record`, patch),
    wallboard: (lineId?: string) => api.get<ServiceLevels>('/api/hotline/wallboard', { query: { lineId } }),
    roster: (lineId: string, week?: string) => api.get<Roster>(`/api/hotline/lines/${lineId}/roster`, { query: { week } }),
    addShift: (lineId: string, body: { accountId: string; startsAt: string; endsAt: string; supervisor: boolean }) => api.post<{ id: string }>(`/api/hotline/lines/${lineId}/shifts`, body),
    removeShift: (lineId: string, shiftId: string) => api.delete<undefined>(`/api/hotline/lines/${lineId}/shifts/${shiftId}`),
    plan: (lineId: string, week?: string) => api.get<StaffingPlan>(`/api/hotline/lines/${lineId}/staffing-plan`, { query: { week } }),
    alerts: () => api.get<{ items: HotlineAlert[] }>('/api/hotline/alerts'),
    acknowledge: (id: string) => api.post<{ acknowledgedAt: string }>(`/api/hotline/alerts/${id}/acknowledge`),
    summary: (period: 'day' | 'week') => api.get<CallSummary>('/api/hotline/summary', { query: { period } }),
  };
}
