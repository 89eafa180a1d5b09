import { useCallback, useEffect, useState } from 'react';
import { MedicineBoxOutlined } from '@ant-design/icons';
import { Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { acknowledgeHandover, fetchHandovers } from '../../api/register-api.ts';
import type { Handover } from '../../api/register-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { ErrorNotice, RegionName, errorCode } from './register-support.tsx';

type Status = 'new' | 'acknowledged' | 'closed';

/** /register/arrivals — the new-arrivals inbox: discharged, moved-in and newly registered people to verify. */
export default function ArrivalsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('register.arrivals.title'));
  const can = useCan();
  const navigate = useNavigate();
  const [status, setStatus] = useState<Status>('new');
  const [items, setItems] = useState<Handover[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (s: Status, after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchHandovers(api, s, after ?? undefined);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorCode(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(status, null);
  }, [load, status]);

  const acknowledge = (h: Handover) =>
    acknowledgeHandover(api, h.id).then(
      () => setItems((prev) => prev.filter((x) => x.id !== h.id)),
      (e: unknown) => setError(errorCode(e)),
    );

  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));

  return (
    <Card size="small" title={t('register.arrivals.title')} data-testid="arrivals-page">
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as Status)}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'new', label: t('register.arrivals.new') },
          { value: 'acknowledged', label: t('register.arrivals.acknowledged') },
          { value: 'closed', label: t('register.arrivals.closed') },
        ]}
      />
      {error && <ErrorNotice code={error} onRetry={() => void load(status, null)} />}
      <List
        loading={loading && items.length === 0}
        dataSource={items}
        locale={{ emptyText: t('register.arrivals.empty') }}
        renderItem={(h) => (
          <List.Item
            key={h.id}
            data-testid="arrival"
            style={h.medicationHandover ? { background: '#fff1f0', paddingInline: 8, borderRadius: 6 } : undefined}
          >
            <Space direction="vertical" size={6} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {h.person.name}
                </Typography.Text>
                <Tag>{t(`register.reason.${h.reason}`)}</Tag>
                <Tag color={h.person.verificationStatus === 'pending' || h.person.verificationStatus === 'moved' ? 'orange' : 'green'}>
                  {t(`register.verificationStatus.${h.person.verificationStatus}`)}
                </Tag>
                {h.medicationHandover && (
                  <Tag color="red" icon={<MedicineBoxOutlined />} data-testid="medication-flag">
                    {t('register.arrivals.medication')}
                  </Tag>
                )}
              </Space>
              <Typography.Text type="secondary">
                {t(`register.sex.${h.person.sex}`)} · {h.person.birthDate} · <RegionName code={h.regionCode} />
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('register.arrivals.received', { date: date(h.createdAt) })}
                {h.dischargeDate && ` · ${t('register.arrivals.discharged', { date: h.dischargeDate })}`}
                {h.toOrgName ? ` · ${h.toOrgName}` : ` · ${t('register.arrivals.unrouted')}`}
              </Typography.Text>
              <Space wrap>
                {can('verification.record') && h.status !== 'closed' && (
                  <Button
                    type="primary"
                    onClick={() => void navigate(`/register/persons/${h.person.id}/verify`, { state: { handover: h } })}
                    data-testid="arrival-verify"
                  >
                    {t('register.verification.open')}
                  </Button>
                )}
                {can('verification.record') && h.status === 'new' && (
                  <Button onClick={() => void acknowledge(h)} data-testid="arrival-acknowledge">
                    {t('register.arrivals.acknowledge')}
                  </Button>
                )}
                {h.reason !== 'moved_in' && <Link to={`/register/persons/${h.person.id}`}>{t('register.arrivals.openRecord')}</Link>}
              </Space>
            </Space>
          </List.Item>
        )}
      />
      {cursor && (
        <Button block onClick={() => void load(status, cursor)} loading={loading}>
          {t('register.search.more')}
        </Button>
      )}
    </Card>
  );
}
