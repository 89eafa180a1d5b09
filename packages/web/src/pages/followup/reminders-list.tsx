import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { listNotifications, markNotificationsRead } from '../../api/followup-api.ts';
import type { NotificationItem } from '../../api/followup-api.ts';
import { errorText } from '../service/service-support.tsx';
import { notificationText } from '../../i18n/event-labels.ts';

/** The caller's in-app notifications (follow-up reminders and others), newest first; opening one marks it read. */
export function RemindersList() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [unread, setUnread] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (after?: string) => {
      listNotifications(api, { cursor: after, limit: 20 })
        .then((r) => {
          setItems((prev) => (after ? [...prev, ...r.items] : r.items));
          setUnread(r.unread);
          setCursor(r.nextCursor);
        })
        .catch((e: unknown) => setError(errorText(t, e)));
    },
    [t],
  );
  useEffect(() => load(), [load]);

  const open = (n: NotificationItem) => {
    const go = () => {
      if (n.link) void navigate(n.link);
    };
    if (n.readAt) return go();
    markNotificationsRead(api, { ids: [n.id] })
      .then(() => {
        load();
        go();
      })
      .catch((e: unknown) => setError(errorText(t, e)));
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="reminders">
      {error && <Alert type="error" message={error} />}
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Badge count={unread} showZero={false}>
          <Typography.Text strong>{t('followup.reminders.unread', { count: unread })}</Typography.Text>
        </Badge>
        <Button size="small" disabled={unread === 0} onClick={() => void markNotificationsRead(api, { all: true }).then(() => load())}>
          {t('followup.reminders.markAll')}
        </Button>
      </Space>
      <List<NotificationItem>
        dataSource={items}
        locale={{ emptyText: <Empty description={t('followup.reminders.none')} /> }}
        renderItem={(n) => (
          <List.Item onClick={() => open(n)} style={{ cursor: n.link ? 'pointer' : 'default' }}>
            <Space direction="vertical" size={0}>
              <Typography.Text strong={!n.readAt}>
                {notificationText(t, i18n, n.kind, n.params)}
              </Typography.Text>
              <Typography.Text type="secondary">{new Date(n.createdAt).toLocaleString()}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {cursor && <Button block onClick={() => load(cursor)}>{t('followup.loadMore')}</Button>}
    </Space>
  );
}
