import { useEffect, useMemo, useState } from 'react';
import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, DatePicker, Dropdown, Row, Space, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { dashboardTableUrl, fetchDashboardSummary } from '../../api/dashboards-api.ts';
import type { DashboardSummary, DashboardTable } from '../../api/dashboards-api.ts';
import { useDocumentTitle } from '../../layout/use-document-title.ts';
import { useRegion } from '../../region/region-context.tsx';
import { ErrorNotice, useAsync } from '../register/register-support.tsx';
import { EChart } from './echart.tsx';
import type { ChartOption } from './echart.tsx';
import { FAMILY_VIEWS } from './family-views.ts';
import { figureDefinition, figureLabel, formatFigure, langOf } from './figure-labels.ts';

const FORMAT = 'YYYY-MM-DD';

type Crumb = { code: string; name: string };
type Child = DashboardSummary['children'][number];

function FigureTitle({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <Tooltip title={figureDefinition(id, lang)}>
      <span data-testid={`figure-title-${id}`}>
        {figureLabel(id, lang)} <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
      </span>
    </Tooltip>
  );
}

/**
 * /dashboards — figures of a region over a period, a daily trend, breakdowns and a drill-down table, for
 * the overview (register) and each service family (tabs; `?family=` keeps the choice in the address).
 */
