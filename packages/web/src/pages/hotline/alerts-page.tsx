import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { hotlineApi, type HotlineAlert } from '../../api/hotline-api.ts';
import { useCan } from '../../auth/session-context.tsx';
import { categoryLabel } from './hotline-labels.ts';

/** Emerging-problem alerts (de-identified) and their acknowledgement by the authority. */
export default function AlertsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [items, setItems] = useState<HotlineAlert[] | null>(null);
  const load = useCallback(() => void hotlineApi(api).alerts().then((r) => setItems(r.items)), []);
  useEffect(load, [load]);
  return (
    <Card size="small" title={t('hotline.nav.alerts')}>
      <Table
        size="small"
        rowKey="id"
        loading={items === null}
        scroll={{ x: 'max-content' }}
        dataSource={items ?? []}
        locale={{ emptyText: t('hotline.alerts.none') }}
        columns={[
          { title: t('hotline.alerts.day'), dataIndex: 'day' },
          { title: t('hotline.alerts.category'), dataIndex: 'category', render: (v: string) => categoryLabel(v, i18n.language) },
          { title: t('hotline.alerts.region'), dataIndex: 'regionCode' },
          { title: t('hotline.alerts.observed'), dataIndex: 'observed' },
          { title: t('hotline.alerts.expected'), dataIndex: 'expected', render: (v: number) => v.toFixed(2) },
          { title: t('hotline.alerts.p'), dataIndex: 'pValue', render: (v: number) => v.toExponential(1) },
          {
            title: '',
            key: 'ack',
            render: (_: unknown, a: HotlineAlert) =>
              a.acknowledgedAt ? <Tag color="green">{t('hotline.alerts.acknowledged')}</Tag> : can('alert.acknowledge') ? (
                <Button size="small" onClick={() => void hotlineApi(api).acknowledge(a.id).then(load)}>{t('hotline.alerts.acknowledge')}</Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
