import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Empty, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { hotlineApi, type StaffingPlan } from '../../api/hotline-api.ts';
import { HotlineChart } from './hotline-chart.tsx';
import { useLines } from './use-lines.ts';

const DAYS_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const DAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Forecast, Erlang C seats needed and the roster, hour by hour for the week. */
export default function PlannerPage() {
  const { t, i18n } = useTranslation();
  const { lines, line, setLineId, loading } = useLines();
  const [plan, setPlan] = useState<StaffingPlan | null>(null);
  useEffect(() => {
    if (line) void hotlineApi(api).plan(line.id).then(setPlan);
  }, [line]);
  const option = useMemo(() => {
    if (!plan) return null;
    const days = i18n.language.startsWith('zh') ? DAYS_ZH.map((d) => `周${d}`) : DAYS_EN;
    const labels = plan.rows.map((r) => `${days[Math.floor(r.hourOfWeek / 24)]} ${r.hourOfWeek % 24}:00`);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 40, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 23 } },
      yAxis: [{ type: 'value', name: t('hotline.planner.needed') }, { type: 'value', name: t('hotline.planner.forecast') }],
      series: [
        { name: t('hotline.planner.needed'), type: 'line', step: 'end', data: plan.rows.map((r) => r.seatsNeeded), symbol: 'none' },
        { name: t('hotline.planner.rostered'), type: 'line', step: 'end', data: plan.rows.map((r) => r.rostered), symbol: 'none' },
        { name: t('hotline.planner.forecast'), type: 'bar', yAxisIndex: 1, data: plan.rows.map((r) => r.forecastCalls), itemStyle: { opacity: 0.35 } },
      ],
    };
  }, [plan, t, i18n.language]);
  if (loading) return <Card loading />;
  if (!line) return <Empty description={t('hotline.wallboard.noLines')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Select style={{ minWidth: 240 }} value={line.id} onChange={setLineId} options={lines.map((l) => ({ value: l.id, label: `${l.number} · ${l.name}` }))} />
      {plan && (
        <Card size="small" title={t('hotline.planner.title', { level: Math.round(plan.target.level * 100), s: plan.target.withinSeconds })}>
          <Typography.Paragraph type="secondary">{t('hotline.planner.aht', { s: plan.ahtSeconds, w: plan.pastWeeks })} · {plan.weekStart}</Typography.Paragraph>
          {plan.shortfallHours > 0 && <Alert type="warning" showIcon message={t('hotline.planner.shortfall', { n: plan.shortfallHours })} style={{ marginBottom: 8 }} data-testid="planner-shortfall" />}
          {option && <HotlineChart option={option} height={320} testId="planner-chart" />}
        </Card>
      )}
    </Space>
  );
}
