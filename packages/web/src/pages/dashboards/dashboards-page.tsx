import { lazy, Suspense } from 'react';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import NotFoundPage from '../not-found-page.tsx';

const OverviewPage = lazy(() => import('./overview-page.tsx'));
const StaffingPage = lazy(() => import('./staffing-page.tsx'));
const PopulationPage = lazy(() => import('./population-page.tsx'));
const ReportsPage = lazy(() => import('./reports-page.tsx'));
const ReportPage = lazy(() => import('./report-page.tsx'));

function DashboardsNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = [
    { value: '/dashboards', label: t('dashboards.nav.overview') },
    { value: '/dashboards/population', label: t('dashboards.nav.population') },
    { value: '/dashboards/staffing', label: t('dashboards.nav.staffing') },
    { value: '/dashboards/reports', label: t('dashboards.nav.reports') },
  ];
  const current = [...tabs].reverse().find((tab) => pathname === tab.value || pathname.startsWith(`${tab.value}/`))?.value ?? '/dashboards';
  return (
    <div style={{ overflowX: 'auto', marginBottom: 12 }}>
      <Segmented data-testid="dashboards-nav" value={current} onChange={(v) => void navigate(v)} options={tabs} />
    </div>
  );
}

/** The dashboards module: figures, staffing compliance, reports (routes below /dashboards). */
export default function DashboardsPage() {
  return (
    <>
      <DashboardsNav />
      <Suspense fallback={<PageSpinner />}>
        <Routes>
          <Route index element={<OverviewPage />} />
          <Route path="population" element={<PopulationPage />} />
          <Route path="staffing" element={<StaffingPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="reports/:id" element={<ReportPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </>
  );
}
