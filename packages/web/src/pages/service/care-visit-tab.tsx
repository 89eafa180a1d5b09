import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, List, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NEED_DEFAULT_RECIPIENT, NEED_TYPES } from '@anxin/domain/service/care-visit.ts';
import type { NeedType } from '@anxin/domain/service/care-visit.ts';
import { api } from '../../api/client.ts';
import { listCareVisits, recordCareVisit, referralOrganizations } from '../../api/service-api.ts';
import type { CareVisit, OrgRef } from '../../api/service-api.ts';
import { PersonPicker, errorText, localToday, type PickedPerson } from './service-support.tsx';

const RECOVERY = ['good', 'stable', 'fluctuating', 'poor'] as const;
const ECONOMIC = ['adequate', 'tight', 'low_income', 'subsistence_allowance', 'extreme_poverty'] as const;

interface NeedState {
  urgent: boolean;
  aid: boolean;
  to: string | null;
}

/** A care visit's aid requests with status and outcome. */
export function VisitItem({ v }: { v: CareVisit }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid="visit-item">
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Typography.Text strong>{v.visitDate}</Typography.Text>
          <Typography.Text>{v.personName}</Typography.Text>
          <Tag>{t(`service.recovery.${v.recoverySituation}`)}</Tag>
          <Tag>{t(`service.economic.${v.economicSituation}`)}</Tag>
        </Space>
        {v.needs.length > 0 && (
          <Space wrap size={4}>
            {v.needs.map((n) => (
              <Tag key={n.type} color={n.urgency === 'urgent' ? 'red' : 'orange'}>
                {t(`service.need.${n.type}`)}
              </Tag>
            ))}
          </Space>
        )}
        {v.aidRequests.map((a) => (
          <Typography.Text key={a.id} type="secondary">
            {t('service.care.aidRequests')}：{t(`service.need.${a.needType}`)} → {a.toName} · {t(`service.referralStatus.${a.status}`)}
            {a.outcome ? ` · ${t('service.care.outcome')}：${a.outcome}` : ''}
          </Typography.Text>
        ))}
        <Typography.Text type="secondary">
          {t('service.care.visitor')}：{v.visitorName}
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

/** The care-visit form, phone-first: one column, big choices, needs as checkboxes each able to become an aid request. */
export function CareVisitTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [visitDate, setVisitDate] = useState(localToday());
  const [recovery, setRecovery] = useState<string>('stable');
  const [economic, setEconomic] = useState<string>('adequate');
  const [needs, setNeeds] = useState<Partial<Record<NeedType, NeedState>>>({});
  const [notes, setNotes] = useState('');
  const [orgs, setOrgs] = useState<OrgRef[]>([]);
  const [visits, setVisits] = useState<CareVisit[]>([]);
  const [mine, setMine] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(() => {
    listCareVisits(api, { mine, limit: 20 })
      .then((r) => setVisits(r.items))
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [mine, t]);
  useEffect(load, [load]);
  useEffect(() => {
    referralOrganizations(api)
      .then((r) => setOrgs(r.items))
      .catch(() => setOrgs([]));
  }, []);

  const defaultOrg = (need: NeedType): string | null => orgs.find((o) => o.type === NEED_DEFAULT_RECIPIENT[need])?.id ?? null;
  const toggle = (need: NeedType, on: boolean) =>
    setNeeds((n) => {
      const next = { ...n };
      if (on) next[need] = { urgent: false, aid: false, to: defaultOrg(need) };
      else delete next[need];
      return next;
    });
  const patch = (need: NeedType, change: Partial<NeedState>) => setNeeds((n) => ({ ...n, [need]: { ...(n[need] as NeedState), ...change } }));

  const save = async () => {
    if (!person) return;
    setSaving(true);
    setError(null);
    const chosen = NEED_TYPES.filter((n) => needs[n]);
    try {
      await recordCareVisit(api, {
        personId: person.id,
        visitDate,
        recoverySituation: recovery,
        economicSituation: economic,
        needs: chosen.map((n) => ({ type: n, urgency: needs[n]?.urgent ? 'urgent' : 'routine' })),
        ...(notes.trim() ? { notes } : {}),
        aidRequests: chosen
          .filter((n) => needs[n]?.aid && needs[n]?.to)
          .map((n) => ({ needType: n, toOrganizationId: needs[n]?.to as string })),
      });
      void message.success(t('service.care.saved'));
      setPerson(null);
      setNeeds({});
      setNotes('');
      load();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="care-visit-tab">
      <Card size="small" title={t('service.care.record')}>
        <Form layout="vertical">
          <Form.Item label={t('service.common.person')} required>
            <PersonPicker onPick={setPerson} value={person?.id ?? null} testId="visit-person" />
          </Form.Item>
          <Form.Item label={t('service.common.date')} required>
            <Input type="date" value={visitDate} max={localToday()} onChange={(e) => setVisitDate(e.target.value)} style={{ maxWidth: 220 }} />
          </Form.Item>
          <Form.Item label={t('service.care.recovery')} required>
            <Radio.Group value={recovery} onChange={(e) => setRecovery(String(e.target.value))} optionType="button" buttonStyle="solid" size="large">
              {RECOVERY.map((r) => (
                <Radio.Button key={r} value={r}>
                  {t(`service.recovery.${r}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('service.care.economic')} required>
            <Select size="large" value={economic} onChange={setEconomic} options={ECONOMIC.map((e) => ({ value: e, label: t(`service.economic.${e}`) }))} style={{ maxWidth: 320 }} />
          </Form.Item>
          <Form.Item label={t('service.care.needs')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {NEED_TYPES.map((n) => {
                const state = needs[n];
                return (
                  <div key={n} data-testid={`need-${n}`}>
                    <Checkbox checked={state !== undefined} onChange={(e) => toggle(n, e.target.checked)} style={{ minHeight: 32, alignItems: 'center' }}>
                      {t(`service.need.${n}`)}
                    </Checkbox>
                    {state && (
                      <Space wrap style={{ marginLeft: 24, marginTop: 4 }}>
                        <Checkbox checked={state.urgent} onChange={(e) => patch(n, { urgent: e.target.checked })}>
                          {t('service.care.urgent')}
                        </Checkbox>
                        <Checkbox checked={state.aid} onChange={(e) => patch(n, { aid: e.target.checked })} data-testid={`aid-${n}`}>
                          {t('service.care.requestAid')}
                        </Checkbox>
                        {state.aid && (
                          <Select
                            style={{ minWidth: 220 }}
                            value={state.to}
                            placeholder={t('service.care.aidTo')}
                            onChange={(v: string) => patch(n, { to: v })}
                            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
                          />
                        )}
                      </Space>
                    )}
                  </div>
                );
              })}
            </Space>
          </Form.Item>
          <Form.Item label={t('service.common.notes')}>
            <Input.TextArea rows={3} value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" size="large" block disabled={!person} loading={saving} onClick={() => void save()} data-testid="visit-save">
            {t('service.common.save')}
          </Button>
        </Form>
      </Card>
      <Card
        size="small"
        title={t('service.care.recent')}
        extra={
          <Space size={4}>
            <Switch size="small" checked={mine} onChange={setMine} />
            <Typography.Text>{t('service.care.mine')}</Typography.Text>
          </Space>
        }
      >
        <List dataSource={visits} locale={{ emptyText: t('service.common.empty') }} renderItem={(v) => <VisitItem v={v} />} />
      </Card>
    </Space>
  );
}
