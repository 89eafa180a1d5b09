import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PROGRAMS } from '@anxin/domain/followup/follow-up-policy.ts';
import { enrol, personFollowUp } from '../../api/followup-api.ts';
import type { PersonFollowUp, Program } from '../../api/followup-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { errorText } from '../service/service-support.tsx';

const OPEN = new Set(['scheduled', 'due', 'overdue']);

/** Person page panel: enrolments, the open follow-up (with a record button) and the latest records. */
export default function PersonFollowUpPanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const can = useCan();
  const [data, setData] = useState<PersonFollowUp | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [program, setProgram] = useState<Program | undefined>();
  const [saving, setSaving] = useState(false);
  const load = useCallback(() => {
    personFollowUp(api, personId)
      .then(setData)
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [personId, t]);
  useEffect(load, [load]);
  if (error) return <Alert type="warning" message={error} />;
  if (!data) return null;
  const open = data.tasks.filter((x) => OPEN.has(x.status));
  const activePrograms = new Set(data.enrolments.filter((e) => e.status === 'active').map((e) => e.program));
  const enrolIn = () => {
    if (!program) return;
    setSaving(true);
    enrol(api, { personId, program })
      .then((r) => {
        void message.success(t('followup.panel.enrolled', { date: r.dueDate }));
        setProgram(undefined);
        load();
      })
      .catch((e: unknown) => void message.error(errorText(t, e)))
      .finally(() => setSaving(false));
  };
  return (
    <Card size="small" title={t('followup.personPanel.title')}>
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
        {can('followup.assign') && (
          <Space wrap>
            <Select<Program>
              style={{ minWidth: 200 }}
              placeholder={t('followup.panel.pickProgram')}
              value={program}
              onChange={setProgram}
              options={PROGRAMS.filter((p) => !activePrograms.has(p)).map((p) => ({ value: p, label: t(`followup.program.${p}`) }))}
            />
            <Button disabled={!program} loading={saving} onClick={enrolIn} data-testid="enrol-button">
              {t('followup.panel.enrol')}
            </Button>
          </Space>
        )}
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
    </Card>
  );
}
