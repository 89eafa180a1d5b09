import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Action } from '@anxin/domain';
import { ApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import { fetchSession, signIn as postSignIn, signOut as postSignOut, signOutEverywhere } from '../api/session-api.ts';
import type { Session } from '../api/session-api.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  /** The probe failed for a reason other than "not signed in" (server down, network): offer a retry. */
  | { status: 'unreachable'; error: ApiError }
  | { status: 'signed-in'; session: Session };

export interface SessionContextValue {
  state: SessionState;
  /** Resolves with the new session; rejects with an ApiError the sign-in page explains. */
  signIn(username: string, password: string): Promise<Session>;
  /** Rejects only when the server could not be told; an already-expired session counts as signed out. */
  signOut(options?: { everywhere?: boolean }): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'INTERNAL', String(error));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    fetchSession(api).then(
      (session) => {
        if (live) setState({ status: 'signed-in', session });
      },
      (error: unknown) => {
        if (!live) return;
        const apiError = toApiError(error);
        setState(apiError.status === 401 ? { status: 'anonymous' } : { status: 'unreachable', error: apiError });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const signIn = useCallback(async (username: string, password: string) => {
    const session = await postSignIn(api, username, password);
    setState({ status: 'signed-in', session });
    return session;
  }, []);

  const signOut = useCallback(async (options: { everywhere?: boolean } = {}) => {
    try {
      await (options.everywhere ? signOutEverywhere(api) : postSignOut(api));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setState({ status: 'anonymous' });
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut, retry }), [state, signIn, signOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** The signed-in session, for components that only render behind the session guard. */
export function useSignedInSession(): Session {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedInSession rendered without a session');
  return state.session;
}

/** Whether the signed-in account may take an action; the server checks again, this only shapes the UI. */
export function useCan(): (action: Action) => boolean {
  const session = useSignedInSession();
  return useMemo(() => {
    const actions = new Set<string>(session.actions);
    return (action: Action) => actions.has(action);
  }, [session]);
}
