import { Suspense, useState } from 'react';
import { MenuOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { BrandMark } from '../brand/brand-mark.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { RegionProvider } from '../region/region-context.tsx';
import { RegionSwitcher } from '../region/region-switcher.tsx';
import { AccountMenu } from './account-menu.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { PageSpinner } from './page-spinner.tsx';
import { SideMenu } from './side-menu.tsx';
import { useDayjsLocale } from './use-dayjs-locale.ts';
import { useIsPhone } from './use-is-phone.ts';
import './app-shell.css';

/** The signed-in frame: header with region, language and account; side menu (a drawer on phones); the page. */
export default function AppShell() {
  const { t } = useTranslation();
  useDayjsLocale();
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  return (
    <App>
      <RegionProvider>
      <Layout className="shell">
        <Layout.Header className="shell-header">
          {phone && (
            <Button
              type="text"
              className="shell-header-button"
              icon={<MenuOutlined />}
              aria-label={t('header.openMenu')}
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
              data-testid="menu-drawer-button"
            />
          )}
          <Link to="/" className="shell-brand">
            <BrandMark size={28} inverted />
            <span className="shell-brand-name">{phone ? t('app.name') : t('app.fullName')}</span>
          </Link>
          <div className="shell-header-spacer" />
          {!phone && (
            <div className="shell-region">
              <span className="shell-region-label">{t('header.region')}</span>
              <RegionSwitcher />
            </div>
          )}
          <NotificationBell />
          <LanguageSwitch dark />
          <AccountMenu compact={phone} />
        </Layout.Header>
        <Layout hasSider={!phone}>
          {!phone && (
            <Layout.Sider
              className="shell-sider"
              width={216}
              collapsedWidth={64}
              breakpoint="lg"
              collapsible
              collapsed={collapsed}
              onCollapse={setCollapsed}
              theme="light"
            >
              <div className="shell-sider-menu">
                <SideMenu collapsed={collapsed} />
              </div>
            </Layout.Sider>
          )}
          {phone && (
            <Drawer
              placement="left"
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              width={272}
              title={
                <span className="shell-drawer-title">
                  <BrandMark size={24} />
                  {t('app.name')}
                </span>
              }
              styles={{ body: { padding: '8px 0' } }}
              rootClassName="shell-drawer"
            >
              <SideMenu onNavigate={() => setDrawerOpen(false)} />
            </Drawer>
          )}
          <Layout.Content className="shell-content">
            {phone && (
              <div className="shell-region-bar">
                <RegionSwitcher block />
              </div>
            )}
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
      </RegionProvider>
    </App>
  );
}
