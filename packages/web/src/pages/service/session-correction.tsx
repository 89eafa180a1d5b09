import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { correctSession, sessionRevisions, type CounselingSession, type SessionCorrection, type SessionRevision } from '../../api/service-api.ts';
import { errorText, localToday } from './service-support.tsx';

const MODALITIES = ['in_person', 'phone', 'online', 'home'] as const;
const ATTENDANCE = ['attended', 'absent', 'left_early'] as const;

/**
 * Corrects a recorded session (its provider or recorder): the form starts from the recorded values, sends only what
 * changed, and a reason is required. Clinical notes are offered only when the caller could read them.
 */
export function CorrectSessionDrawer({ session: s, onClose, onSaved }: { session: CounselingSession; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const notesVisible = !s.hidden.includes('notes');
  const clinicalVisible = !s.hidden.includes('outcome');
  const [date, setDate] = useState(s.date);
  const [duration, setDuration] = useState<number | null>(s.durationMinutes);
  const [modality, setModality] = useState(s.modality);
  const [topic, setTopic] = useState(s.topic ?? '');
  const [goals, setGoals] = useState(s.goals ?? '');
  const [outcome, setOutcome] = useState(s.outcome ?? '');
  const [notes, setNotes] = useState(s.notes ?? '');
  const [attendance, setAttendance] = useState(new Map(s.participants.map((p) => [p.personId, p.attendance])));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const narrow = typeof window !== 'undefined' && window.innerWidth < 600;

  const text = (now: string, before: string | null) => (now.trim() === (before ?? '').trim() ? undefined : now.trim() === '' ? null : now);
  const body: SessionCorrection = {
    reason,
    ...(date !== s.date ? { date } : {}),
    ...(duration !== null && duration !== s.durationMinutes ? { durationMinutes: duration } : {}),
    ...(modality !== s.modality ? { modality } : {}),
  };
  if (clinicalVisible) {
    const [tp, g, o] = [text(topic, s.topic), text(goals, s.goals), text(outcome, s.outcome)];
    if (tp !== undefined) body.topic = tp;
    if (g !== undefined) body.goals = g;
    if (o !== undefined) body.outcome = o;
  }
  if (notesVisible) {
    const n = text(notes, s.notes);
    if (n !== undefined) body.notes = n;
  }
  const attendanceChanges = s.participants.filter((p) => attendance.get(p.personId) !== p.attendance).map((p) => ({ personId: p.personId, attendance: attendance.get(p.personId) ?? p.attendance }));
  if (attendanceChanges.length > 0) body.attendance = attendanceChanges;
  const changes = Object.keys(body).length - 1;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await correctSession(api, s.id, body);
      onSaved();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      width={narrow ? '100%' : 560}
      title={t('service.counseling.correctTitle')}
      destroyOnClose
      data-testid="correct-session-form"
      extra={
        <Button type="primary" loading={saving} disabled={changes === 0 || reason.trim().length < 2} onClick={() => void save()} data-testid="correct-save">
          {t('service.common.save')}
        </Button>
      }
    >
      <Form layout="vertical">
        <Alert type="info" showIcon message={t('service.counseling.correctHint')} style={{ marginBottom: 16 }} />
        <Form.Item label={t('service.counseling.correctReason')} required>
          <Input.TextArea value={reason} rows={2} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="correct-reason" />
        </Form.Item>
        <Space wrap size="middle">
          <Form.Item label={t('service.common.date')}>
            <Input type="date" value={date} max={localToday()} onChange={(e) => setDate(e.target.value)} data-testid="correct-date" />
          </Form.Item>
          <Form.Item label={t('service.counseling.duration')}>
            <InputNumber min={5} max={480} step={5} value={duration} onChange={(v) => setDuration(v)} data-testid="correct-duration" />
          </Form.Item>
        </Space>
        <Form.Item label={t('service.counseling.modality')}>
          <Radio.Group value={modality} onChange={(e) => setModality(String(e.target.value))} optionType="button" buttonStyle="solid">
            {MODALITIES.map((m) => (
              <Radio.Button key={m} value={m}>
                {t(`service.modality.${m}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {s.type === 'group' && (
          <Form.Item label={t('service.counseling.participants')}>
            <List
              size="small"
              bordered
              dataSource={s.participants}
              renderItem={(p) => (
                <List.Item>
                  <Space wrap>
                    <Typography.Text>{p.personName}</Typography.Text>
                    <Select
                      size="small"
                      value={attendance.get(p.personId)}
                      style={{ minWidth: 110 }}
                      data-testid="correct-attendance"
                      onChange={(v: string) => setAttendance((m) => new Map(m).set(p.personId, v))}
                      options={ATTENDANCE.map((a) => ({ value: a, label: t(`service.attendance.${a}`) }))}
                    />
                  </Space>
                </List.Item>
              )}
            />
          </Form.Item>
        )}
        {clinicalVisible && (
          <>
            <Form.Item label={t('service.counseling.topic')}>
              <Input value={topic} maxLength={200} onChange={(e) => setTopic(e.target.value)} />
            </Form.Item>
            <Form.Item label={t('service.counseling.goals')}>
              <Input.TextArea value={goals} rows={2} maxLength={4000} onChange={(e) => setGoals(e.target.value)} />
            </Form.Item>
            <Form.Item label={t('service.counseling.outcome')}>
              <Input.TextArea value={outcome} rows={2} maxLength={4000} onChange={(e) => setOutcome(e.target.value)} data-testid="correct-outcome" />
            </Form.Item>
          </>
        )}
        {notesVisible && (
          <Form.Item label={t('service.counseling.clinicalNotes')}>
            <Input.TextArea value={notes} rows={4} maxLength={20000} onChange={(e) => setNotes(e.target.value)} data-testid="correct-notes" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="correct-error" />}
    </Drawer>
  );
}

/** The corrections of a session, newest first, each with what it changed and the values it replaced (as allowed). */
export function SessionRevisionsModal({ session: s, onClose }: { session: CounselingSession; onClose: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<SessionRevision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    sessionRevisions(api, s.id)
      .then((r) => setItems([...r.items].reverse()))
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [s.id, t]);
  const names = new Map(s.participants.map((p) => [p.personId, p.personName]));
  const previous = (r: SessionRevision, field: string): string | null => {
    const p = r.previous;
    switch (field) {
      case 'date':
        return p.date;
      case 'durationMinutes':
        return `${p.durationMinutes}′`;
      case 'modality':
        return t(`service.modality.${p.modality}`);
      case 'attendance':
        return (p.attendance ?? []).map((a) => `${names.get(a.personId) ?? '—'}：${t(`service.attendance.${a.attendance}`)}`).join('、') || null;
      case 'topic':
        return p.topic;
      case 'goals':
        return p.goals;
      case 'outcome':
        return p.outcome;
      case 'notes':
        return p.notes;
      default:
        return null;
    }
  };
  return (
    <Modal open onCancel={onClose} footer={null} title={t('service.counseling.revisionsTitle')} destroyOnClose data-testid="session-revisions">
      {error && <Alert type="error" showIcon message={error} />}
      <List
        loading={items === null && error === null}
        dataSource={items ?? []}
        locale={{ emptyText: t('service.common.empty') }}
        renderItem={(r) => (
          <List.Item data-testid="revision-item">
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                {new Date(r.revisedAt).toLocaleString()} · {r.revisedByName}
              </Typography.Text>
              {r.reason !== null && (
                <Typography.Text>
                  {t('service.counseling.correctReason')}：{r.reason}
                </Typography.Text>
              )}
              {r.changed.map((f) => {
                const before = previous(r, f);
                return (
                  <Typography.Text key={f} type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                    <Tag>{t(`service.counseling.field.${f}`)}</Tag>
                    {before === null ? (r.hidden.includes(f) ? t('service.counseling.previousHidden') : t('service.counseling.previousEmpty')) : `${t('service.counseling.previous')}：${before}`}
                  </Typography.Text>
                );
              })}
            </Space>
          </List.Item>
        )}
      />
    </Modal>
  );
}
