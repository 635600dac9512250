import { useEffect, useRef } from 'react';
import { BarChart, GaugeChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the chart types the product draws, so a page that shows charts loads about a third of
// ECharts. Pages are split per route, so none of it reaches a page without charts.
echarts.use([BarChart, GaugeChart, HeatmapChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
/** What a click on a bar, point or cell reports (ECharts' own event parameters, the fields we use). */
export interface ChartClick {
  name: string;
  seriesName?: string;
  dataIndex: number;
  value: unknown;
  data: unknown;
}

/**
 * One ECharts chart, drawn as SVG, resized with its box. `onClick` makes each data item a drill-down. `label` names the chart for screen readers; a table or the numbers beside
 * it should carry the same figures for people who do not see the chart.
 */
export function Chart(props: { option: ChartOption; height?: number; label: string; onClick?: (item: ChartClick) => void; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;

  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => onClick.current?.(params as unknown as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return <div ref={box} role="img" aria-label={props.label} data-testid={props.testId} style={{ width: '100%', height: props.height ?? 280 }} />;
}
