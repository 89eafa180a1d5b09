import { lazy, Suspense } from 'react';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { Action } from '@anxin/domain';
import { useCan } from '../../auth/session-context.tsx';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import NotFoundPage from '../not-found-page.tsx';

const BoardPage = lazy(() => import('./crisis-board-page.tsx'));
const ReportPage = lazy(() => import('./crisis-report-page.tsx'));
const CasePage = lazy(() => import('./crisis-case-page.tsx'));
const KeyPersonsPage = lazy(() => import('./key-persons-page.tsx'));

function CrisisNav() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const all: Array<{ label: string; path: string; anyOf: Action[] }> = [
    { label: t('crisis.nav.board'), path: '/crisis', anyOf: ['crisis.read'] },
    { label: t('crisis.nav.report'), path: '/crisis/report', anyOf: ['crisis.report'] },
    { label: t('crisis.nav.keyPersons'), path: '/crisis/key-persons', anyOf: ['crisis.read_feedback', 'crisis.read'] },
  ];
  const tabs = all.filter((tab) => tab.anyOf.some((a) => can(a)));
  if (tabs.length < 2) return null;
  const current = [...tabs].reverse().find((tab) => pathname === tab.path || pathname.startsWith(`${tab.path}/`))?.path ?? tabs[0]?.path;
  return (
    <div style={{ overflowX: 'auto', marginBottom: 12 }}>
      <Segmented data-testid="crisis-nav" value={current} onChange={(value) => void navigate(value)} options={tabs.map((tab) => ({ value: tab.path, label: tab.label }))} />
    </div>
  );
}

/** The crisis module: board (crisis team), quick report (anyone who may report), key persons (grid workers). */
export default function CrisisPage() {
  const can = useCan();
  const home = can('crisis.read') ? <BoardPage /> : can('crisis.read_feedback') ? <Navigate to="/crisis/key-persons" replace /> : <Navigate to="/crisis/report" replace />;
  return (
    <>
      <CrisisNav />
      <Suspense fallback={<PageSpinner />}>
        <Routes>
          <Route index element={home} />
          <Route path="report" element={<ReportPage />} />
          <Route path="cases/:id" element={<CasePage />} />
          <Route path="key-persons" element={<KeyPersonsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </>
  );
}
