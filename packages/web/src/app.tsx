import { lazy, Suspense } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { RequireSession } from './auth/require-session.tsx';
import { SessionProvider } from './auth/session-context.tsx';
import { LocaleProvider } from './i18n/locale-provider.tsx';
import { PageSpinner } from './layout/page-spinner.tsx';
import { MENU } from './menu/menu-items.ts';
import type { MenuEntry } from './menu/menu-items.ts';
import { RequireMenuEntry } from './menu/require-menu-entry.tsx';

// Every route is its own chunk: the sign-in page must not pay for the signed-in shell.
const LoginPage = lazy(() => import('./pages/login-page.tsx'));
const AppShell = lazy(() => import('./layout/app-shell.tsx'));
const HomePage = lazy(() => import('./pages/home-page.tsx'));
const ModuleComingPage = lazy(() => import('./pages/module-coming-page.tsx'));
const ForbiddenPage = lazy(() => import('./pages/forbidden-page.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found-page.tsx'));
// Public: a person answers a questionnaire from a one-time link, without an account or the shell.
const SelfAssessmentPage = lazy(() => import('./pages/assessments/self-assessment-page.tsx'));

const MODULE_PAGES = new Map<MenuEntry['key'], ComponentType>(
  MENU.flatMap((entry) => (entry.page ? [[entry.key, lazy(entry.page)] as const] : [])),
);

function ModuleRoute({ entry }: { entry: MenuEntry }) {
  const Page = MODULE_PAGES.get(entry.key);
  return <RequireMenuEntry entry={entry}>{Page ? <Page /> : <ModuleComingPage entry={entry} />}</RequireMenuEntry>;
}

function Lazy({ children, fullPage = false }: { children: ReactNode; fullPage?: boolean }) {
  return <Suspense fallback={<PageSpinner fullPage={fullPage} />}>{children}</Suspense>;
}

export function App() {
  return (
    <LocaleProvider>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route
              path="/login"
              element={
                <Lazy fullPage>
                  <LoginPage />
                </Lazy>
              }
            />
            <Route
              path="/s/:token"
              element={
                <Lazy fullPage>
                  <SelfAssessmentPage />
                </Lazy>
              }
            />
            <Route
              element={
                <RequireSession>
                  <Lazy fullPage>
                    <AppShell />
                  </Lazy>
                </RequireSession>
              }
            >
              <Route index element={<HomePage />} />
              {MENU.filter((entry) => entry.path !== '/').map((entry) => (
                <Route key={entry.key} path={`${entry.path.slice(1)}/*`} element={<ModuleRoute entry={entry} />} />
              ))}
              <Route path="403" element={<ForbiddenPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </LocaleProvider>
  );
}
