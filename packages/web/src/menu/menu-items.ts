import type { ComponentType, CSSProperties } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  BarChartOutlined,
  FileSearchOutlined,
  FormOutlined,
  HeartOutlined,
  HomeOutlined,
  PhoneOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Action } from '@anxin/domain';

export type MenuKey =
  | 'home'
  | 'register'
  | 'assessments'
  | 'followup'
  | 'service'
  | 'crisis'
  | 'hotline'
  | 'dashboards'
  | 'organizations'
  | 'accounts'
  | 'audit';

export type PageModule = { default: ComponentType };
export type MenuIcon = ComponentType<{ style?: CSSProperties; className?: string }>;

export interface MenuEntry {
  key: MenuKey;
  path: string;
  /** The entry shows when the account may take any one of these; an empty list means always. */
  anyOf: readonly Action[];
  icon: MenuIcon;
  /**
   * Loads the module's page. Absent while the module is not built yet: its route then says so
   * honestly instead of showing a mock-up. Module owners add `page: () => import('…')` here.
   */
  page?: () => Promise<PageModule>;
}

/**
 * The one definition of the navigation: menu, routes and their permission guards are all built from
 * this list. Labels are `menu.<key>` and descriptions `modules.<key>` in the i18n catalogues.
 */
export const MENU: readonly MenuEntry[] = [
  { key: 'home', path: '/', anyOf: [], icon: HomeOutlined },
  {
    key: 'register',
    path: '/register',
    anyOf: ['person.read'],
    icon: SolutionOutlined,
    page: () => import('../pages/register/register-page.tsx'),
  },
  {
    key: 'assessments',
    path: '/assessments',
    anyOf: ['assessment.read'],
    icon: FormOutlined,
    page: () => import('../pages/assessments/assessments-page.tsx'),
  },
  { key: 'followup', path: '/followup', anyOf: ['followup.read'], icon: ScheduleOutlined, page: () => import('../pages/followup/followup-page.tsx') },
  {
    key: 'service',
    path: '/service',
    anyOf: ['counseling.record', 'referral.manage', 'care_visit.record'],
    icon: HeartOutlined,
    page: () => import('../pages/service/service-page.tsx'),
  },
  {
    key: 'crisis',
    path: '/crisis',
    anyOf: ['crisis.read', 'crisis.read_feedback'],
    icon: AlertOutlined,
    page: () => import('../pages/crisis/crisis-page.tsx'),
  },
  { key: 'hotline', path: '/hotline', anyOf: ['hotline.read'], icon: PhoneOutlined, page: () => import('../pages/hotline/hotline-page.tsx') },
  {
    key: 'dashboards',
    path: '/dashboards',
    anyOf: ['dashboard.read'],
    icon: BarChartOutlined,
    page: () => import('../pages/dashboards/dashboards-page.tsx'),
  },
  { key: 'organizations', path: '/organizations', anyOf: ['organization.read'], icon: ApartmentOutlined },
  { key: 'accounts', path: '/accounts', anyOf: ['account.read'], icon: UserOutlined },
  { key: 'audit', path: '/audit', anyOf: ['audit.read'], icon: FileSearchOutlined },
];

export function isMenuEntryAllowed(entry: MenuEntry, actions: ReadonlySet<string>): boolean {
  return entry.anyOf.length === 0 || entry.anyOf.some((action) => actions.has(action));
}

/** The entries an account with these actions sees, in menu order. */
export function visibleMenu(actions: Iterable<string>): MenuEntry[] {
  const allowed = new Set(actions);
  return MENU.filter((entry) => isMenuEntryAllowed(entry, allowed));
}

/** The entry a location belongs to: the longest path that is the location itself or a parent of it. */
export function menuEntryForPath(pathname: string): MenuEntry | undefined {
  let best: MenuEntry | undefined;
  for (const entry of MENU) {
    const matches =
      entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}
