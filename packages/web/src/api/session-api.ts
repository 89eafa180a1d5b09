import type { Action, Role } from '@anxin/domain';
import type { ApiClient } from './client.ts';
import { LOGIN_PATH } from './client.ts';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  locale: string;
}

/** One role the account holds, scoped to a region subtree and, where relevant, an organization. */
export interface RoleGrant {
  role: Role;
  regionCode: string;
  regionName: string;
  organizationId: string | null;
  organizationName: string | null;
}

/** Who is signed in, what they hold and what they may do: the body of /api/me and of a successful login. */
export interface Session {
  account: Account;
  roles: RoleGrant[];
  actions: Action[];
}

export function signIn(client: ApiClient, username: string, password: string): Promise<Session> {
  return client.post<Session>(LOGIN_PATH, { username, password });
}

/** The current session, or an ApiError with status 401 when nobody is signed in. */
export function fetchSession(client: ApiClient): Promise<Session> {
  return client.get<Session>('/api/me', { allowUnauthenticated: true });
}

export function signOut(client: ApiClient): Promise<void> {
  return client.post<void>('/api/auth/logout', undefined, { allowUnauthenticated: true });
}

/** Ends every session of this account, on every device. */
export function signOutEverywhere(client: ApiClient): Promise<void> {
  return client.post<void>('/api/auth/logout-all', undefined, { allowUnauthenticated: true });
}
