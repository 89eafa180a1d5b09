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

/** One person, masked; with `reason` the full identifiers (audited; person.read_full only). */
export function fetchPerson(client: ApiClient, id: string, reason?: string): Promise<PersonView> {
  return client.get<PersonView>(`/api/persons/${encodeURIComponent(id)}`, { query: { reason } });
}
