import type { ApiClient } from './client.ts';

export type Program = 'recovered_patient_counseling' | 'severe_mental_disorder' | 'key_population_other';
export type When = 'today' | 'week' | 'overdue' | 'open';
export type Scope = 'mine' | 'team' | 'region';

export interface WorklistItem {
  id: string;
  enrolmentId: string;
  personId: string;
  personName: string;
  sex: string;
  age: number;
  program: Program;
  regionCode: string;
  regionName: string | null;
  teamId: string | null;
  teamName: string | null;
  workerId: string | null;
  workerName: string | null;
  dueDate: string;
  windowStart: string;
  windowEnd: string;
  rule: string;
  withSpecialist: boolean;
  timeStatus: 'scheduled' | 'due' | 'overdue';
}

export interface Worklist {
  items: WorklistItem[];
  nextCursor: string | null;
  today: string;
}

export interface TaskDetail {
  id: string;
  enrolmentId: string;
  personId: string;
  personName: string;
  program: Program;
  regionCode: string;
  teamId: string | null;
  workerId: string | null;
  dueDate: string;
  windowStart: string;
  windowEnd: string;
  status: string;
  rule: string;
  withSpecialist: boolean;
  enrolledOn: string;
  previousClassification: 'stable' | 'basically_stable' | 'unstable' | null;
  latestSeverity: string | null;
  crisisFlag: boolean;
  today: string;
  canRecord: boolean;
}

export interface RecordBody {
  visitedOn: string;
  mode: string;
  reached: boolean;
  unreachedReason?: string;
  informant?: string;
  moved?: boolean;
  deceased?: { date: string; cause: string };
  counselingStatus?: string;
  medication?: { takes: boolean; adherence?: string; sideEffects?: string };
  smd?: {
    riskLevel: number;
    symptoms: string;
    insight: string;
    socialFunction: string;
    severeAdverseReaction: boolean;
    seriousPhysicalIllness: boolean;
    classification?: string;
  };
  riskLevel?: number;
  guidance?: string[];
  notes?: string;
  nextDate?: string;
  nextDateReason?: string;
}

export interface RecordResult {
  recordId: string;
  classification: string | null;
  next: { taskId: string; dueDate: string; rule: string; proposedDate: string } | null;
  crisisCaseId: string | null;
}

export interface CountRow {
  code: string;
  name: string;
  scheduled: number;
  due: number;
  overdue: number;
  done: number;
  unreachable: number;
}

export interface TeamRef {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
  mine: boolean;
  members: Array<{ accountId: string; displayName: string; isLead: boolean }>;
}

export interface PersonFollowUp {
  personId: string;
  enrolments: Array<{ id: string; program: Program; status: string; regionCode: string; enrolledOn: string; endedOn: string | null; endReason: string | null; lastClassification: string | null }>;
  tasks: Array<{ id: string; enrolmentId: string; program: Program; regionCode: string; dueDate: string; status: string; rule: string }>;
  records: Array<{ id: string; taskId: string; visitedOn: string; mode: string; reached: boolean; riskLevel: number | null; classification: string | null; nextDate: string | null }>;
}

export const listWorklist = (api: ApiClient, q: { scope: Scope; when: When; teamId?: string; region?: string; program?: Program; cursor?: string; limit?: number }) =>
  api.get<Worklist>('/api/followup/tasks', { query: q });
export const getTask = (api: ApiClient, id: string) => api.get<TaskDetail>(`/api/followup/tasks/${id}`);
export const recordFollowUp = (api: ApiClient, id: string, body: RecordBody) => api.post<RecordResult>(`/api/followup/tasks/${id}/records`, body);
export const followUpCounts = (api: ApiClient, region?: string) => api.get<{ region: string | null; today: string; rows: CountRow[] }>('/api/followup/counts', { query: { region } });
export const followUpTeams = (api: ApiClient) => api.get<{ items: TeamRef[] }>('/api/followup/teams');
export const reassign = (api: ApiClient, body: { enrolmentIds: string[]; teamId: string; workerId?: string }) => api.post<{ reassigned: number }>('/api/followup/reassign', body);
export const enrol = (api: ApiClient, body: { personId: string; program: Program; teamId?: string; workerId?: string }) =>
  api.post<{ enrolmentId: string; taskId: string; dueDate: string }>('/api/followup/enrolments', body);
export const personFollowUp = (api: ApiClient, personId: string) => api.get<PersonFollowUp>(`/api/followup/persons/${personId}`);

export interface NotificationItem {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
export const listNotifications = (api: ApiClient, q: { unread?: boolean; cursor?: string; limit?: number }) =>
  api.get<{ items: NotificationItem[]; unread: number; nextCursor: string | null }>('/api/notifications', {
    query: { unread: q.unread ? 'true' : undefined, cursor: q.cursor, limit: q.limit },
  });
export const markNotificationsRead = (api: ApiClient, body: { ids?: string[]; all?: boolean }) => api.post<{ updated: number }>('/api/notifications/read', body);
