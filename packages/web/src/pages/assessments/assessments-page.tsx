import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import { ConsultationQueue } from './consultation-queue.tsx';

const AdministerPage = lazy(() => import('./administer-page.tsx'));
const AssessmentViewPage = lazy(() => import('./assessment-view-page.tsx'));

/** /assessments — the consultation queue; /assessments/administer/:personId; /assessments/view/:id. */
export default function AssessmentsPage() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route index element={<ConsultationQueue />} />
        <Route path="administer/:personId" element={<AdministerPage />} />
        <Route path="view/:id" element={<AssessmentViewPage />} />
      </Routes>
    </Suspense>
  );
}
