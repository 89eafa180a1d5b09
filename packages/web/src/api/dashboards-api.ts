import type { ApiClient } from './client.ts';

export type FigureValues = Record<string, number | null>;

export interface DashboardSummary {
  region: { code: string; name: string; level: string; parentCode: string | null };
  from: string;
  to: string;
  values: FigureValues;
  children: { code: string; name: string; level: string; hasChildren: boolean; values: FigureValues }[];
  trend: { day: string; values: FigureValues }[];
}

export type DashboardTable = 'figures' | 'children' | 'trend';

export interface StaffingReport {
  region: { code: string; name: string; level: string };
  required: number;
  filled: number;
  rate: number | null;
  byLevel: { level: string; post: string; required: number; filled: number }[];
  posts: { regionCode: string; regionName: string; level: string; post: string; holders: number; filled: boolean }[];
  truncated: boolean;
}

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export type ReportPeriodKind = 'month' | 'quarter';

export interface ReportRecord {
  id: string;
  regionCode: string;
  regionName: string;
  periodKind: ReportPeriodKind;
  period: string;
  periodFrom: string;
  periodTo: string;
  status: ReportStatus;
  experience: string;
  reviewComment: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
}

export interface ReportView {
  report: ReportRecord;
  figures: FigureValues;
  figuresFrozen: boolean;
  events: { event: string; actorName: string; comment: string | null; at: string }[];
  maySubmit: boolean;
  mayReview: boolean;
}

export const fetchDashboardSummary = (api: ApiClient, q: { region: string; from: string; to: string }, signal?: AbortSignal) =>
  api.get<DashboardSummary>('/api/dashboards/summary', { query: q, ...(signal ? { signal } : {}) });

/** Same-origin download link (the session cookie goes with it). */
export function dashboardTableUrl(q: { region: string; from: string; to: string; table: DashboardTable; lang: 'zh' | 'en' }): string {
  return `/api/dashboards/summary.xlsx?${new URLSearchParams(q).toString()}`;
}

export const fetchStaffing = (api: ApiClient, region: string) => api.get<StaffingReport>('/api/dashboards/staffing', { query: { region } });

export const listReports = (api: ApiClient) => api.get<{ items: ReportRecord[] }>('/api/reports');
export const fetchReport = (api: ApiClient, id: string) => api.get<ReportView>(`/api/reports/${id}`);
export const saveReport = (api: ApiClient, body: { regionCode: string; periodKind: ReportPeriodKind; period: string; experience: string }) =>
  api.post<{ id: string; created: boolean }>('/api/reports', body);
export const submitReport = (api: ApiClient, id: string) => api.post<{ status: 'submitted' }>(`/api/reports/${id}/submit`);
export const reviewReport = (api: ApiClient, id: string, body: { decision: 'accept' | 'return'; comment?: string }) =>
  api.post<{ status: 'accepted' | 'returned' }>(`/api/reports/${id}/review`, body);
export const reportFileUrl = (id: string, format: 'xlsx' | 'pdf') => `/api/reports/${id}/export?format=${format}`;

export interface PopulationStatus {
  region: { code: string; name: string; level: string };
  from: string;
  to: string;
  months: string[];
  groups: {
    category: string;
    instrument: string;
    months: { month: string; total: number; positive: number; severities: Record<string, number> }[];
    rise: { previousRate: number | null; currentRate: number | null; z: number | null; significant: boolean };
  }[];
}

export const fetchPopulationStatus = (api: ApiClient, region: string) => api.get<PopulationStatus>('/api/dashboards/population', { query: { region } });

export const staffingXlsxUrl = (region: string, lang: 'zh' | 'en') => `/api/dashboards/staffing.xlsx?${new URLSearchParams({ region, lang }).toString()}`;
export const populationXlsxUrl = (region: string, lang: 'zh' | 'en') => `/api/dashboards/population.xlsx?${new URLSearchParams({ region, lang }).toString()}`;
