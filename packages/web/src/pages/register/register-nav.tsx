import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Action } from '@anxin/domain';
import { useCan } from '../../auth/session-context.tsx';


/** The register's sections, those this account may use. */
export function RegisterNav() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const all: Array<{ label: string; path: string; anyOf: Action[] }> = [
    { label: t('register.nav.list'), path: '/register', anyOf: ['person.read'] },
    { label: t('register.nav.arrivals'), path: '/register/arrivals', anyOf: ['person.read'] },
    { label: t('register.nav.contractTasks'), path: '/register/contract-tasks', anyOf: ['contract.manage'] },
    { label: t('register.nav.duplicates'), path: '/register/duplicates', anyOf: ['person.merge'] },
    { label: t('registerData.nav'), path: '/register/import', anyOf: ['person.import', 'person.export'] },
  ];
  const tabs = all.filter((tab) => tab.anyOf.some((a) => can(a)));
  const current = [...tabs].reverse().find((tab) => pathname === tab.path || pathname.startsWith(`${tab.path}/`))?.path ?? '/register';
  return (
    <div style={{ overflowX: 'auto', marginBottom: 12 }}>
      <Segmented
        data-testid="register-nav"
        value={current}
        onChange={(value) => void navigate(value)}
        options={tabs.map((tab) => ({ value: tab.path, label: tab.label }))}
      />
    </div>
  );
}
