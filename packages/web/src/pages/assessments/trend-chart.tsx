import { useEffect, useRef } from 'react';
import type { Assessment } from '../../api/assessments-api.ts';
import { localeOf, severityColor, severityLabel, type InstrumentDefinition } from './instrument-helpers.ts';

/**
 * Totals of one instrument over time, each point in its severity colour, with the severity bands shaded
 * behind. ECharts is imported here, on demand, so no other page pays for it.
 */
export function TrendChart({ def, results, language }: { def: InstrumentDefinition; results: Assessment[]; language: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    void (async () => {
      const [core, charts, components, renderers] = await Promise.all([
        import('echarts/core'),
        import('echarts/charts'),
        import('echarts/components'),
        import('echarts/renderers'),
      ]);
      if (disposed) return;
      core.use([charts.LineChart, components.GridComponent, components.TooltipComponent, components.MarkAreaComponent, renderers.SVGRenderer]);
      const locale = localeOf(language);
      const points = results
        .filter((r) => r.total !== null && r.completedAt !== null)
        .sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
      const instance = core.init(el, undefined, { renderer: 'svg' });
      chart = instance;
      instance.setOption({
        animation: false,
        grid: { left: 36, right: 12, top: 12, bottom: 28 },
        tooltip: {
          trigger: 'item',
          formatter: (p: { data: { value: [string, number]; severity: string } }) =>
            `${new Date(p.data.value[0]).toLocaleDateString(language)}<br/>${p.data.value[1]} · ${severityLabel(def, p.data.severity, locale)}`,
        },
        xAxis: { type: 'time', minInterval: 24 * 3600_000, axisLabel: { hideOverlap: true, formatter: '{MM}-{dd}' } },
        yAxis: { type: 'value', min: def.totalRange.min, max: def.totalRange.max },
        series: [
          {
            type: 'line',
            symbolSize: 10,
            lineStyle: { color: '#8c8c8c' },
            data: points.map((r) => ({
              value: [r.completedAt, r.total],
              severity: r.severity,
              itemStyle: { color: severityColor(def, r.severity) },
            })),
            markArea: {
              silent: true,
              data: def.severityBands.map((b) => [
                { yAxis: b.min, itemStyle: { color: severityColor(def, b.name), opacity: 0.08 } },
                { yAxis: b.max },
              ]),
            },
          },
        ],
      });
      window.addEventListener('resize', onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [def, results, language]);
  return <div ref={ref} style={{ width: '100%', height: 180 }} data-testid={`trend-${def.id}`} />;
}
