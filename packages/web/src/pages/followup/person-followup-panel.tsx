import { useEffect, useState } from 'react';
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { personFollowUp } from '../../api/followup-api.ts';
import type { PersonFollowUp } from '../../api/followup-api.ts';
import { errorText } from '../service/service-support.tsx';

const OPEN = new Set(['scheduled', 'due', 'overdue']);

/** Person page panel: enrolments, the open follow-up (with a record button) and the latest records. */
export default function PersonFollowUpPanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [data, setData] = useState<PersonFollowUp | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    personFollowUp(api, personId)
      .then(setData)
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [personId, t]);
  if (error) return <Alert type="warning" message={error} />;
  if (!data) return null;
  const open = data.tasks.filter((x) => OPEN.has(x.status));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="person-followup-panel">
      {data.enrolments.length === 0 && <Typography.Text type="secondary">{t('followup.panel.none')}</Typography.Text>}
      {data.enrolments.map((e) => (
        <Space key={e.id} wrap size={4}>
          <Tag color={e.status === 'active' ? 'blue' : 'default'}>{t(`followup.program.${e.program}`)}</Tag>
          <Typography.Text type="secondary">
            {t(`followup.enrolmentStatus.${e.status}`)} · {e.enrolledOn}
            {e.endedOn ? ` – ${e.endedOn}` : ''}
          </Typography.Text>
        </Space>
      ))}
      {open.map((task) => (
        <Space key={task.id} wrap>
          <Typography.Text>{t('followup.dueOn', { date: task.dueDate })}</Typography.Text>
          <Button size="small" type="primary" onClick={() => void navigate(`/followup/tasks/${task.id}`)}>
            {t('followup.record')}
          </Button>
        </Space>
      ))}
      {data.records.length > 0 && (
        <List
          size="small"
          header={t('followup.panel.records')}
          dataSource={data.records.slice(0, 10)}
          renderItem={(r) => (
            <List.Item>
              <Space wrap size={4}>
                <Typography.Text>{r.visitedOn}</Typography.Text>
                <Tag>{t(`followup.mode.${r.mode}`)}</Tag>
                {!r.reached && <Tag color="orange">{t('followup.panel.unreached')}</Tag>}
                {r.classification && <Tag>{t(`followup.classification.${r.classification}`)}</Tag>}
                {r.riskLevel !== null && <Tag>{t('followup.panel.risk', { level: r.riskLevel })}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
