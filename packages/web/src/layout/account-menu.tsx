import { DownOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSession, useSignedInSession } from '../auth/session-context.tsx';

/** The signed-in person's name, with sign-out here and on every device. */
export function AccountMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { signOut } = useSession();
  const session = useSignedInSession();
  const navigate = useNavigate();

  const leave = async (everywhere: boolean) => {
    try {
      await signOut({ everywhere });
      void navigate('/login', { replace: true });
    } catch {
      void message.error(t('header.logoutFailed'));
    }
  };

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: `${session.account.displayName} (${session.account.username})`,
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: () => void leave(false) },
    {
      key: 'logout-all',
      icon: <PoweroffOutlined />,
      danger: true,
      label: t('header.logoutEverywhere'),
      onClick: () => {
        modal.confirm({
          title: t('header.logoutEverywhereTitle'),
          content: t('header.logoutEverywhereContent'),
          okText: t('header.logoutEverywhereOk'),
          okButtonProps: { danger: true },
          cancelText: t('header.cancel'),
          onOk: () => leave(true),
        });
      },
    },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" aria-label={t('header.account')} data-testid="account-menu" style={{ color: '#fff', paddingInline: 8 }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: 'rgba(255,255,255,0.2)' }} />
        {!compact && <span>{session.account.displayName}</span>}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
