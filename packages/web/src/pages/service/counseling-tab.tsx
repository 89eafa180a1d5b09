import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, List, Modal, Segmented, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { changePlanStatus, createPlan, listPlans, listSessions } from '../../api/service-api.ts';
import type { CounselingPlan, CounselingSession } from '../../api/service-api.ts';
import { useCan, useSignedInSession } from '../../auth/session-context.tsx';
import { ReassignPlansModal } from './reassign-plans.tsx';
import { CorrectSessionDrawer, SessionRevisionsModal } from './session-correction.tsx';
import { SessionForm } from './session-form.tsx';
import { PersonPicker, errorText, type PickedPerson } from './service-support.tsx';

/**
 * A session as a card line: date, type, modality, duration, participants; clinical text only when the server sent it.
 * Its provider or recorder can correct it (with a reason); a corrected session shows how often, and the corrections.
 */
export function SessionItem({ s, onChanged }: { s: CounselingSession; onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [correcting, setCorrecting] = useState(false);
  const [showRevisions, setShowRevisions] = useState(false);
  return (
    <List.Item
      data-testid="session-item"
      actions={
        s.editable && onChanged
          ? [
              <Button key="correct" size="small" onClick={() => setCorrecting(true)} data-testid="session-correct">
                {t('service.counseling.correct')}
              </Button>,
            ]
          : []
      }
    >
      {correcting && (
        <CorrectSessionDrawer
          session={s}
          onClose={() => setCorrecting(false)}
          onSaved={() => {
            setCorrecting(false);
            void message.success(t('service.counseling.correctionSaved'));
            onChanged?.();
          }}
        />
      )}
      {showRevisions && <SessionRevisionsModal session={s} onClose={() => setShowRevisions(false)} />}
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Typography.Text strong>{s.date}</Typography.Text>
          <Tag color={s.type === 'group' ? 'purple' : 'blue'}>{t(`service.type.${s.type}`)}</Tag>
          <Tag>{t(`service.modality.${s.modality}`)}</Tag>
          <Typography.Text type="secondary">
            {s.durationMinutes}′ · {s.providerName}
          </Typography.Text>
          {s.revisionCount > 0 && (
            <Tag color="orange" style={{ cursor: 'pointer' }} onClick={() => setShowRevisions(true)} data-testid="session-corrected">
              {t('service.counseling.corrected', { count: s.revisionCount })}
            </Tag>
          )}
        </Space>
        {s.topic && <Typography.Text>{s.topic}</Typography.Text>}
        <Typography.Text type="secondary" data-testid="session-participants">
          {s.type === 'group'
            ? `${t('service.counseling.participantsCount', { count: s.participants.length })}：${s.participants
                .map((p) => (p.attendance === 'attended' ? p.personName : `${p.personName}（${t(`service.attendance.${p.attendance}`)}）`))
                .join('、')}`
            : s.participants.map((p) => p.personName).join('、')}
        </Typography.Text>
        {s.outcome && (
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('service.counseling.outcome')}：{s.outcome}
          </Typography.Paragraph>
        )}
        {s.notes && (
          <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="session-notes-text">
            {t('service.counseling.clinicalNotes')}：{s.notes}
          </Typography.Paragraph>
        )}
        {s.hidden.includes('notes') && <Typography.Text type="secondary">{t('service.common.hiddenNote')}</Typography.Text>}
      </Space>
    </List.Item>
  );
}

function PlanForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [type, setType] = useState('individual');
  const [goals, setGoals] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!person) return;
    setSaving(true);
    setError(null);
    try {
      await createPlan(api, { personId: person.id, type, ...(goals.trim() ? { goals } : {}), responsibleAccountId: session.account.id });
      onSaved();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('service.counseling.newPlan')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ disabled: !person, loading: saving }}
      okText={t('service.common.save')}
      cancelText={t('service.common.cancel')}
      destroyOnClose
    >
      <Form layout="vertical">
        <Form.Item label={t('service.common.person')} required>
          <PersonPicker onPick={setPerson} value={person?.id ?? null} testId="plan-person" />
        </Form.Item>
        <Form.Item label={t('service.counseling.type')}>
          <Segmented block value={type} onChange={(v) => setType(String(v))} options={['individual', 'family', 'group'].map((v) => ({ value: v, label: t(`service.type.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('service.counseling.goals')}>
          <Input.TextArea rows={3} value={goals} maxLength={4000} onChange={(e) => setGoals(e.target.value)} />
        </Form.Item>
        <Typography.Text type="secondary">{t('service.counseling.responsibleMe')}</Typography.Text>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}

/** Counseling: the plans I am responsible for (or all in my jurisdiction), recent sessions, and the two recording forms. */
export function CounselingTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const recorder = can('counseling.record');
  const assigner = recorder || can('followup.assign');
  const [selected, setSelected] = useState<string[]>([]);
  const [reassigning, setReassigning] = useState(false);
  const [mine, setMine] = useState(true);
  const [plans, setPlans] = useState<CounselingPlan[]>([]);
  const [sessions, setSessions] = useState<CounselingSession[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<'individual' | 'group' | null>(null);
  const [planForm, setPlanForm] = useState(false);

  const load = useCallback(() => {
    setError(null);
    Promise.all([listPlans(api, { status: 'active', mine, limit: 50 }), listSessions(api, { mine, limit: 20 })])
      .then(([p, s]) => {
        setPlans(p.items);
        setSessions(s.items);
        setSelected((ids) => ids.filter((id) => p.items.some((x) => x.id === id)));
      })
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [mine, t]);
  useEffect(load, [load]);

  const complete = async (id: string) => {
    try {
      await changePlanStatus(api, id, 'completed');
      load();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="counseling-tab">
      <Space wrap>
        {recorder && (
          <>
            <Button type="primary" icon={<TeamOutlined />} onClick={() => setForm('group')} data-testid="record-group">
              {t('service.counseling.recordGroup')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setForm('individual')} data-testid="record-session">
              {t('service.counseling.recordSession')}
            </Button>
            <Button onClick={() => setPlanForm(true)} data-testid="new-plan">
              {t('service.counseling.newPlan')}
            </Button>
          </>
        )}
        <Space size={4}>
          <Switch size="small" checked={mine} onChange={setMine} />
          <Typography.Text>{t('service.counseling.mine')}</Typography.Text>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Card size="small" title={t('service.counseling.sessions')}>
        <List dataSource={sessions} locale={{ emptyText: t('service.common.empty') }} renderItem={(s) => <SessionItem s={s} onChanged={load} />} data-testid="session-list" />
      </Card>
      <Card
        size="small"
        title={t('service.counseling.plans')}
        extra={
          assigner && (
            <Button size="small" disabled={selected.length === 0} onClick={() => setReassigning(true)} data-testid="reassign-plans-open">
              {t('service.counseling.reassignSelected', { count: selected.length })}
            </Button>
          )
        }
      >
        <List
          dataSource={plans}
          locale={{ emptyText: t('service.common.empty') }}
          data-testid="plan-list"
          renderItem={(p) => (
            <List.Item
              actions={
                recorder
                  ? [
                      <Button key="done" size="small" onClick={() => void complete(p.id)}>
                        {t('service.counseling.complete')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space align="start">
                {assigner && (
                  <Checkbox
                    checked={selected.includes(p.id)}
                    aria-label={p.personName}
                    data-testid="plan-select"
                    onChange={(e) => setSelected((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((id) => id !== p.id)))}
                  />
                )}
              <Space direction="vertical" size={2}>
                <Space wrap size={4}>
                  <Typography.Text strong>{p.personName}</Typography.Text>
                  <Tag color="blue">{t(`service.type.${p.type}`)}</Tag>
                  <Tag>{t(`service.planStatus.${p.status}`)}</Tag>
                  <Typography.Text type="secondary">{t('service.counseling.sessionCount', { count: p.sessionCount })}</Typography.Text>
                </Space>
                {p.goals && <Typography.Text type="secondary">{p.goals}</Typography.Text>}
                <Typography.Text type="secondary" data-testid="plan-responsible">
                  {p.startDate} · {t('service.counseling.responsible')}：{[p.responsibleName, p.teamName].filter(Boolean).join(' · ') || '—'}
                </Typography.Text>
              </Space>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {form && (
        <SessionForm
          open
          initialType={form}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            void message.success(t('service.counseling.sessionSaved'));
            load();
          }}
        />
      )}
      {reassigning && (
        <ReassignPlansModal
          planIds={selected}
          onClose={() => setReassigning(false)}
          onSaved={(count) => {
            setReassigning(false);
            setSelected([]);
            void message.success(t('service.counseling.reassigned', { count }));
            load();
          }}
        />
      )}
      {planForm && (
        <PlanForm
          open
          onClose={() => setPlanForm(false)}
          onSaved={() => {
            setPlanForm(false);
            void message.success(t('service.counseling.planSaved'));
            load();
          }}
        />
      )}
    </Space>
  );
}
