import { useEffect, useMemo, useState } from 'react';
import { Card, Segmented, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { hotlineApi, type CallSummary } from '../../api/hotline-api.ts';
import { HotlineChart } from './hotline-chart.tsx';
import { categoryLabel, groupLabel } from './hotline-labels.ts';

/** Filed calls by period × problem category × region × caller group, with the trend by category. */
export default function SummaryPage() {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<'day' | 'week'>('day');
  const [data, setData] = useState<CallSummary | null>(null);
  useEffect(() => {
    void hotlineApi(api).summary(period).then(setData);
  }, [period]);
  const option = useMemo(() => {
    if (!data) return null;
    const periods = [...new Set(data.rows.map((r) => r.period))].sort();
    const totals = new Map<string, number>();
    for (const r of data.rows) totals.set(r.category, (totals.get(r.category) ?? 0) + r.calls);
    const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([c]) => c);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value' },
      series: top.map((c) => ({
        name: categoryLabel(c, i18n.language),
        type: 'line',
        data: periods.map((p) => data.rows.filter((r) => r.period === p && r.category === c).reduce((a, r) => a + r.calls, 0)),
      })),
    };
  }, [data, i18n.language]);
  const table = useMemo(() => {
    const acc = new Map<string, { key: string; category: string; regionCode: string; callerGroup: string; calls: number }>();
    for (const r of data?.rows ?? []) {
      const key = `${r.category}|${r.regionCode}|${r.callerGroup}`;
      const row = acc.get(key) ?? { key, category: r.category, regionCode: r.regionCode, callerGroup: r.callerGroup, calls: 0 };
      row.calls += r.calls;
      acc.set(key, row);
    }
    return [...acc.values()].sort((a, b) => b.calls - a.calls);
  }, [data]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Segmented value={period} onChange={(v) => setPeriod(v as 'day' | 'week')} options={[{ value: 'day', label: t('hotline.summary.day') }, { value: 'week', label: t('hotline.summary.week') }]} />
      <Card size="small" title={t('hotline.summary.trend')}>{option && <HotlineChart option={option} testId="summary-chart" />}</Card>
      <Card size="small" title={data ? `${data.from} – ${data.to}` : ''}>
        <Table
          size="small"
          rowKey="key"
          loading={data === null}
          scroll={{ x: 'max-content' }}
          dataSource={table}
          columns={[
            { title: t('hotline.summary.category'), dataIndex: 'category', render: (v: string) => categoryLabel(v, i18n.language) },
            { title: t('hotline.summary.region'), dataIndex: 'regionCode' },
            { title: t('hotline.summary.group'), dataIndex: 'callerGroup', render: (v: string) => groupLabel(v, i18n.language, t('hotline.record.generalPublic')) },
            { title: t('hotline.summary.calls'), dataIndex: 'calls' },
          ]}
        />
      </Card>
    </Space>
  );
}
