import { BarChart, GaugeChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the chart types the product draws, so a page that shows charts loads about a third of
// ECharts. chart.tsx imports this module when a chart is first drawn, so a page that only may
// show a chart (a report tab not opened yet) does not load it either.
echarts.use([BarChart, GaugeChart, HeatmapChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export { echarts };
