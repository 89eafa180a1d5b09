import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { isRegionCode, isWithinRegion } from '@anxin/domain/regions/region-code.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { browserStorage } from '../i18n/languages.ts';
import { jurisdictionRoots } from './jurisdiction-roots.ts';
import type { RegionRef } from './jurisdiction-roots.ts';

export interface RegionContextValue {
  /** The regions this account's roles cover; the switcher never offers anything outside them. */
  roots: RegionRef[];
  /** The region pages should show data for; null only for an account without roles. */
  region: RegionRef | null;
  setRegion(region: RegionRef): void;
}

const RegionContext = createContext<RegionContextValue | null>(null);

const storageKey = (accountId: string): string => `anxin.region.${accountId}`;

function isRegionRef(value: unknown): value is RegionRef {
  if (typeof value !== 'object' || value === null) return false;
  const { code, name } = value as Record<string, unknown>;
  return typeof code === 'string' && isRegionCode(code) && typeof name === 'string';
}

const withinRoots = (region: RegionRef, roots: readonly RegionRef[]): boolean =>
  roots.some((root) => isWithinRegion(region.code, root.code));

/** The remembered choice if it is still inside the account's jurisdiction (roles change), else the first root. */
function initialRegion(accountId: string, roots: readonly RegionRef[]): RegionRef | null {
  try {
    const stored: unknown = JSON.parse(browserStorage()?.getItem(storageKey(accountId)) ?? 'null');
    if (isRegionRef(stored) && withinRoots(stored, roots)) return stored;
  } catch {
    // A corrupt or unreadable entry just means starting from the top.
  }
  return roots[0] ?? null;
}

export function RegionProvider({ children }: { children: ReactNode }) {
  const session = useSignedInSession();
  const accountId = session.account.id;
  const roots = useMemo(() => jurisdictionRoots(session.roles), [session.roles]);
  const [region, setRegionState] = useState<RegionRef | null>(() => initialRegion(accountId, roots));

  const setRegion = useCallback(
    (next: RegionRef) => {
      if (!withinRoots(next, roots)) return;
      setRegionState(next);
      try {
        browserStorage()?.setItem(storageKey(accountId), JSON.stringify(next));
      } catch {
        // Remembering is a convenience; the choice still applies now.
      }
    },
    [accountId, roots],
  );

  const value = useMemo(() => ({ roots, region, setRegion }), [roots, region, setRegion]);
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}

export function useRegion(): RegionContextValue {
  const value = useContext(RegionContext);
  if (!value) throw new Error('useRegion needs a RegionProvider');
  return value;
}
