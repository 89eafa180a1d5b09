import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Modal, Radio, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import { PrinterOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { actOnReferral, referralLetterUrl, referralOrganizations, referralQueue, sendReferral } from '../../api/service-api.ts';
import type { OrgRef, Referral } from '../../api/service-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { PersonPicker, errorText, localDate, type PickedPerson } from './service-support.tsx';

const TOPICS = ['diagnosis', 'treatment_adjustment', 'admission', 'rehabilitation', 'community_management', 'psychological_support', 'social_support', 'other'] as const;
const STATUS_COLOR: Record<string, string> = { sent: 'gold', accepted: 'blue', seen: 'cyan', returned_with_advice: 'green', declined: 'red', closed: 'default' };
const NEEDS_TEXT = new Set(['decline', 'return_with_advice']);

function SendForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [orgs, setOrgs] = useState<(OrgRef & { regionCode: string })[]>([]);
  const [mine, setMine] = useState<string[]>([]);
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [topic, setTopic] = useState<string>('treatment_adjustment');
  const [urgency, setUrgency] = useState('routine');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    referralOrganizations(api)
      .then((r) => {
        setOrgs(r.items);
        setMine(r.mine);
        setFrom(r.mine[0] ?? null);
      })
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [t]);
  const save = async () => {
    if (!person || !to) return;
    try {
      await sendReferral(api, { personId: person.id, toOrganizationId: to, ...(from ? { fromOrganizationId: from } : {}), topic, urgency, ...(reason.trim() ? { reason } : {}) });
      onSaved();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <Modal open title={t('service.referrals.send')} onCancel={onClose} onOk={() => void save()} okButtonProps={{ disabled: !person || !to }} okText={t('service.common.save')} cancelText={t('service.common.cancel')}>
      <Form layout="vertical">
        {mine.length === 0 && <Alert type="warning" showIcon message={t('service.referrals.noOrg')} style={{ marginBottom: 12 }} />}
        <Form.Item label={t('service.common.person')} required>
          <PersonPicker onPick={setPerson} value={person?.id ?? null} testId="referral-person" />
        </Form.Item>
        {mine.length > 1 && (
          <Form.Item label={t('service.referrals.from')}>
            <Select value={from} onChange={setFrom} options={orgs.filter((o) => mine.includes(o.id)).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        )}
        <Form.Item label={t('service.referrals.to')} required>
          <Select
            showSearch
            optionFilterProp="label"
            value={to}
            onChange={setTo}
            data-testid="referral-to"
            options={orgs.filter((o) => !mine.includes(o.id)).map((o) => ({ value: o.id, label: `${o.name}（${t(`service.orgType.${o.type}`)}）` }))}
          />
        </Form.Item>
        <Form.Item label={t('service.referrals.topic')}>
          <Select value={topic} onChange={setTopic} options={TOPICS.map((v) => ({ value: v, label: t(`service.topic.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('service.referrals.urgency')}>
          <Radio.Group value={urgency} onChange={(e) => setUrgency(String(e.target.value))} optionType="button" options={['routine', 'urgent'].map((v) => ({ value: v, label: t(`service.urgency.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('service.referrals.reason')}>
          <Input.TextArea rows={3} value={reason} maxLength={4000} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}

/** Referral queues: incoming (my organization receives) and outgoing (my organization sent), with the actions each side may take. */
export function ReferralsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [direction, setDirection] = useState<'incoming' | 'outgoing'>('incoming');
  const [withClosed, setWithClosed] = useState(false);
  const [items, setItems] = useState<Referral[]>([]);
  const [orgCount, setOrgCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [texting, setTexting] = useState<{ id: string; event: string } | null>(null);
  const [text, setText] = useState('');

  const load = useCallback(() => {
    setError(null);
    referralQueue(api, { direction, status: withClosed ? 'all' : 'open' })
      .then((r) => {
        setItems(r.items);
        setOrgCount(r.organizations.length);
      })
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [direction, withClosed, t]);
  useEffect(load, [load]);

  const act = async (id: string, event: string, body?: string) => {
    try {
      await actOnReferral(api, id, event, body);
      void message.success(t(`service.referralEvent.${event}`));
      load();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="referrals-tab">
      <Space wrap>
        <Segmented
          value={direction}
          onChange={(v) => setDirection(v as 'incoming' | 'outgoing')}
          options={[
            { value: 'incoming', label: t('service.referrals.incoming') },
            { value: 'outgoing', label: t('service.referrals.outgoing') },
          ]}
        />
        <Space size={4}>
          <Switch size="small" checked={withClosed} onChange={setWithClosed} />
          <Typography.Text>{t('service.referrals.showClosed')}</Typography.Text>
        </Space>
        {can('referral.manage') && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => setSending(true)} data-testid="send-referral">
            {t('service.referrals.send')}
          </Button>
        )}
      </Space>
      {orgCount === 0 && direction === 'incoming' && <Alert type="info" showIcon message={t('service.referrals.noOrg')} />}
      {error && <Alert type="error" showIcon message={error} />}
      <Card size="small">
        <List
          dataSource={items}
          locale={{ emptyText: t('service.referrals.empty') }}
          data-testid="referral-list"
          renderItem={(r) => (
            <List.Item data-testid="referral-item">
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag color={STATUS_COLOR[r.status] ?? 'default'}>{t(`service.referralStatus.${r.status}`)}</Tag>
                  <Tag>{t(`service.kind.${r.kind}`)}</Tag>
                  {r.urgency === 'urgent' && <Tag color="red">{t('service.urgency.urgent')}</Tag>}
                  <Typography.Text strong>{r.personName}</Typography.Text>
                  <Typography.Text>{r.kind === 'aid' ? t(`service.need.${r.topic}`, { defaultValue: r.topic }) : t(`service.topic.${r.topic}`, { defaultValue: r.topic })}</Typography.Text>
                </Space>
                <Typography.Text type="secondary">
                  {r.from?.name ?? r.sentByName} → {r.to.name}
                </Typography.Text>
                <Typography.Text type="secondary">{t('service.referrals.sentAt', { date: localDate(r.sentAt), name: r.sentByName })}</Typography.Text>
                {r.reason && <Typography.Text>{r.reason}</Typography.Text>}
                {r.declineReason && (
                  <Typography.Text type="danger">
                    {t('service.referrals.declineReason')}：{r.declineReason}
                  </Typography.Text>
                )}
                {r.advice && (
                  <Typography.Text type="success">
                    {t('service.referrals.advice')}：{r.advice}
                  </Typography.Text>
                )}
                <Space wrap>
                  {r.allowedEvents.map((e) => (
                    <Button
                      key={e}
                      size="small"
                      type={e === 'decline' ? 'default' : 'primary'}
                      danger={e === 'decline'}
                      data-testid={`referral-${e}`}
                      onClick={() => {
                        if (!NEEDS_TEXT.has(e)) return void act(r.id, e);
                        setText('');
                        setTexting({ id: r.id, event: e });
                      }}
                    >
                      {t(`service.referralEvent.${e}`)}
                    </Button>
                  ))}
                  <Button size="small" icon={<PrinterOutlined />} href={referralLetterUrl(r.id)} target="_blank" data-testid="referral-print">
                    {t('service.referrals.print')}
                  </Button>
                </Space>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {sending && (
        <SendForm
          onClose={() => setSending(false)}
          onSaved={() => {
            setSending(false);
            void message.success(t('service.referrals.sent'));
            setDirection('outgoing');
            load();
          }}
        />
      )}
      {texting && (
        <Modal
          open
          title={t(`service.referralEvent.${texting.event}`)}
          onCancel={() => setTexting(null)}
          okButtonProps={{ disabled: text.trim() === '' }}
          okText={t('service.common.save')}
          cancelText={t('service.common.cancel')}
          onOk={() => {
            const { id, event } = texting;
            setTexting(null);
            void act(id, event, text);
          }}
        >
          <Input.TextArea
            rows={4}
            value={text}
            maxLength={4000}
            placeholder={texting.event === 'decline' ? t('service.referrals.declineReason') : t('service.referrals.advice')}
            onChange={(e) => setText(e.target.value)}
            data-testid="referral-text"
          />
        </Modal>
      )}
    </Space>
  );
}
