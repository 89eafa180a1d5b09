import { lazy, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useSignedInSession } from '../auth/session-context.tsx';
import { isMenuEntryAllowed } from './menu-items.ts';
import type { MenuEntry } from './menu-items.ts';

const ForbiddenPage = lazy(() => import('../pages/forbidden-page.tsx'));

/**
 * Shows a module only to accounts whose actions include the entry's; others get the 403 page at the
 * same address, so a bookmarked link explains itself. The server enforces the same rule on every call.
 */
export function RequireMenuEntry({ entry, children }: { entry: MenuEntry; children: ReactNode }) {
  const session = useSignedInSession();
  const allowed = useMemo(() => isMenuEntryAllowed(entry, new Set(session.actions)), [entry, session]);
  return allowed ? children : <ForbiddenPage />;
}
