import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import NotFoundPage from '../not-found-page.tsx';

// Each screen of the register is its own chunk.
const PersonListPage = lazy(() => import('./person-list-page.tsx'));
const PersonPage = lazy(() => import('./person-page.tsx'));

/** The register module: routes below /register. */
export default function RegisterPage() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route index element={<PersonListPage />} />
        <Route path="persons/:id" element={<PersonPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
