import { useCallback, useEffect, useState } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { markNotificationsRead, type NotificationItem } from '../api/followup-api.ts';
import { notificationText } from '../i18n/event-labels.ts';

// Reminders, escalations and alerts reach people who may never open the follow-up page: the bell is
// on every page. A minute between polls is soon enough for reminders; crisis boards have their own stream.
const POLL_MS = 60_000;

/** The notification centre in the header: unread count, the latest items, open one to go to its page. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [unread, setUnread] = useState(0);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async (background = false) => {
    try {
      const page = await api.get<{ items: NotificationItem[]; unread: number }>('/api/notifications', { query: { limit: 10 }, background });
      setItems(page.items);
      setUnread(page.unread);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(true), POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const openItem = async (n: NotificationItem) => {
    setOpen(false);
    if (!n.readAt) {
      await markNotificationsRead(api, { ids: [n.id] }).catch(() => undefined);
      void load();
    }
    if (n.link) void navigate(n.link);
  };

  const readAll = async () => {
    await markNotificationsRead(api, { all: true }).catch(() => undefined);
    void load();
  };

  const content = (
    <div className="shell-notifications" data-testid="notification-list">
      {failed && <Typography.Text type="danger">{t('header.notificationsFailed')}</Typography.Text>}
      <List<NotificationItem>
        size="small"
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('header.notificationsEmpty')} /> }}
        renderItem={(n) => (
          <List.Item onClick={() => void openItem(n)} style={{ cursor: 'pointer' }}>
            <div>
              <Typography.Text strong={!n.readAt}>{notificationText(t, i18n, n.kind, n.params)}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {new Date(n.createdAt).toLocaleString(i18n.language)}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      {unread > 0 && (
        <Button type="link" size="small" onClick={() => void readAll()}>
          {t('header.notificationsReadAll')}
        </Button>
      )}
    </div>
  );

  return (
    <Popover
      content={content}
      title={t('header.notifications')}
      trigger="click"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void load();
      }}
      placement="bottomRight"
    >
      <Button
        type="text"
        className="shell-header-button"
        aria-label={t('header.notificationsCount', { count: unread })}
        data-testid="notification-bell"
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ color: 'rgba(255, 255, 255, 0.92)', fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
