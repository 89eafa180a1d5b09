import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import NotFoundPage from '../not-found-page.tsx';
import { RegisterNav } from './register-nav.tsx';

// Each screen of the register is its own chunk.
const PersonListPage = lazy(() => import('./person-list-page.tsx'));
const PersonPage = lazy(() => import('./person-page.tsx'));
const VerifyPage = lazy(() => import('./verify-page.tsx'));
const ArrivalsPage = lazy(() => import('./arrivals-page.tsx'));
const ContractTasksPage = lazy(() => import('./contract-tasks-page.tsx'));
const DuplicatesPage = lazy(() => import('./duplicates-page.tsx'));
const ImportPage = lazy(() => import('./import-page.tsx'));

/** The register module: routes below /register. */
export default function RegisterPage() {
  return (
    <>
      <RegisterNav />
      <Suspense fallback={<PageSpinner />}>
        <Routes>
          <Route index element={<PersonListPage />} />
          <Route path="persons/:id" element={<PersonPage />} />
          <Route path="persons/:id/verify" element={<VerifyPage />} />
          <Route path="arrivals" element={<ArrivalsPage />} />
          <Route path="contract-tasks" element={<ContractTasksPage />} />
          <Route path="duplicates" element={<DuplicatesPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </>
  );
}
