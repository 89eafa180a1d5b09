import { useState } from 'react';
import { Button, Card, Empty, List, Space, Tag, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { crisisApi, type KeyPerson } from '../../api/crisis-api.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';
import { ErrorNotice, RegionName, errorCode, useAsync } from '../register/register-support.tsx';
import { GRID_OUTCOMES } from './crisis-codes.ts';
import { formatTime } from './crisis-labels.tsx';


/** /crisis/key-persons — the grid worker's key persons: how often to check, whom to call; nothing clinical. */
export default function KeyPersonsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('crisis.keyPersons.title'));
  const { region } = useRegion();
  const [state, reload] = useAsync(() => crisisApi.keyPersons(api, { region: region?.code }), [region?.code]);
  const [checking, setChecking] = useState<string | null>(null);

  async function check(k: KeyPerson, outcome: (typeof GRID_OUTCOMES)[number]) {
    setChecking(k.id);
    try {
      await crisisApi.gridCheck(api, k.id, outcome);
      void message.success(t('crisis.saved'));
      reload();
    } catch (e) {
      void message.error(t(`errors.${errorCode(e)}`));
    } finally {
      setChecking(null);
    }
  }

  return (
    <Card size="small" title={t('crisis.keyPersons.title')} data-testid="crisis-key-persons">
      <Typography.Paragraph type="secondary">{t('crisis.keyPersons.hint')}</Typography.Paragraph>
      {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
      <List
        loading={state.status === 'loading'}
        dataSource={state.status === 'ready' ? state.data.items : []}
        locale={{ emptyText: <Empty description={t('crisis.keyPersons.empty')} /> }}
        renderItem={(k) => (
          <List.Item key={k.id} data-testid="key-person-row" style={k.overdue ? { background: '#fff1f0', paddingLeft: 8 } : undefined}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Typography.Text strong>{k.personName}</Typography.Text>
                <Typography.Text type="secondary">
                  <RegionName code={k.regionCode} />
                </Typography.Text>
                {k.overdue && <Tag color="red">{t('crisis.keyPersons.overdue')}</Tag>}
                {!k.underManagement && <Tag>{t('crisis.keyPersons.pending')}</Tag>}
              </Space>
              <Typography.Text>
                {t('crisis.case.checkEvery', { days: k.checkEveryDays })} · {t('crisis.case.contact', { name: k.contactName })}
              </Typography.Text>
              <Typography.Text type={k.overdue ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
                {k.nextDueAt && t('crisis.keyPersons.due', { time: formatTime(k.nextDueAt, i18n.language) })}
                {k.lastCheckAt && ` · ${t('crisis.keyPersons.last', { time: formatTime(k.lastCheckAt, i18n.language) })}`}
              </Typography.Text>
              <Space wrap>
                {k.contactPhone && (
                  <Button href={`tel:${k.contactPhone}`} size="small">
                    {t('crisis.keyPersons.call', { phone: k.contactPhone })}
                  </Button>
                )}
                {k.underManagement &&
                  GRID_OUTCOMES.map((o) => (
                    <Button key={o} size="small" loading={checking === k.id} onClick={() => void check(k, o)} danger={o !== 'seen_well'} data-testid={`check-${o}`}>
                      {t(`crisis.outcome.${o}`)}
                    </Button>
                  ))}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
