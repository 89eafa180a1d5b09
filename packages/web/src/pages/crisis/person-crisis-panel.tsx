import { Button, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { crisisApi } from '../../api/crisis-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { ErrorNotice, useAsync } from '../register/register-support.tsx';
import { LevelTag, formatTime } from './crisis-labels.tsx';

/** The person page's crisis panel: the person's cases (crisis.read), and a button to report one. */
export default function PersonCrisisPanel({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const readable = can('crisis.read');
  const [state, reload] = useAsync(async () => (readable ? crisisApi.board(api, { personId, includeClosed: true }) : { items: [], generatedAt: '' }), [personId, readable]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="person-crisis-panel">
      {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
      {readable && (
        <List
          size="small"
          loading={state.status === 'loading'}
          dataSource={state.status === 'ready' ? state.data.items : []}
          locale={{ emptyText: t('crisis.personPanel.none') }}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <Space wrap size={4}>
                <LevelTag level={c.level} />
                <Link to={`/crisis/cases/${c.id}`}>{t(`crisis.status.${c.status}`)}</Link>
                {c.overdue && <Tag color="red">{t('crisis.board.overdue')}</Tag>}
                <Typography.Text type="secondary">{formatTime(c.openedAt, i18n.language)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {can('crisis.report') && (
        <Link to={`/crisis/report?personId=${personId}`}>
          <Button danger size="small">
            {t('crisis.personPanel.report')}
          </Button>
        </Link>
      )}
    </Space>
  );
}
