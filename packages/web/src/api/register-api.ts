import type { ApiClient } from './client.ts';

export interface PersonCategory {
  category: string;
  subtype: string | null;
  source: string;
  validFrom: string;
  validTo: string | null;
}

/** A person as the server shows it to this account: masked unless `full`. */
export interface PersonView {
  id: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  nationalId: string | null;
  phone: string | null;
  address: string | null;
  regionCode: string;
  verificationStatus: string;
  deceasedDate: string | null;
  mergedInto: string | null;
  categories: PersonCategory[];
  full: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PersonSearch {
  q?: string;
  nationalId?: string;
  phone?: string;
  category?: string;
  verificationStatus?: string;
  region?: string;
  cursor?: string;
  limit?: number;
}

export function searchPersons(client: ApiClient, query: PersonSearch, signal?: AbortSignal): Promise<Page<PersonView>> {
  return client.get<Page<PersonView>>('/api/persons', { query: { ...query }, ...(signal ? { signal } : {}) });
}

/**
 * One person. `masked`: the masked view whatever the role; otherwise roles with person.read_full get the
 * full identifiers, an audited read that records `reason`.
 */
export function fetchPerson(client: ApiClient, id: string, options: { reason?: string; masked?: boolean } = {}): Promise<PersonView> {
  return client.get<PersonView>(`/api/persons/${encodeURIComponent(id)}`, {
    query: { reason: options.reason, masked: options.masked ? 'true' : undefined },
  });
}

export interface PersonRegistration {
  name: string;
  sex?: 'male' | 'female';
  birthDate?: string;
  nationalId?: string;
  phone?: string;
  address?: string;
  residenceRegionCode: string;
  categories?: Array<{ category: string; source: string; validFrom?: string }>;
}

export function registerPerson(client: ApiClient, body: PersonRegistration): Promise<{ id: string }> {
  return client.post<{ id: string }>('/api/persons', body);
}

const personPath = (id: string, rest = ''): string => `/api/persons/${encodeURIComponent(id)}${rest}`;

export interface CategoryMembership {
  id: string;
  category: string;
  subtype: string | null;
  source: string;
  validFrom: string;
  validTo: string | null;
  active: boolean;
}

export function fetchCategories(client: ApiClient, id: string): Promise<{ items: CategoryMembership[] }> {
  return client.get(personPath(id, '/categories'));
}

export function addCategory(client: ApiClient, id: string, body: { category: string; source: string; validFrom?: string }): Promise<{ id: string }> {
  return client.post(personPath(id, '/categories'), body);
}

export function endCategory(client: ApiClient, id: string, categoryId: string, validTo?: string): Promise<void> {
  return client.post(personPath(id, `/categories/${encodeURIComponent(categoryId)}/end`), validTo ? { validTo } : {});
}

export interface HouseholdMember {
  id: string;
  relation: string;
  memberPersonId: string | null;
  name: string;
}

export function fetchHousehold(client: ApiClient, id: string): Promise<{ items: HouseholdMember[] }> {
  return client.get(personPath(id, '/household'));
}

export function addHouseholdMember(client: ApiClient, id: string, body: { relation: string; name?: string; memberPersonId?: string }): Promise<{ id: string }> {
  return client.post(personPath(id, '/household'), body);
}

export function removeHouseholdMember(client: ApiClient, id: string, memberId: string): Promise<void> {
  return client.delete(personPath(id, `/household/${encodeURIComponent(memberId)}`));
}

export interface Episode {
  id: string;
  hospitalName: string;
  admissionDate: string;
  dischargeDate: string | null;
  diagnosisCodes: string[];
  severity: string | null;
  psychMedications: Array<{ drug: string; dose: string; prescriber: string }>;
  medicationHandover: boolean;
  dischargeDestination: string | null;
  primaryCareNotes: string | null;
}

export function fetchEpisodes(client: ApiClient, id: string): Promise<{ items: Episode[] }> {
  return client.get(personPath(id, '/episodes'));
}

export interface VerificationEntry {
  id: string;
  event: string;
  fromStatus: string;
  toStatus: string;
  regionCode: string;
  movedTo: string | null;
  deceasedOn: string | null;
  changed: string[];
  recordedByName: string | null;
  recordedAt: string;
}

export interface VerificationHistory {
  status: string;
  movedTo: string | null;
  deceasedDate: string | null;
  items: VerificationEntry[];
}

export function fetchVerifications(client: ApiClient, id: string): Promise<VerificationHistory> {
  return client.get(personPath(id, '/verifications'));
}

export type VerificationEventType = 'confirm' | 'correct' | 'not_found' | 'move' | 'decease' | 'accept_handover' | 'reject_handover';

export interface VerificationInput {
  event: VerificationEventType;
  phone?: string;
  address?: string;
  toRegionCode?: string;
  deceasedDate?: string;
}

export function recordVerification(
  client: ApiClient,
  id: string,
  body: VerificationInput,
): Promise<{ status: string; regionCode: string; movedTo: string | null; handoverId: string | null; routedTo: string | null }> {
  return client.post(personPath(id, '/verifications'), body);
}

export interface ContractStatus {
  status: 'none' | 'signed' | 'expired';
  validThrough: string | null;
  agreements: Array<{ id: string; doctor: string; signedOn: string; termMonths: number; terminatedOn: string | null }>;
}

export function fetchContract(client: ApiClient, id: string): Promise<ContractStatus> {
  return client.get(personPath(id, '/contract'));
}

export function recordContract(client: ApiClient, id: string, body: { doctorName?: string; doctorAccountId?: string; signedOn: string; termMonths: number }): Promise<{ id: string }> {
  return client.post(personPath(id, '/contracts'), body);
}

export interface TimelineEntry {
  id: number;
  occurredAt: string;
  kind: string;
  refId: string | null;
  summary: Record<string, unknown>;
}

export function fetchTimeline(client: ApiClient, id: string, cursor?: string): Promise<Page<TimelineEntry>> {
  return client.get(personPath(id, '/timeline'), { query: { cursor, limit: 20 } });
}

export interface Handover {
  id: string;
  reason: string;
  status: string;
  medicationHandover: boolean;
  regionCode: string;
  toOrgName: string | null;
  createdAt: string;
  dischargeDate: string | null;
  person: { id: string; name: string; sex: string; birthDate: string; regionCode: string; verificationStatus: string; movedTo: string | null };
}

export function fetchHandovers(client: ApiClient, status: 'new' | 'acknowledged' | 'closed', cursor?: string): Promise<Page<Handover>> {
  return client.get('/api/handovers', { query: { status, cursor, limit: 20 } });
}

export function acknowledgeHandover(client: ApiClient, id: string): Promise<Handover> {
  return client.post(`/api/handovers/${encodeURIComponent(id)}/acknowledge`);
}

export interface ContractTask {
  personId: string;
  name: string;
  sex: string;
  birthDate: string;
  regionCode: string;
  verificationStatus: string;
  status: 'none' | 'expired';
  lastValidThrough: string | null;
}

export function fetchContractTasks(client: ApiClient, cursor?: string): Promise<Page<ContractTask>> {
  return client.get('/api/contract-tasks', { query: { cursor, limit: 20 } });
}

export interface DuplicatePair {
  id: string;
  matchedOn: string[];
  createdAt: string;
  a: PersonView;
  b: PersonView;
}

export function fetchDuplicates(client: ApiClient, cursor?: string): Promise<Page<DuplicatePair>> {
  return client.get('/api/duplicates', { query: { cursor, limit: 20 } });
}

export function mergeDuplicate(client: ApiClient, id: string, survivorId: string): Promise<{ mergeId: string; moved: Record<string, number> }> {
  return client.post(`/api/duplicates/${encodeURIComponent(id)}/merge`, { survivorId });
}

export function unmergeDuplicate(client: ApiClient, id: string): Promise<{ restored: Record<string, number> }> {
  return client.post(`/api/duplicates/${encodeURIComponent(id)}/unmerge`);
}

export function dismissDuplicate(client: ApiClient, id: string): Promise<void> {
  return client.post(`/api/duplicates/${encodeURIComponent(id)}/dismiss`);
}
