import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageSpinner } from '../layout/page-spinner.tsx';
import { useSession } from './session-context.tsx';

// Rarely shown, so kept out of the entry chunk the sign-in page also pays for.
const SessionUnreachablePage = lazy(() => import('../pages/session-unreachable-page.tsx'));

/** Renders its children only for a signed-in account; others go to the sign-in page and come back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, retry } = useSession();
  const location = useLocation();

  switch (state.status) {
    case 'loading':
      return <PageSpinner fullPage />;
    case 'anonymous': {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login?next=${next}`} replace />;
    }
    case 'unreachable':
      return (
        <Suspense fallback={<PageSpinner fullPage />}>
          <SessionUnreachablePage onRetry={retry} />
        </Suspense>
      );
    case 'signed-in':
      return children;
  }
}
