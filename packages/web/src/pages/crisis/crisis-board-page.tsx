import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Card, Checkbox, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { crisisApi, crisisStreamUrl, type CaseSummary } from '../../api/crisis-api.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';
import { ErrorNotice, RegionName, errorCode } from '../register/register-support.tsx';
import { LevelTag, formatTime } from './crisis-labels.tsx';
import { OnCallCard } from './on-call-card.tsx';

/** /crisis — open cases by level and deadline, red when overdue, live over server-sent events. */
export default function CrisisBoardPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('crisis.board.title'));
  const { region } = useRegion();
  const [items, setItems] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [includeClosed, setIncludeClosed] = useState(false);
  const code = region?.code;

  const load = useCallback(async () => {
    try {
      const board = await crisisApi.board(api, { region: code, includeClosed });
      setItems(board.items);
      setError(null);
    } catch (e) {
      setError(errorCode(e));
    }
  }, [code, includeClosed]);

  useEffect(() => {
    void load();
  }, [load]);

  // Live updates: the server says `changed`, the board refetches. EventSource reconnects on its own.
  useEffect(() => {
    const source = new EventSource(crisisStreamUrl(code));
    source.addEventListener('ready', () => setLive(true));
    source.addEventListener('changed', () => {
      setLive(true);
      void load();
    });
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [code, load]);

  // Deadlines pass while the page is open: re-render each minute so "overdue" turns red on time.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);

  const now = Date.now();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
    <Card
      size="small"
      title={t('crisis.board.title')}
      data-testid="crisis-board"
      extra={
        <Space wrap>
          <Badge status={live ? 'success' : 'default'} text={live ? t('crisis.board.live') : ''} data-testid="crisis-live" />
          <Checkbox checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)}>
            {t('crisis.board.includeClosed')}
          </Checkbox>
        </Space>
      }
    >
      {error && <ErrorNotice code={error} onRetry={() => void load()} />}
      {!live && items !== null && <Alert type="warning" showIcon message={t('crisis.board.offline')} style={{ marginBottom: 8 }} />}
      <List
        loading={items === null && !error}
        dataSource={items ?? []}
        locale={{ emptyText: <Empty description={t('crisis.board.empty')} /> }}
        renderItem={(c) => {
          const overdue = c.overdue || (c.firstContactAt === null && c.closedAt === null && new Date(c.firstContactDueAt).getTime() <= now);
          return (
            <List.Item
              key={c.id}
              data-testid="crisis-case-row"
              data-overdue={overdue ? 'true' : 'false'}
              style={overdue || c.policeLiaisonOverdue ? { background: '#fff1f0', borderLeft: '4px solid #cf1322', paddingLeft: 8 } : { paddingLeft: 12 }}
            >
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <LevelTag level={c.level} />
                  <Link to={`/crisis/cases/${c.id}`} data-testid="crisis-case-link">
                    <Typography.Text strong>{c.personName ?? t('crisis.board.anonymous')}</Typography.Text>
                  </Link>
                  <Tag>{t(`crisis.status.${c.status}`)}</Tag>
                  {overdue && <Tag color="red">{t('crisis.board.overdue')}</Tag>}
                  {c.escalationStep === 1 && <Tag color="volcano">{t('crisis.board.escalated1')}</Tag>}
                  {c.escalationStep === 2 && <Tag color="volcano">{t('crisis.board.escalated2')}</Tag>}
                </Space>
                <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
                  {c.firstContactAt
                    ? t('crisis.board.contacted', { time: formatTime(c.firstContactAt, i18n.language) })
                    : t('crisis.board.due', { time: formatTime(c.firstContactDueAt, i18n.language) })}
                  {' · '}
                  <RegionName code={c.regionCode} />
                  {' · '}
                  {t(`crisis.source.${c.openedSource}`)} · {t('crisis.board.signals', { count: c.signalCount })}
                </Typography.Text>
                {c.policeLiaisonNeeded && !c.policeLiaisonAt && (
                  <Typography.Text type={c.policeLiaisonOverdue ? 'danger' : 'warning'} style={{ fontSize: 13 }}>
                    {c.policeLiaisonOverdue ? t('crisis.board.policeOverdue') : t('crisis.board.police', { level: c.smdRiskLevel ?? 3 })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
    <OnCallCard />
    </Space>
  );
}
