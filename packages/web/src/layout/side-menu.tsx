import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useSignedInSession } from '../auth/session-context.tsx';
import { menuEntryForPath, visibleMenu } from '../menu/menu-items.ts';

/** The navigation for this account: only entries its actions allow, built from the one menu definition. */
export function SideMenu({ onNavigate, collapsed = false }: { onNavigate?: () => void; collapsed?: boolean }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { pathname } = useLocation();
  const selected = menuEntryForPath(pathname);
  const items: MenuProps['items'] = visibleMenu(session.actions).map((entry) => {
    const Icon = entry.icon;
    return {
      key: entry.key,
      icon: <Icon />,
      label: (
        <Link to={entry.path} onClick={onNavigate} data-testid={`menu-${entry.key}`}>
          {t(`menu.${entry.key}`)}
        </Link>
      ),
    };
  });
  return (
    <Menu
      mode="inline"
      inlineCollapsed={collapsed}
      items={items}
      selectedKeys={selected ? [selected.key] : []}
      aria-label={t('menu.navigation')}
      style={{ borderInlineEnd: 'none' }}
      data-testid="side-menu"
    />
  );
}
