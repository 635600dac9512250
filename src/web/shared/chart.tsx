import { useEffect, useRef, useState } from 'react';
import { Typography } from 'antd';
import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../i18n/i18n-context';

export type ChartOption = EChartsCoreOption;
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
 *
 * ECharts is loaded when the first chart is drawn (a dynamic import of echarts-setup.ts), so
 * neither the first load nor a page without charts carries it.
 */
export function Chart(props: { option: ChartOption; height?: number; label: string; onClick?: (item: ChartClick) => void; testId?: string }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const option = useRef(props.option);
  option.current = props.option;
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | null = null;
    import('./echarts-setup').then(
      ({ echarts }) => {
        if (gone || !box.current) return;
        const instance = echarts.init(box.current, undefined, { renderer: 'svg' });
        chart.current = instance;
        instance.on('click', (params) => onClick.current?.(params as unknown as ChartClick));
        instance.setOption(option.current, { notMerge: true });
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(box.current);
      },
      () => {
        if (!gone) setFailed(true);
      },
    );
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return (
    <div ref={box} role="img" aria-label={props.label} data-testid={props.testId} style={{ width: '100%', height: props.height ?? 280 }}>
      {failed ? <Typography.Text type="danger">{t('error.loadFailed')}</Typography.Text> : null}
    </div>
  );
}
