import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, List, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { fetchContract, fetchTimeline, fetchVerifications, recordContract } from '../../api/register-api.ts';
import type { TimelineEntry } from '../../api/register-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { ErrorNotice, RegionName, errorCode, useAsync } from './register-support.tsx';
import { timelineKindLabel } from '../../i18n/event-labels.ts';

const formatTime = (iso: string, language: string): string =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export function VerificationCard({ personId }: { personId: string; onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [state, reload] = useAsync(() => fetchVerifications(api, personId), [personId]);
  return (
    <Card
      size="small"
      title={t('register.verification.title')}
      data-testid="verification-card"
      extra={
        can('verification.record') && (
          <Link to={`/register/persons/${personId}/verify`}>
            <Button size="small" type="primary" data-testid="open-verify">
              {t('register.verification.open')}
            </Button>
          </Link>
        )
      }
    >
      {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            <Tag color={state.data.status === 'pending' ? 'orange' : 'green'} data-testid="verification-status">
              {t(`register.verificationStatus.${state.data.status}`)}
            </Tag>
            {state.data.movedTo && (
              <Typography.Text type="secondary">
                {t('register.verification.movedTo')}：<RegionName code={state.data.movedTo} />
              </Typography.Text>
            )}
          </Space>
          <List
            size="small"
            dataSource={state.data.items}
            locale={{ emptyText: t('register.verification.none') }}
            renderItem={(v) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Space wrap>
                    <Typography.Text strong>{t(`register.event.${v.event}`)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t(`register.verificationStatus.${v.fromStatus}`)} → {t(`register.verificationStatus.${v.toStatus}`)}
                    </Typography.Text>
                  </Space>
                  <Typography.Text type="secondary">
                    {formatTime(v.recordedAt, i18n.language)} · {v.recordedByName ?? '—'}
                    {v.changed.length > 0 && ` · ${t('register.verification.changed')}：${v.changed.map((f) => (f === 'phone' ? t('register.field.phone') : t('register.field.address'))).join('、')}`}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

export function ContractCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [state, reload] = useAsync(() => fetchContract(api, personId), [personId]);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<{ code: string; field?: string | undefined } | null>(null);
  const [form] = Form.useForm<{ doctorName: string; signedOn: Dayjs; termMonths: number }>();
  return (
    <Card
      size="small"
      title={t('register.contract.title')}
      data-testid="contract-card"
      extra={
        can('contract.manage') && (
          <Button size="small" onClick={() => setAdding((v) => !v)} data-testid="record-contract">
            {t('register.contract.record')}
          </Button>
        )
      }
    >
      {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
      {state.status === 'ready' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={state.data.status === 'signed' ? 'green' : 'orange'} data-testid="contract-status">
              {t(`register.contractStatus.${state.data.status}`)}
            </Tag>
            {state.data.validThrough && (
              <Typography.Text type="secondary">{t('register.contract.validThrough', { date: state.data.validThrough })}</Typography.Text>
            )}
          </Space>
          {state.data.agreements.map((a) => (
            <Typography.Text key={a.id} type="secondary">
              {t('register.contract.agreement', { doctor: a.doctor, date: a.signedOn, months: a.termMonths })}
            </Typography.Text>
          ))}
        </Space>
      )}
      {adding && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ termMonths: 12 }}
          onFinish={(v) => {
            setError(null);
            recordContract(api, personId, { doctorName: v.doctorName.trim(), signedOn: v.signedOn.format('YYYY-MM-DD'), termMonths: v.termMonths })
              .then(() => {
                setAdding(false);
                form.resetFields();
                reload();
              })
              .catch((e: unknown) => setError({ code: errorCode(e) }));
          }}
        >
          <Form.Item name="doctorName" label={t('register.contract.doctor')} rules={[{ required: true, whitespace: true, message: t('register.form.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="signedOn" label={t('register.contract.signedOn')} rules={[{ required: true, message: t('register.form.required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="termMonths" label={t('register.contract.termMonths')} rules={[{ required: true, message: t('register.form.required') }]}>
            <InputNumber min={1} max={120} style={{ width: '100%' }} />
          </Form.Item>
          {error && <ErrorNotice code={error.code} />}
          <Button type="primary" htmlType="submit" block style={{ marginTop: 8 }}>
            {t('register.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** Timeline kinds by name: the register's own, then the shared events catalogue; unknown ones show their code. */
function useKindLabel(): (e: TimelineEntry) => string {
  const { t, i18n } = useTranslation();
  return (e) => timelineKindLabel(t, i18n, e.kind);
}

export function TimelineCard({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const label = useKindLabel();
  const [extra, setExtra] = useState<{ items: TimelineEntry[]; cursor: string | null } | null>(null);
  const [state, reload] = useAsync(() => {
    setExtra(null);
    return fetchTimeline(api, personId);
  }, [personId]);
  const [error, setError] = useState<string | null>(null);
  if (state.status === 'loading') return <Card size="small" loading title={t('register.timeline.title')} />;
  if (state.status === 'error') return <ErrorNotice code={state.code} onRetry={reload} />;
  const items = [...state.data.items, ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : state.data.nextCursor;
  return (
    <Card size="small" title={t('register.timeline.title')} data-testid="timeline-card">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('register.timeline.none')}</Typography.Text>
      ) : (
        <Timeline
          items={items.map((e) => ({
            key: e.id,
            children: (
              <Space direction="vertical" size={0}>
                <Typography.Text>{label(e)}</Typography.Text>
                <Typography.Text type="secondary">{formatTime(e.occurredAt, i18n.language)}</Typography.Text>
              </Space>
            ),
          }))}
        />
      )}
      {error && <Alert type="error" message={t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })} />}
      {cursor && (
        <Button
          block
          onClick={() => {
            fetchTimeline(api, personId, cursor).then(
              (page) => setExtra({ items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor }),
              (e: unknown) => setError(errorCode(e)),
            );
          }}
        >
          {t('register.search.more')}
        </Button>
      )}
    </Card>
  );
}
