import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { POPULATION_CATEGORIES } from '@anxin/domain/register/population-category.ts';
import { api } from '../../api/client.ts';
import { fetchPopulationStatus, populationXlsxUrl } from '../../api/dashboards-api.ts';
import type { PopulationStatus } from '../../api/dashboards-api.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';
import { ErrorNotice, useAsync } from '../register/register-support.tsx';
import { EChart } from './echart.tsx';
import type { ChartOption } from './echart.tsx';
import { langOf } from './figure-labels.ts';

type Group = PopulationStatus['groups'][number];
const pctText = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const rate = (m: { total: number; positive: number } | undefined) => (m && m.total > 0 ? m.positive / m.total : null);

/** /dashboards/population — which groups need attention: positive rates by category and instrument, rises flagged. */
export default function PopulationPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('dashboards.population.title'));
  const lang = langOf(i18n.language);
  const { region } = useRegion();
  const [state, reload] = useAsync(async () => (region ? fetchPopulationStatus(api, region.code) : null), [region?.code]);
  const data = state.status === 'ready' ? state.data : null;
  const [selected, setSelected] = useState<string | null>(null);
  const categoryName = (code: string) => (code === 'all' ? t('dashboards.population.all') : (POPULATION_CATEGORIES.find((c) => c.code === code)?.[lang] ?? code));
  const keyOf = (g: Group) => `${g.category}|${g.instrument}`;
  const current = data?.groups.find((g) => keyOf(g) === selected) ?? data?.groups[0];

  const option = useMemo<ChartOption | null>(() => {
    if (!current) return null;
    const severities = [...new Set(current.months.flatMap((m) => Object.keys(m.severities)))];
    return {
      grid: { left: 40, right: 12, top: 36, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'category', data: current.months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: severities.map((s) => ({ name: s, type: 'bar', stack: 'severity', data: current.months.map((m) => m.severities[s] ?? 0) })),
    };
  }, [current]);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="population-page">
      <Card
        size="small"
        title={t('dashboards.population.title')}
        extra={
          region && (
            <Button size="small" icon={<DownloadOutlined />} href={populationXlsxUrl(region.code, lang)} download data-testid="population-export">
              XLSX
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('dashboards.population.hint')}</Typography.Paragraph>
        {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
        <Table<Group>
          size="small"
          loading={state.status === 'loading'}
          rowKey={keyOf}
          dataSource={data?.groups ?? []}
          pagination={{ pageSize: 20, size: 'small' }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('dashboards.empty') }}
          onRow={(g) => ({ onClick: () => setSelected(keyOf(g)), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('dashboards.population.category'), key: 'category', render: (_: unknown, g: Group) => categoryName(g.category) },
            { title: t('dashboards.population.instrument'), dataIndex: 'instrument', render: (i: string) => i.toUpperCase() },
            {
              title: t('dashboards.population.previous'),
              key: 'prev',
              align: 'right',
              render: (_: unknown, g: Group) => `${pctText(rate(g.months[g.months.length - 2]))} (${g.months[g.months.length - 2]?.total ?? 0})`,
            },
            {
              title: t('dashboards.population.current'),
              key: 'cur',
              align: 'right',
              render: (_: unknown, g: Group) => `${pctText(rate(g.months[g.months.length - 1]))} (${g.months[g.months.length - 1]?.total ?? 0})`,
            },
            {
              title: t('dashboards.population.flag'),
              key: 'flag',
              render: (_: unknown, g: Group) => (g.rise.significant ? <Tag color="red">{t('dashboards.population.rising', { z: (g.rise.z ?? 0).toFixed(2) })}</Tag> : null),
            },
          ]}
        />
      </Card>
      {current && option && (
        <Card size="small" title={t('dashboards.population.distribution', { category: categoryName(current.category), instrument: current.instrument.toUpperCase() })}>
          <EChart option={option} testId="population-chart" />
        </Card>
      )}
    </Space>
  );
}