export default function OverviewPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('dashboards.title'));
  const lang = langOf(i18n.language);
  const { region } = useRegion();
  const [params, setParams] = useSearchParams();
  const view = FAMILY_VIEWS.find((v) => v.key === params.get('family')) ?? (FAMILY_VIEWS[0] as (typeof FAMILY_VIEWS)[number]);
  const [path, setPath] = useState<Crumb[]>(region ? [region] : []);
  useEffect(() => setPath(region ? [region] : []), [region]);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const current = path[path.length - 1];
  const query = current ? { region: current.code, from: range[0].format(FORMAT), to: range[1].format(FORMAT) } : null;

  const [state, reload] = useAsync(async () => (query ? fetchDashboardSummary(api, query) : null), [query?.region, query?.from, query?.to]);
  const data = state.status === 'ready' ? state.data : null;

  const trendOption = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    return {
      grid: { left: 40, right: 12, top: 36, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'category', data: data.trend.map((p) => p.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: view.trend.map((id) => ({ name: figureLabel(id, lang), type: 'line', showSymbol: false, data: data.trend.map((p) => p.values[id] ?? 0) })),
    };
  }, [data, lang, view]);

  const childOption = useMemo<ChartOption | null>(() => {
    if (!data || data.children.length === 0) return null;
    const rows = [...data.children].sort((a, b) => (b.values[view.rank] ?? 0) - (a.values[view.rank] ?? 0)).slice(0, 15).reverse();
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((c) => c.name), axisLabel: { width: 96, overflow: 'truncate' } },
      series: [{ name: figureLabel(view.rank, lang), type: 'bar', data: rows.map((c) => c.values[view.rank] ?? 0), itemStyle: { color: '#1677ff' } }],
    };
  }, [data, lang, view]);

  const categoryOption = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const rows = view.breakdown.map((id) => ({ id, v: data.values[id] ?? 0 })).filter((r) => r.v > 0);
    if (rows.length === 0) return null;
    rows.sort((a, b) => a.v - b.v);
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => figureLabel(r.id, lang)), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [{ type: 'bar', data: rows.map((r) => r.v), itemStyle: { color: '#13a8a8' } }],
    };
  }, [data, lang, view]);

  const columns: TableColumnsType<Child> = [
    {
      title: t('dashboards.table.region'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, c) =>
        c.level === 'community' ? (
          name
        ) : (
          <Button type="link" size="small" style={{ padding: 0 }} data-testid={`drill-${c.code}`} onClick={() => setPath((p) => [...p, { code: c.code, name: c.name }])}>
            {name}
          </Button>
        ),
    },
    ...view.table.map((id) => ({
      title: <FigureTitle id={id} />,
      key: id,
      align: 'right' as const,
      sorter: (a: Child, b: Child) => (a.values[id] ?? -1) - (b.values[id] ?? -1),
      render: (_: unknown, c: Child) => formatFigure(id, c.values[id], i18n.language),
    })),
  ];

  const exportItems = (['children', 'trend', 'figures'] as DashboardTable[]).map((table) => ({
    key: table,
    label: (
      <a href={query ? dashboardTableUrl({ ...query, table, lang }) : undefined} download data-testid={`export-${table}`}>
        {t(`dashboards.export.${table}`)}
      </a>
    ),
  }));

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="dashboards-overview">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Breadcrumb
            data-testid="dashboards-breadcrumb"
            items={path.map((c, i) => ({
              title:
                i === path.length - 1 ? (
                  <Typography.Text strong>{c.name}</Typography.Text>
                ) : (
                  <a onClick={() => setPath((p) => p.slice(0, i + 1))}>{c.name}</a>
                ),
            }))}
          />
          <Space wrap>
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              presets={[
                { label: t('dashboards.range.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
                { label: t('dashboards.range.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
                { label: t('dashboards.range.last90'), value: [dayjs().subtract(89, 'day'), dayjs()] },
                { label: t('dashboards.range.lastMonth'), value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
                { label: t('dashboards.range.thisYear'), value: [dayjs().startOf('year'), dayjs()] },
              ]}
              style={{ maxWidth: 280 }}
            />
            <Dropdown menu={{ items: exportItems }} trigger={['click']}>
              <Button icon={<DownloadOutlined />} data-testid="dashboards-export">
                {t('dashboards.export.button')}
              </Button>
            </Dropdown>
          </Space>
        </Space>
      </Card>
      {state.status === 'error' && <ErrorNotice code={state.code} onRetry={reload} />}
      <Tabs
        data-testid="dashboards-family"
        size="small"
        activeKey={view.key}
        onChange={(key) => setParams((p) => {
          const next = new URLSearchParams(p);
          if (key === 'overview') next.delete('family');
          else next.set('family', key);
          return next;
        }, { replace: true })}
        items={FAMILY_VIEWS.map((v) => ({ key: v.key, label: <span data-testid={`family-${v.key}`}>{t(`dashboards.family.${v.key}`)}</span> }))}
        style={{ marginBottom: -12 }}
      />
      <Row gutter={[12, 12]}>
        {view.headline.map((id) => (
          <Col key={id} xs={12} sm={8} xl={4}>
            <Card size="small" loading={!data} data-testid={`figure-${id}`}>
              <Statistic title={<FigureTitle id={id} />} value={formatFigure(id, data?.values[id], i18n.language)} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('dashboards.charts.trend')}>
            {trendOption && <EChart option={trendOption} testId="dashboards-trend" />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t(`dashboards.breakdown.${view.key}`)}>
            {categoryOption ? (
              <EChart option={categoryOption} testId={view.key === 'overview' ? 'dashboards-categories' : 'dashboards-breakdown'} />
            ) : (
              <Typography.Text type="secondary">{t('dashboards.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      {data && data.children.length > 0 && (
        <Card size="small" title={t('dashboards.charts.children', { level: t(`regionLevels.${data.children[0]?.level ?? 'community'}`) })}>
          {childOption && <EChart option={childOption} height={Math.max(160, Math.min(15, data.children.length) * 26 + 20)} testId="dashboards-children-chart" />}
          <Table<Child>
            data-testid="dashboards-children"
            size="small"
            rowKey="code"
            columns={columns}
            dataSource={data.children}
            pagination={data.children.length > 20 ? { pageSize: 20, size: 'small' } : false}
            scroll={{ x: 'max-content' }}
          />
          {view.key !== 'overview' && <Typography.Text type="secondary">{t('dashboards.heldAtLevel')}</Typography.Text>}
        </Card>
      )}
      <Typography.Text type="secondary">{t('dashboards.freshness')}</Typography.Text>
    </Space>
  );
}
