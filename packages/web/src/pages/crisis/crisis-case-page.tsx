import { useState } from 'react';
import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Tag, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { crisisApi, type CaseDetail, type SafetyPlan, type TriageInput } from '../../api/crisis-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { ErrorNotice, RegionName, errorCode, useAsync } from '../register/register-support.tsx';
import { CONTACT_MODES, PLAN_KEYS } from './crisis-codes.ts';
import { LevelTag, formatTime } from './crisis-labels.tsx';

const FORM_EVENTS = new Set(['triage', 'admit', 'discharge', 'give_feedback']);

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** /crisis/cases/:id — one case: state, deadlines, records, and the forms the workflow allows now. */
export default function CrisisCasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('crisis.case.title'));
  const [state, reload] = useAsync(() => crisisApi.get(api, id), [id]);
  if (state.status === 'loading') return <Card loading size="small" />;
  if (state.status === 'error') return <ErrorNotice code={state.code} onRetry={reload} />;
  return <CaseView c={state.data} reload={reload} />;
}

function CaseView({ c, reload }: { c: CaseDetail; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [event, setEvent] = useState<string | null>(null);
  const manage = can('crisis.manage') && c.status !== 'closed';
  const time = (iso: string) => formatTime(iso, i18n.language);
  const by = (name: string, at: string) => t('crisis.case.by', { name, time: time(at) });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="crisis-case">
      <Card
        size="small"
        title={
          <Space wrap size={4}>
            <LevelTag level={c.level} />
            <span data-testid="crisis-case-name">{c.personName ?? t('crisis.board.anonymous')}</span>
            <Tag data-testid="crisis-case-status">{t(`crisis.status.${c.status}`)}</Tag>
            {c.overdue && <Tag color="red">{t('crisis.board.overdue')}</Tag>}
          </Space>
        }
      >
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('crisis.report.region')}>
            <RegionName code={c.regionCode} />
          </Descriptions.Item>
          <Descriptions.Item label={t('crisis.case.openedLabel')}>
            {t('crisis.case.opened', { time: time(c.openedAt), source: t(`crisis.source.${c.openedSource}`) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('crisis.case.firstContact')}>
            <Typography.Text type={c.overdue ? 'danger' : undefined}>
              {c.firstContactAt ? t('crisis.board.contacted', { time: time(c.firstContactAt) }) : t('crisis.board.due', { time: time(c.firstContactDueAt) })}
            </Typography.Text>
          </Descriptions.Item>
          {c.policeLiaisonNeeded && (
            <Descriptions.Item label={t('crisis.mode.police_liaison')}>
              <Typography.Text type={c.policeLiaisonOverdue ? 'danger' : undefined}>
                {c.policeLiaisonAt ? time(c.policeLiaisonAt) : t('crisis.board.police', { level: c.smdRiskLevel ?? 3 })}
              </Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
        {c.personId && can('person.read') && <Link to={`/register/persons/${c.personId}`}>{t('crisis.case.openPerson')}</Link>}
        {manage && c.availableEvents.length > 0 && (
          <Space wrap style={{ marginTop: 12 }}>
            {c.availableEvents.map((e) => (
              <Button key={e} type={e === 'triage' ? 'primary' : 'default'} danger={e === 'admit'} onClick={() => setEvent(e)} data-testid={`event-${e}`}>
                {t(`crisis.event.${e}`)}
              </Button>
            ))}
          </Space>
        )}
      </Card>

      <EventModal event={event} c={c} onClose={() => setEvent(null)} onDone={reload} />

      <Card size="small" title={t('crisis.case.reports')}>
        <List
          dataSource={c.reports}
          locale={{ emptyText: t('crisis.case.none') }}
          renderItem={(r) => (
            <List.Item key={r.id}>
              <Space direction="vertical" size={2}>
                <Space wrap size={4}>
                  <Tag>{t(`crisis.source.${r.source}`)}</Tag>
                  {r.observed.map((o) => (
                    <Tag key={o} color="orange">
                      {t(`crisis.observed.${o}`, { defaultValue: o })}
                    </Tag>
                  ))}
                </Space>
                {r.location && (
                  <Typography.Text>
                    <EnvironmentOutlined /> {r.location}
                  </Typography.Text>
                )}
                {r.subject && <Typography.Text>{r.subject}</Typography.Text>}
                {r.description && <Typography.Text type="secondary">{r.description}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {by(r.reporterName, r.reportedAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      {c.triages.length > 0 && (
        <Card size="small" title={t('crisis.case.triages')}>
          {c.triages.map((tr) => (
            <Space key={tr.id} direction="vertical" size={2} style={{ display: 'flex', marginBottom: 8 }}>
              <Space wrap size={4}>
                <LevelTag level={tr.level as CaseDetail['level']} />
                <Tag>{t(`crisis.thoughts.${tr.thoughts}`)}</Tag>
                {tr.plan && <Tag>{t('crisis.triage.plan')}</Tag>}
                {tr.means && <Tag>{t('crisis.triage.means')}</Tag>}
                <Tag>{t(`crisis.timeframe.${tr.timeframe}`)}</Tag>
                {tr.smdRiskLevel !== null && <Tag>SMD {tr.smdRiskLevel}</Tag>}
              </Space>
              {tr.notes && <Typography.Text>{tr.notes}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {by(tr.byName, tr.at)}
              </Typography.Text>
            </Space>
          ))}
        </Card>
      )}

      <SafetyPlanCard c={c} editable={manage && c.status !== 'reported'} onSaved={reload} />
      <ContactsCard c={c} editable={manage && c.status !== 'reported'} onSaved={reload} />

      {c.admissions.length > 0 && (
        <Card size="small" title={t('crisis.case.admissions')}>
          {c.admissions.map((a) => (
            <Typography.Paragraph key={a.id}>
              {a.hospitalName} · {a.admittedOn} · {a.arrangedByName}
              {a.involuntary && ` · ${t('crisis.case.involuntary')}`}
              {a.dischargedOn && ` · ${t('crisis.case.discharged', { date: a.dischargedOn })}`}
              {a.dischargeNotes && <Typography.Text type="secondary"> — {a.dischargeNotes}</Typography.Text>}
            </Typography.Paragraph>
          ))}
        </Card>
      )}

      {c.keyPerson && (
        <Card size="small" title={t('crisis.case.keyPerson')}>
          <Typography.Paragraph>
            {t('crisis.case.checkEvery', { days: c.keyPerson.checkEveryDays })} · {t('crisis.case.contact', { name: c.keyPerson.contactName })}
            {c.keyPerson.nextDueAt && ` · ${t('crisis.case.nextDue', { time: time(c.keyPerson.nextDueAt) })}`}
          </Typography.Paragraph>
        </Card>
      )}

      <Card size="small" title={t('crisis.case.history')}>
        <List
          size="small"
          dataSource={c.transitions}
          locale={{ emptyText: t('crisis.case.none') }}
          renderItem={(x) => (
            <List.Item key={`${x.event}-${x.at}`}>
              <Space direction="vertical" size={0}>
                <span>
                  {t(`crisis.event.${x.event}`)} → {t(`crisis.status.${x.to}`)}
                </span>
                {x.review && <Typography.Text type="secondary">{x.review}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {by(x.byName, x.at)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

/** The form each workflow event needs: triage, admission, discharge, feedback, or a plain confirm (review when closing). */
function EventModal({ event, c, onClose, onDone }: { event: string | null; c: CaseDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [saving, setSaving] = useState(false);
  if (!event) return null;
  const needsReview = event === 'close' || event === 'dismiss';

  async function submit(v: Record<string, unknown>) {
    if (!event) return;
    setSaving(true);
    try {
      if (event === 'triage') {
        const r = await crisisApi.triage(api, c.id, {
          thoughts: v.thoughts as TriageInput['thoughts'],
          plan: Boolean(v.plan),
          means: Boolean(v.means),
          timeframe: v.timeframe as TriageInput['timeframe'],
          recentAttempt: Boolean(v.recentAttempt),
          smdRiskLevel: typeof v.smdRiskLevel === 'number' ? v.smdRiskLevel : null,
          ...(typeof v.notes === 'string' && v.notes.trim() ? { notes: v.notes } : {}),
        });
        void message.success(t('crisis.triage.result', { level: t(`crisis.level.${r.level}`) }));
      } else if (event === 'admit') {
        await crisisApi.admit(api, c.id, { hospitalName: String(v.hospitalName), admittedOn: String(v.admittedOn), involuntary: Boolean(v.involuntary) });
      } else if (event === 'discharge') {
        await crisisApi.discharge(api, c.id, { dischargedOn: String(v.dischargedOn), ...(typeof v.notes === 'string' && v.notes.trim() ? { notes: v.notes } : {}) });
      } else if (event === 'give_feedback') {
        await crisisApi.feedback(api, c.id, { checkEveryDays: Number(v.checkEveryDays), ...(typeof v.contactPhone === 'string' && v.contactPhone.trim() ? { contactPhone: v.contactPhone.trim() } : {}) });
      } else {
        await crisisApi.transition(api, c.id, { event, ...(needsReview ? { review: String(v.review ?? '') } : {}) });
      }
      form.resetFields();
      onClose();
      onDone();
    } catch (e) {
      void message.error(t(`errors.${errorCode(e)}`));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t(`crisis.event.${event}`)}
      onCancel={onClose}
      okText={t('crisis.save')}
      cancelText={t('crisis.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="crisis-event-modal"
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ thoughts: 'none', timeframe: 'none', admittedOn: today(), dischargedOn: today(), checkEveryDays: 7 }}>
        {event === 'triage' && (
          <>
            <Form.Item name="thoughts" label={t('crisis.triage.thoughts')}>
              <Radio.Group data-testid="triage-thoughts">
                {(['none', 'passive', 'active'] as const).map((x) => (
                  <Radio key={x} value={x} data-testid={`thoughts-${x}`}>
                    {t(`crisis.thoughts.${x}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="plan" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox data-testid="triage-plan">{t('crisis.triage.plan')}</Checkbox>
            </Form.Item>
            <Form.Item name="means" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox data-testid="triage-means">{t('crisis.triage.means')}</Checkbox>
            </Form.Item>
            <Form.Item name="recentAttempt" valuePropName="checked">
              <Checkbox>{t('crisis.triage.recentAttempt')}</Checkbox>
            </Form.Item>
            <Form.Item name="timeframe" label={t('crisis.triage.timeframe')}>
              <Select options={(['none', 'within_24h', 'within_week', 'later'] as const).map((x) => ({ value: x, label: t(`crisis.timeframe.${x}`) }))} data-testid="triage-timeframe" />
            </Form.Item>
            <Form.Item name="smdRiskLevel" label={t('crisis.triage.smdRisk')}>
              <InputNumber min={0} max={5} />
            </Form.Item>
            <Form.Item name="notes" label={t('crisis.triage.notes')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {event === 'admit' && (
          <>
            <Form.Item name="hospitalName" label={t('crisis.admission.hospital')} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="admittedOn" label={t('crisis.admission.date')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="involuntary" valuePropName="checked">
              <Checkbox>{t('crisis.admission.involuntary')}</Checkbox>
            </Form.Item>
          </>
        )}
        {event === 'discharge' && (
          <>
            <Form.Item name="dischargedOn" label={t('crisis.admission.dischargeDate')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="notes" label={t('crisis.admission.notes')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {event === 'give_feedback' && (
          <>
            <Form.Item name="checkEveryDays" label={t('crisis.feedback.every')} rules={[{ required: true }]}>
              <InputNumber min={1} max={90} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('crisis.feedback.phone')} rules={[{ pattern: /^[0-9+\- ]{3,20}$/ }]}>
              <Input inputMode="tel" />
            </Form.Item>
          </>
        )}
        {needsReview && (
          <Form.Item name="review" label={t('crisis.case.review')} extra={t('crisis.case.reviewHint')} rules={[{ required: true, min: 10 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
        {!FORM_EVENTS.has(event) && !needsReview && <Typography.Text>{t(`crisis.event.${event}`)}?</Typography.Text>}
      </Form>
    </Modal>
  );
}

function SafetyPlanCard({ c, editable, onSaved }: { c: CaseDetail; editable: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const plan = c.safetyPlan;

  async function save(v: Record<(typeof PLAN_KEYS)[number], string | undefined>) {
    setSaving(true);
    try {
      const body = Object.fromEntries(PLAN_KEYS.map((k) => [k, (v[k] ?? '').split('\n').map((s) => s.trim()).filter(Boolean)])) as unknown as SafetyPlan;
      await crisisApi.safetyPlan(api, c.id, body);
      setEditing(false);
      onSaved();
    } catch (e) {
      void message.error(t(`errors.${errorCode(e)}`));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      size="small"
      title={t('crisis.case.safetyPlan')}
      extra={
        <Space>
          {plan && <Typography.Text type="secondary">{t('crisis.plan.version', { version: plan.version })}</Typography.Text>}
          {editable && !editing && (
            <Button size="small" onClick={() => setEditing(true)} data-testid="edit-safety-plan">
              {t('crisis.edit')}
            </Button>
          )}
        </Space>
      }
    >
      {editing ? (
        <Form
          layout="vertical"
          onFinish={(v: Record<(typeof PLAN_KEYS)[number], string | undefined>) => void save(v)}
          initialValues={Object.fromEntries(PLAN_KEYS.map((k) => [k, plan ? plan[k].join('\n') : '']))}
        >
          {PLAN_KEYS.map((k) => (
            <Form.Item key={k} name={k} label={t(`crisis.plan.${k}`)} extra={t('crisis.plan.onePerLine')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('crisis.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('crisis.cancel')}</Button>
          </Space>
        </Form>
      ) : plan ? (
        <Descriptions size="small" column={1}>
          {PLAN_KEYS.map((k) => (
            <Descriptions.Item key={k} label={t(`crisis.plan.${k}`)}>
              {plan[k].join('；') || '—'}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('crisis.case.none')}</Typography.Text>
      )}
    </Card>
  );
}

function ContactsCard({ c, editable, onSaved }: { c: CaseDetail; editable: boolean; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ mode: string; reached: boolean; notes?: string }>();
  const [saving, setSaving] = useState(false);

  async function add(v: { mode: string; reached: boolean; notes?: string }) {
    setSaving(true);
    try {
      await crisisApi.contact(api, c.id, { mode: v.mode, reached: Boolean(v.reached), ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}) });
      form.resetFields();
      onSaved();
    } catch (e) {
      void message.error(t(`errors.${errorCode(e)}`));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={t('crisis.case.contacts')}>
      <List
        size="small"
        dataSource={c.contacts}
        locale={{ emptyText: t('crisis.case.none') }}
        renderItem={(x) => (
          <List.Item key={x.id}>
            <Space direction="vertical" size={0}>
              <span>
                {t(`crisis.mode.${x.mode}`)} · {x.reached ? t('crisis.case.reached') : t('crisis.case.notReached')}
              </span>
              {x.notes && <Typography.Text type="secondary">{x.notes}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('crisis.case.by', { name: x.byName, time: formatTime(x.at, i18n.language) })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {editable && (
        <Form form={form} layout="vertical" onFinish={(v) => void add(v)} initialValues={{ mode: 'phone', reached: true }} style={{ marginTop: 8 }}>
          <Space wrap align="end">
            <Form.Item name="mode" label={t('crisis.contact.mode')} style={{ minWidth: 140 }}>
              <Select options={CONTACT_MODES.map((m) => ({ value: m, label: t(`crisis.mode.${m}`) }))} />
            </Form.Item>
            <Form.Item name="reached" valuePropName="checked">
              <Checkbox>{t('crisis.contact.reached')}</Checkbox>
            </Form.Item>
          </Space>
          <Form.Item name="notes" label={t('crisis.contact.notes')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button htmlType="submit" loading={saving}>
            {t('crisis.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
