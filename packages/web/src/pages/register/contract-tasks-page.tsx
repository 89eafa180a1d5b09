import { useCallback, useEffect, useState } from 'react';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { fetchContractTasks } from '../../api/register-api.ts';
import type { ContractTask } from '../../api/register-api.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { ErrorNotice, RegionName, errorCode } from './register-support.tsx';

/** /register/contract-tasks — recovered patients in the institution's coverage with no family-doctor agreement in force. */
export default function ContractTasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('register.contractTasks.title'));
  const [items, setItems] = useState<ContractTask[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchContractTasks(api, after ?? undefined);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorCode(e));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load(null);
  }, [load]);
  return (
    <Card size="small" title={t('register.contractTasks.title')} data-testid="contract-tasks-page">
      <Typography.Paragraph type="secondary">{t('register.contractTasks.hint')}</Typography.Paragraph>
      {error && <ErrorNotice code={error} onRetry={() => void load(null)} />}
      <List
        loading={loading && items.length === 0}
        dataSource={items}
        locale={{ emptyText: t('register.contractTasks.empty') }}
        renderItem={(task) => (
          <List.Item key={task.personId} actions={[<Link key="open" to={`/register/persons/${task.personId}`}>{t('register.contract.record')}</Link>]}>
            <Space direction="vertical" size={0}>
              <Space wrap>
                <Typography.Text strong>{task.name}</Typography.Text>
                <Tag color="orange">{t(`register.contractStatus.${task.status}`)}</Tag>
              </Space>
              <Typography.Text type="secondary">
                {t(`register.sex.${task.sex}`)} · {task.birthDate} · <RegionName code={task.regionCode} />
                {task.lastValidThrough && ` · ${t('register.contract.validThrough', { date: task.lastValidThrough })}`}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {cursor && (
        <Button block onClick={() => void load(cursor)} loading={loading}>
          {t('register.search.more')}
        </Button>
      )}
    </Card>
  );
}
