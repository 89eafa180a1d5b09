import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, InputNumber, List, Select, Space, Tag, Typography, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { personCareVisits, personCounseling, personReferrals, recordHandout, referralLetterUrl } from '../../api/service-api.ts';
import type { CareVisit, CounselingPlan, CounselingSession, Referral, ToolkitHandout } from '../../api/service-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { VisitItem } from './care-visit-tab.tsx';
import { SessionItem } from './counseling-tab.tsx';
import { errorText } from './service-support.tsx';

const ITEMS = ['handbook', 'service_leaflet', 'other'] as const;

/** The person page's service section: intervention plans, sessions, toolkit hand-outs (with a hand-out form) and care visits. */
export default function PersonServicePanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [data, setData] = useState<{ plans: CounselingPlan[]; sessions: CounselingSession[]; handouts: ToolkitHandout[] } | null>(null);
  const [visits, setVisits] = useState<CareVisit[]>([]);
  const [referrals, setReferrals] = useState<Referral[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [item, setItem] = useState<(typeof ITEMS)[number]>('handbook');
  const [label, setLabel] = useState('');
  const [quantity, setQuantity] = useState<number | null>(1);
  const mayHandOut = can('counseling.record') || can('care_visit.record');

  const load = useCallback(() => {
    if (can('followup.read')) {
      personCounseling(api, personId)
        .then(setData)
        .catch((e: unknown) => setError(errorText(t, e)));
    }
    if (can('care_visit.record')) {
      personCareVisits(api, personId)
        .then((r) => setVisits(r.items))
        .catch(() => setVisits([]));
    }
    if (can('referral.manage') || can('care_visit.record')) {
      personReferrals(api, personId)
        .then((r) => setReferrals(r.items))
        .catch(() => setReferrals([]));
    }
  }, [personId, can, t]);
  useEffect(load, [load]);

  const handOut = async () => {
    try {
      await recordHandout(api, { personId, item, quantity: quantity ?? 1, ...(item === 'other' ? { itemLabel: label } : {}) });
      void message.success(t('service.toolkitForm.saved'));
      setLabel('');
      load();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Card size="small" title={t('service.personPanel.title')} data-testid="service-panel" extra={<Link to="/service">{t('service.title')}</Link>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      {data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {data.plans.map((p) => (
            <Space key={p.id} wrap size={4}>
              <Typography.Text strong>{t('service.counseling.plans')}</Typography.Text>
              <Tag color="blue">{t(`service.type.${p.type}`)}</Tag>
              <Tag>{t(`service.planStatus.${p.status}`)}</Tag>
              <Typography.Text type="secondary">
                {p.startDate} · {t('service.counseling.sessionCount', { count: p.sessionCount })} · {p.responsibleName ?? p.teamName ?? ''}
              </Typography.Text>
            </Space>
          ))}
          <List size="small" dataSource={data.sessions.slice(0, 5)} locale={{ emptyText: t('service.common.empty') }} renderItem={(s) => <SessionItem s={s} onChanged={load} />} />
          <Typography.Text strong>{t('service.toolkitForm.title')}</Typography.Text>
          {data.handouts.map((h) => (
            <Typography.Text key={h.id} type="secondary" data-testid="handout-item">
              {h.handedOn} · {h.item === 'other' ? h.itemLabel : t(`service.toolkit.${h.item}`)} × {h.quantity} · {t('service.toolkitForm.by', { name: h.handedByName })}
            </Typography.Text>
          ))}
          {mayHandOut && (
            <Space wrap>
              <Select value={item} onChange={setItem} style={{ minWidth: 160 }} options={ITEMS.map((i) => ({ value: i, label: t(`service.toolkit.${i}`) }))} />
              {item === 'other' && <Input value={label} maxLength={100} placeholder={t('service.toolkitForm.label')} onChange={(e) => setLabel(e.target.value)} style={{ width: 160 }} />}
              <InputNumber min={1} max={20} value={quantity} onChange={setQuantity} aria-label={t('service.toolkitForm.quantity')} />
              <Button onClick={() => void handOut()} disabled={item === 'other' && label.trim() === ''} data-testid="handout-save">
                {t('service.toolkitForm.handOut')}
              </Button>
            </Space>
          )}
        </Space>
      )}
      {referrals.length > 0 && (
        <>
          <Typography.Text strong>{t('service.tabs.referrals')}</Typography.Text>
          <List
            size="small"
            dataSource={referrals.slice(0, 10)}
            renderItem={(r) => (
              <List.Item data-testid="person-referral">
                <Space wrap size={4}>
                  <Tag>{t(`service.referralStatus.${r.status}`)}</Tag>
                  <Typography.Text>{r.kind === 'aid' ? t(`service.need.${r.topic}`, { defaultValue: r.topic }) : t(`service.topic.${r.topic}`, { defaultValue: r.topic })}</Typography.Text>
                  <Typography.Text type="secondary">
                    {r.from?.name ?? r.sentByName} → {r.to.name}
                  </Typography.Text>
                  <a href={referralLetterUrl(r.id)} target="_blank" rel="noreferrer">
                    {t('service.referrals.print')}
                  </a>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      {visits.length > 0 && (
        <>
          <Typography.Text strong>{t('service.personPanel.visits')}</Typography.Text>
          <List size="small" dataSource={visits.slice(0, 5)} renderItem={(v) => <VisitItem v={v} />} />
        </>
      )}
    </Card>
  );
}
