import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, InputNumber, List, Radio, Segmented, Select, Space, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { recordSession } from '../../api/service-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { PersonPicker, errorText, localToday, type PickedPerson } from './service-support.tsx';

const MODALITIES = ['in_person', 'phone', 'online', 'home'] as const;
const ATTENDANCE = ['attended', 'absent', 'left_early'] as const;
type SessionType = 'individual' | 'family' | 'group';

interface Participant extends PickedPerson {
  attendance: (typeof ATTENDANCE)[number];
}

/**
 * Records one session: an individual or family session for one person, or a group session with a participant
 * picker and attendance per participant. Full-width drawer on a phone.
 */
export function SessionForm({ open, initialType, onClose, onSaved }: { open: boolean; initialType: SessionType; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [type, setType] = useState<SessionType>(initialType);
  const [date, setDate] = useState(localToday());
  const [duration, setDuration] = useState<number | null>(initialType === 'group' ? 90 : 50);
  const [modality, setModality] = useState<(typeof MODALITIES)[number]>('in_person');
  const [topic, setTopic] = useState('');
  const [goals, setGoals] = useState('');
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const narrow = typeof window !== 'undefined' && window.innerWidth < 600;

  const group = type === 'group';
  const enough = group ? participants.length >= 2 : participants.length === 1;

  const add = (p: PickedPerson | null) => {
    if (!p) return;
    setParticipants((list) => (group ? [...list.filter((x) => x.id !== p.id), { ...p, attendance: 'attended' }] : [{ ...p, attendance: 'attended' }]));
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await recordSession(api, {
        type,
        date,
        durationMinutes: duration ?? 0,
        modality,
        ...(topic.trim() ? { topic: topic.trim() } : {}),
        ...(goals.trim() ? { goals } : {}),
        ...(outcome.trim() ? { outcome } : {}),
        ...(notes.trim() ? { notes } : {}),
        participants: participants.map((p) => ({ personId: p.id, attendance: p.attendance })),
      });
      onSaved();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={narrow ? '100%' : 560}
      title={group ? t('service.counseling.recordGroup') : t('service.counseling.recordSession')}
      destroyOnClose
      data-testid="session-form"
      extra={
        <Button type="primary" loading={saving} disabled={!enough} onClick={() => void save()} data-testid="session-save">
          {t('service.common.save')}
        </Button>
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('service.counseling.type')}>
          <Segmented
            block
            value={type}
            onChange={(v) => {
              setType(v as SessionType);
              if (v !== 'group') setParticipants((list) => list.slice(0, 1));
            }}
            options={(['individual', 'family', 'group'] as const).map((v) => ({ value: v, label: t(`service.type.${v}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('service.counseling.participants')} required>
          <Space direction="vertical" style={{ width: '100%' }}>
            {(group || participants.length === 0) && (
              <PersonPicker onPick={add} exclude={participants.map((p) => p.id)} testId="participant-picker" value={null} />
            )}
            <List
              size="small"
              bordered={participants.length > 0}
              dataSource={participants}
              locale={{ emptyText: group ? t('service.counseling.atLeastTwo') : ' ' }}
              renderItem={(p) => (
                <List.Item data-testid="participant-row">
                  <Space direction="vertical" size={4} style={{ width: '100%' }}>
                    <Typography.Text>{p.label}</Typography.Text>
                    <Space>
                      {group && (
                        <Select
                          size="small"
                          value={p.attendance}
                          style={{ minWidth: 110 }}
                          data-testid="attendance-select"
                          onChange={(v) => setParticipants((list) => list.map((x) => (x.id === p.id ? { ...x, attendance: v } : x)))}
                          options={ATTENDANCE.map((a) => ({ value: a, label: t(`service.attendance.${a}`) }))}
                        />
                      )}
                      <Button
                        size="small"
                        type="text"
                        aria-label="remove"
                        icon={<DeleteOutlined />}
                        onClick={() => setParticipants((list) => list.filter((x) => x.id !== p.id))}
                      />
                    </Space>
                  </Space>
                </List.Item>
              )}
            />
          </Space>
        </Form.Item>
        <Space wrap size="middle">
          <Form.Item label={t('service.common.date')} required>
            <Input type="date" value={date} max={localToday()} onChange={(e) => setDate(e.target.value)} data-testid="session-date" />
          </Form.Item>
          <Form.Item label={t('service.counseling.duration')} required>
            <InputNumber min={5} max={480} step={5} value={duration} onChange={(v) => setDuration(v)} data-testid="session-duration" />
          </Form.Item>
        </Space>
        <Form.Item label={t('service.counseling.modality')} required>
          <Radio.Group value={modality} onChange={(e) => setModality(e.target.value as (typeof MODALITIES)[number])} optionType="button" buttonStyle="solid">
            {MODALITIES.map((m) => (
              <Radio.Button key={m} value={m} data-testid={`modality-${m}`}>
                {t(`service.modality.${m}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('service.counseling.topic')}>
          <Input value={topic} maxLength={200} onChange={(e) => setTopic(e.target.value)} data-testid="session-topic" />
        </Form.Item>
        <Form.Item label={t('service.counseling.goals')}>
          <Input.TextArea value={goals} rows={2} maxLength={4000} onChange={(e) => setGoals(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('service.counseling.outcome')}>
          <Input.TextArea value={outcome} rows={2} maxLength={4000} onChange={(e) => setOutcome(e.target.value)} data-testid="session-outcome" />
        </Form.Item>
        {can('counseling.read_notes') && (
          <Form.Item label={t('service.counseling.clinicalNotes')}>
            <Input.TextArea value={notes} rows={4} maxLength={20000} onChange={(e) => setNotes(e.target.value)} data-testid="session-notes" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="session-error" />}
    </Drawer>
  );
}
