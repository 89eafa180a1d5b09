import { lazy, Suspense } from 'react';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { Action } from '@anxin/domain';
import { useCan } from '../../auth/session-context.tsx';
import { PageSpinner } from '../../layout/page-spinner.tsx';
import NotFoundPage from '../not-found-page.tsx';

const CallsPage = lazy(() => import('./calls-page.tsx'));
const WallboardPage = lazy(() => import('./wallboard-page.tsx'));
const RosterPage = lazy(() => import('./roster-page.tsx'));
const PlannerPage = lazy(() => import('./planner-page.tsx'));
const AlertsPage = lazy(() => import('./alerts-page.tsx'));
const SummaryPage = lazy(() => import('./summary-page.tsx'));

const TABS: Array<{ key: string; path: string; anyOf: Action[] }> = [
  { key: 'calls', path: '/hotline/calls', anyOf: ['hotline.call_record'] },
  { key: 'wallboard', path: '/hotline/wallboard', anyOf: ['hotline.read'] },
  { key: 'roster', path: '/hotline/roster', anyOf: ['hotline.read'] },
  { key: 'planner', path: '/hotline/planner', anyOf: ['hotline.read'] },
  { key: 'alerts', path: '/hotline/alerts', anyOf: ['hotline.read', 'alert.acknowledge'] },
  { key: 'summary', path: '/hotline/summary', anyOf: ['hotline.read'] },
];

/** The hotline module: call records (counselors), wallboard, roster, planner, alerts, summaries. */
export default function HotlinePage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = TABS.filter((tab) => tab.anyOf.some((a) => can(a)));
  const current = tabs.find((tab) => pathname.startsWith(tab.path))?.path ?? tabs[0]?.path;
  return (
    <>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          data-testid="hotline-nav"
          value={current}
          onChange={(value) => void navigate(value)}
          options={tabs.map((tab) => ({ value: tab.path, label: t(`hotline.nav.${tab.key}`) }))}
        />
      </div>
      <Suspense fallback={<PageSpinner />}>
        <Routes>
          <Route index element={<Navigate to={tabs[0]?.path ?? '/hotline/wallboard'} replace />} />
          <Route path="calls/*" element={<CallsPage />} />
          <Route path="wallboard" element={<WallboardPage />} />
          <Route path="roster" element={<RosterPage />} />
          <Route path="planner" element={<PlannerPage />} />
          <Route path="alerts" element={<AlertsPage />} />
          <Route path="summary" element={<SummaryPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </>
  );
}
